import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { csvHeaderProblem, foldName, mapCsvRow, mapJson, mapRor, recordKey, toCsvRow, toJsonEntry, type OrganizationRecord } from './formats';
import { MalformedFileError, readRecords } from './read';

const FIXTURES = path.resolve(__dirname, '..', '..', 'tests', 'fixtures', 'directory');

const collect = async (file: string, format: 'ror' | 'csv' | 'json') => {
  const out = [];
  for await (const mapped of readRecords(file, format)) out.push(mapped);
  return out;
};

const recordOf = (mapped: ReturnType<typeof mapRor>): OrganizationRecord => {
  if ('refusal' in mapped) throw new Error(`refused: ${mapped.refusal.reason}`);
  return mapped.record;
};

describe('ROR mapping (schema 2.1)', () => {
  it('maps names, acronyms, labels, location, website, type, wikidata and parent', async () => {
    const [cas, imr, harvard] = (await collect(path.join(FIXTURES, 'ror-sample.json'), 'ror')).map(recordOf);
    expect(cas).toEqual({
      position: 1,
      name: 'Chinese Academy of Sciences',
      acronym: 'CAS',
      aliases: [
        { text: 'CAS-B', language: null },
        { text: '中国科学院', language: 'zh' },
        { text: 'Academia Sinica (Beijing)', language: 'en' },
      ],
      website: 'http://english.cas.cn/',
      country: 'CN',
      city: 'Beijing',
      // ROR lists it as government and facility; facility ranks first (research-institute).
      type: 'research-institute',
      rorId: '034t30j35',
      wikidataId: 'Q530471',
      sectors: null,
      parent: null,
      status: 'active',
    });
    expect(imr).toMatchObject({ name: 'Institute of Metal Research', acronym: 'IMR', type: 'research-institute', parent: { rorId: '034t30j35' }, city: 'Shenyang' });
    expect(harvard).toMatchObject({ status: 'withdrawn', type: 'university', wikidataId: 'Q13371', rorId: '03vek6s52' });
  });

  it('refuses a record without a usable name or with a bad id, saying why', () => {
    expect(mapRor({ id: 'https://ror.org/034t30j35', names: [{ value: 'X', types: ['acronym'] }] }, 4)).toEqual({
      refusal: { position: 4, reason: 'names: has no ror_display or label name' },
    });
    expect(mapRor({ id: 'https://ror.org/034t30j36', names: [{ value: 'X', types: ['ror_display'] }] }, 5)).toEqual({
      refusal: { position: 5, reason: 'id: "https://ror.org/034t30j36" is not a valid identifier' },
    });
    expect(mapRor('nope', 6)).toEqual({ refusal: { position: 6, reason: 'is not a JSON object' } });
  });
});

describe('CSV mapping', () => {
  it('reads the documented columns with line numbers, lists split on |, labels as language:text', async () => {
    const [cas, imr, syiit] = (await collect(path.join(FIXTURES, 'members.csv'), 'csv')).map(recordOf);
    expect(cas).toMatchObject({
      position: 2,
      name: 'Chinese Academy of Sciences',
      rorId: '034t30j35',
      country: 'cn',
      aliases: [
        { text: 'Academia Sinica (Beijing)', language: null },
        { text: '中国科学院', language: 'zh' },
      ],
    });
    expect(imr).toMatchObject({ position: 3, parent: { rorId: '034t30j35' }, sectors: ['advanced materials', 'metallurgy'] });
    expect(syiit).toMatchObject({ position: 4, name: 'Shenyang Institute of Industrial Technology, Ltd.', parent: { name: 'Chinese Academy of Sciences' } });
  });

  it('refuses an unknown column as a malformed file, naming it', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'directory-')), 'bad.csv');
    fs.writeFileSync(file, 'name,colour\nA,blue\n');
    await expect(collect(file, 'csv')).rejects.toThrow(
      new MalformedFileError('line 1: unknown column "colour" (known: name, acronym, aliases, labels, country, city, website, type, parent, rorId, wikidataId, sectors)')
    );
    expect(csvHeaderProblem(['acronym'])).toBe('the header has no "name" column');
  });

  it('refuses a row with no name or a bad label, by line', () => {
    expect(mapCsvRow({ name: '  ' }, 7)).toEqual({ refusal: { position: 7, reason: 'name: is empty' } });
    expect(mapCsvRow({ name: 'A', labels: 'no-colon' }, 8)).toMatchObject({ refusal: { position: 8 } });
    expect(mapCsvRow({ name: 'A', wikidataId: 'P31' }, 9)).toEqual({ refusal: { position: 9, reason: 'wikidataId: "P31" is not a valid identifier' } });
  });
});

describe('JSON mapping (organizations.json form)', () => {
  it('maps entries, aliases as text or { text, language }, parent by name', () => {
    expect(
      recordOf(mapJson({ name: 'Institute of Metals Research', aliases: ['金属所', { text: 'IMR CAS', language: 'en' }], parent: 'Chinese Academy of Sciences' }, 3))
    ).toMatchObject({
      position: 3,
      aliases: [
        { text: '金属所', language: null },
        { text: 'IMR CAS', language: 'en' },
      ],
      parent: { name: 'Chinese Academy of Sciences' },
    });
  });

  it('refuses unknown fields and a malformed file', async () => {
    expect(mapJson({ name: 'A', colour: 'blue' }, 2)).toEqual({ refusal: { position: 2, reason: 'unknown field "colour"' } });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'directory-')), 'bad.json');
    fs.writeFileSync(file, '[{"name": "A"}, {"name": ');
    await expect(collect(file, 'json')).rejects.toThrow(MalformedFileError);
  });
});

describe('keys and export rows', () => {
  it('keys by rorId, else wikidataId, else the folded name', () => {
    expect(recordKey({ rorId: '034t30j35', wikidataId: 'Q1', name: 'A' })).toBe('ror:034t30j35');
    expect(recordKey({ rorId: null, wikidataId: 'Q1', name: 'A' })).toBe('wikidata:Q1');
    expect(recordKey({ rorId: null, wikidataId: null, name: '  Chinese   ACADEMY of Sciences ' })).toBe('name:chinese academy of sciences');
    expect(foldName('ＣＡＳ')).toBe('cas');
  });

  it('an exported row maps back to the same record (CSV and JSON)', () => {
    const record = {
      name: 'Institute of Metal Research',
      acronym: 'IMR',
      aliases: [
        { text: 'Metal Research, Institute of', language: null },
        { text: '中国科学院金属研究所', language: 'zh' },
      ],
      website: null,
      country: 'CN',
      city: 'Shenyang',
      type: 'research-institute',
      rorId: '00ag0rb94',
      wikidataId: null,
      sectors: ['metallurgy'],
      parent: '034t30j35',
    };
    const fromCsv = recordOf(
      mapCsvRow(
        Object.fromEntries(
          ['name', 'acronym', 'aliases', 'labels', 'country', 'city', 'website', 'type', 'parent', 'rorId', 'wikidataId', 'sectors'].map((column, i) => [
            column,
            toCsvRow(record)[i],
          ])
        ),
        2
      )
    );
    const fromJson = recordOf(mapJson(JSON.parse(JSON.stringify(toJsonEntry(record))), 1));
    for (const mapped of [fromCsv, fromJson]) expect({ ...mapped, position: 0 }).toEqual({ ...record, position: 0, parent: { rorId: '034t30j35' }, status: 'active' });
  });
});
