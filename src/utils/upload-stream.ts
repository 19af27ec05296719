import fs from 'node:fs';

/**
 * The write stream of each file of a multipart request (strapi::body's formidable option
 * `fileWriteStreamHandler`). formidable's own file, when a request fails mid-upload (a file over
 * BODY_FILE_LIMIT, a client that goes away), destroys its stream and unlinks the path at once,
 * without waiting: when that happens before the stream has opened its file (the limit crossed in
 * the first chunk, a client gone after a few bytes), the unlink finds nothing and the file,
 * created a moment later, stays for good. This stream removes its own file once it has closed
 * without having finished, so a refused upload leaves nothing whenever it is cut off.
 */
export const uploadWriteStream = (file: { filepath: string }): fs.WriteStream => {
  const stream = fs.createWriteStream(file.filepath);
  stream.once('close', () => {
    if (!stream.writableFinished) fs.unlink(file.filepath, () => undefined); // an error: already gone
  });
  return stream;
};
