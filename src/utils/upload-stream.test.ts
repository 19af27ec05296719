import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { uploadWriteStream } from './upload-stream';

describe('uploadWriteStream', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upload-stream-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const closed = async (stream: fs.WriteStream) => {
    if (!stream.closed) await once(stream, 'close');
  };
  /** Whether the file is gone once the stream has closed: the removal is asynchronous, so it is waited for up to a deadline (a file that stays fails). */
  const goneAfterClose = async (stream: fs.WriteStream, filepath: string): Promise<boolean> => {
    await closed(stream);
    const deadline = Date.now() + 2000;
    while (fs.existsSync(filepath) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    return !fs.existsSync(filepath);
  };

  it('leaves no file when destroyed before its file was opened (the case formidable gets wrong)', async () => {
    const filepath = path.join(dir, 'early');
    const stream = uploadWriteStream({ filepath });
    stream.destroy(); // before the asynchronous open has run: it still creates the file
    expect(await goneAfterClose(stream, filepath)).toBe(true);
  });

  it('leaves no file when destroyed after part of the upload was written', async () => {
    const filepath = path.join(dir, 'partial');
    const stream = uploadWriteStream({ filepath });
    await once(stream, 'open');
    await new Promise<void>((resolve, reject) => stream.write(Buffer.alloc(4096, 'x'), (error) => (error ? reject(error) : resolve())));
    expect(fs.statSync(filepath).size).toBe(4096);
    stream.destroy();
    expect(await goneAfterClose(stream, filepath)).toBe(true);
  });

  it('keeps the whole file of an upload that finished', async () => {
    const filepath = path.join(dir, 'whole');
    const stream = uploadWriteStream({ filepath });
    stream.end(Buffer.from('name\nLab\n'));
    await closed(stream);
    expect(fs.readFileSync(filepath, 'utf8')).toBe('name\nLab\n');
  });
});
