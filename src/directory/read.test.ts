import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { rorChecksum } from './identifiers';
import { readRecords } from './read';

/** V8's collector, reachable without starting Jest with --expose-gc. */
const collectGarbage = (): void => {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
};

/** A ROR dump of `count` records, each with 8 KB of text the mapping leaves out (its size in bytes). */
const writeRorDump = (file: string, count: number): number => {
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, '[');
  for (let index = 0; index < count; index++) {
    const seven = `0${100000 + index}`;
    const record = {
      id: `https://ror.org/${seven}${rorChecksum(seven)}`,
      names: [
        { value: `Institute of Applied Testing ${index}`, types: ['ror_display', 'label'], lang: 'en' },
        { value: `IAT${index}`, types: ['acronym'], lang: null },
        { value: `Applied Testing Institute of Region ${index}`, types: ['alias'], lang: 'en' },
      ],
      status: 'active',
      types: ['facility'],
      locations: [{ geonames_id: 1, geonames_details: { name: 'Shenyang', country_code: 'CN' } }],
      links: [{ type: 'website', value: `https://testing-${index}.example.org/` }],
      external_ids: [{ type: 'wikidata', all: [`Q${1000 + index}`], preferred: `Q${1000 + index}` }],
      relationships: [],
      domains: [`testing-${index}.example.org`],
      admin: { note: 'x'.repeat(8 * 1024) },
    };
    fs.writeSync(out, `${index > 0 ? ',' : ''}${JSON.stringify(record)}`);
  }
  fs.writeSync(out, ']');
  fs.closeSync(out);
  return fs.statSync(file).size;
};

describe('readRecords', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-records-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  // The importer keeps every record's names and identifiers in its index: what it keeps must not
  // keep alive the chunks of the file they were read from, or memory grows with the file.
  it('keeps none of the file in memory through the ROR records it returns', async () => {
    const count = 3000;
    const fileBytes = writeRorDump(path.join(dir, 'ror.json'), count);
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    const kept = [];
    for await (const mapped of readRecords(path.join(dir, 'ror.json'), 'ror')) kept.push(mapped);
    collectGarbage();
    const held = process.memoryUsage().heapUsed - before;
    expect(kept).toHaveLength(count);
    expect(kept[count - 1]).toMatchObject({ record: { name: `Institute of Applied Testing ${count - 1}`, acronym: `IAT${count - 1}` } });
    // What the mapping keeps is well under a kilobyte a record; the file is 8 KB a record.
    expect(held).toBeLessThan(fileBytes / 8);
  });
});
