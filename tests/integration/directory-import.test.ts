import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { directoryExporter } from '../../src/directory/exporter';
import { rorChecksum } from '../../src/directory/identifiers';
import { directoryImporter, type ImportOptions, type ImportReport } from '../../src/directory/importer';
import { createApiToken, ROOT, startApp, type TestApp } from '../helpers/app';
import { linksIn, paragraph } from '../helpers/blocks';
import { testDatabaseClient } from '../helpers/database';

const ORGANIZATION = 'api::organization.organization';
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'directory');
const run = promisify(execFile);

let app: TestApp;
let token: string;
let tmp: string;

beforeAll(async () => {
  app = await startApp();
  token = await createApiToken(app.strapi, 'full-access');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'directory-import-'));
});
afterAll(() => app?.stop());

const auth = () => ({ Authorization: `Bearer ${token}` });
const importFile = (options: Omit<ImportOptions, 'file'> & { file: string }): Promise<ImportReport> => directoryImporter({ strapi: app.strapi }).run(options);
const worker = () => app.strapi.plugin('org-linker').service<{ idle(): Promise<void> }>('worker');
const version = async () =>
  Number((await app.strapi.db.query('plugin::org-linker.state').findOne({ select: ['directoryVersion'], orderBy: { id: 'asc' } }))?.directoryVersion ?? 0);
const jobs = async () =>
  (await app.strapi.db.query('plugin::org-linker.relink-job').findMany({ orderBy: { id: 'asc' } })) as { id: number; kind: string; total: number | null; status: string }[];
const organizationRows = async () =>
  (await app.strapi.db.query(ORGANIZATION).findMany({ select: ['documentId', 'name', 'rorId', 'updatedAt', 'publishedAt'], orderBy: { id: 'asc' } })) as Record<string, unknown>[];
const writeJson = (name: string, value: unknown) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
};
const rorSample = (): Record<string, unknown>[] => JSON.parse(fs.readFileSync(path.join(FIXTURES, 'ror-sample.json'), 'utf8'));

const createArticle = async (title: string, text: string) => {
  const response = await app
    .http()
    .post('/api/articles')
    .set(auth())
    .send({ data: { title, date: '2024-02-02', body: [paragraph(text)] } });
  expect(response.status).toBe(201);
  return response.body.data.documentId as string;
};
const articleState = async (documentId: string) => {
  const row = await app.strapi.db.query('api::article.article').findOne({ where: { documentId, publishedAt: null }, select: ['body', 'updatedAt'] });
  return { links: linksIn(row!.body).map((link) => link.text), updatedAt: new Date(row!.updatedAt as string).getTime() };
};

describe('directory import from a ROR dump', () => {
  let imrArticle: string;
  let casArticle: string;
  let otherArticle: string;
  // Child before parent: the parent is resolved after every record is in.
  let rorFile: string;

  beforeAll(async () => {
    imrArticle = await createArticle('Metals', 'The Institute of Metal Research (中国科学院金属研究所) opened a lab.');
    casArticle = await createArticle('Academy', 'The Chinese Academy of Sciences met today.');
    otherArticle = await createArticle('Weather', 'Nothing about any organization here.');
    rorFile = writeJson('ror-reversed.json', rorSample().reverse());
  });

  it('creates and publishes the active records with their identifiers and parent, skips the withdrawn one, bumps the directory version once and queues one relink job', async () => {
    const versionBefore = await version();
    const jobsBefore = (await jobs()).length;
    const report = await importFile({ file: rorFile, format: 'ror', publish: true });
    expect(report).toMatchObject({ records: 3, created: 2, changed: 0, unchanged: 0, skipped: 1, refused: [], warnings: [], aborted: false });
    expect(await version()).toBe(versionBefore + 1);
    const queued = (await jobs()).slice(jobsBefore);
    expect(queued.map((job) => job.kind)).toEqual(['directory-import']);
    expect(report.relinkJob).toBe(queued[0].id);

    const imr = await app.strapi.documents(ORGANIZATION).findFirst({ filters: { rorId: { $eq: '00ag0rb94' } }, status: 'published', populate: { parent: true, aliases: true } });
    expect(imr).toMatchObject({ name: 'Institute of Metal Research', acronym: 'IMR', country: 'CN', city: 'Shenyang', type: 'research-institute', parent: { rorId: '034t30j35' } });
    expect((imr!.aliases as { text: string; language: string }[]).map((alias) => [alias.text, alias.language])).toEqual([['中国科学院金属研究所', 'zh']]);
    const cas = await app.strapi.documents(ORGANIZATION).findFirst({ filters: { rorId: '034t30j35' }, status: 'published' });
    expect(cas).toMatchObject({ name: 'Chinese Academy of Sciences', wikidataId: 'Q530471', website: 'http://english.cas.cn/' });
    expect(await app.strapi.db.query(ORGANIZATION).count({ where: { rorId: '03vek6s52' } })).toBe(0);

    const otherBefore = await articleState(otherArticle);
    await worker().idle();
    expect((await articleState(imrArticle)).links).toEqual(expect.arrayContaining(['Institute of Metal Research']));
    expect((await articleState(casArticle)).links).toEqual(['Chinese Academy of Sciences']);
    // The job looked only at the articles that name an imported organization: 2 articles, each a draft and a published row.
    const [job] = (await jobs()).filter((row) => row.id === report.relinkJob);
    expect(job).toMatchObject({ status: 'done', total: 4 });
    expect((await articleState(otherArticle)).updatedAt).toBe(otherBefore.updatedAt);
  });

  it('re-importing the same file changes nothing: no write, no version change, no job', async () => {
    const rowsBefore = await organizationRows();
    const [versionBefore, jobsBefore] = [await version(), (await jobs()).length];
    const report = await importFile({ file: rorFile, format: 'ror', publish: true });
    expect(report).toMatchObject({ created: 0, changed: 0, unchanged: 2, skipped: 1, refused: [], relinkJob: null });
    expect(await organizationRows()).toEqual(rowsBefore);
    expect([await version(), (await jobs()).length]).toEqual([versionBefore, jobsBefore]);
  });

  it('a changed record updates only that organization and relinks only its articles', async () => {
    const records = rorSample();
    const imr = records.find((record) => record.id === 'https://ror.org/00ag0rb94')!;
    (imr.names as unknown[]).push({ value: '金属所', types: ['alias'], lang: 'zh' });
    const file = writeJson('ror-changed.json', records);
    const newArticle = await createArticle('Short name', 'Scientists at 金属所 found a new alloy.');
    const rowsBefore = await organizationRows();
    const [casBefore, imrBefore] = [await articleState(casArticle), await articleState(imrArticle)];
    const versionBefore = await version();

    const report = await importFile({ file, format: 'ror', publish: true });
    expect(report).toMatchObject({ created: 0, changed: 1, unchanged: 1, refused: [] });
    expect(report.actions.find((action) => action.action === 'changed')).toMatchObject({ name: 'Institute of Metal Research', fields: ['aliases'] });
    const rowsAfter = await organizationRows();
    const changedRows = rowsAfter.filter((row, index) => JSON.stringify(row) !== JSON.stringify(rowsBefore[index]));
    expect(new Set(changedRows.map((row) => row.name))).toEqual(new Set(['Institute of Metal Research']));
    expect(await version()).toBe(versionBefore + 1);

    await worker().idle();
    expect((await articleState(newArticle)).links).toEqual(['金属所']);
    // The academy's article does not name the institute: the job never touched it.
    expect((await articleState(casArticle)).updatedAt).toBe(casBefore.updatedAt);
    const [job] = (await jobs()).filter((row) => row.id === report.relinkJob);
    // The institute's two articles (draft and published rows each), not the academy's.
    expect(job).toMatchObject({ kind: 'directory-import', status: 'done', total: 4 });
    expect((await articleState(imrArticle)).links).toEqual(imrBefore.links);
  });
});

describe('inactive and withdrawn ROR records', () => {
  it('--inactive import brings them in with autolink off (in the directory, never linked)', async () => {
    const withdrawn = { ...rorSample()[2], id: 'https://ror.org/01abcde97', names: [{ value: 'Withdrawn Test Institute', types: ['ror_display'], lang: 'en' }], external_ids: [] };
    const file = writeJson('ror-withdrawn.json', [withdrawn]);
    expect(await importFile({ file, format: 'ror' })).toMatchObject({ created: 0, skipped: 1 });
    expect(await importFile({ file, format: 'ror', inactive: 'import', publish: true })).toMatchObject({ created: 1, skipped: 0, refused: [] });
    expect(await app.strapi.documents(ORGANIZATION).findFirst({ filters: { rorId: '01abcde97' }, status: 'published' })).toMatchObject({
      name: 'Withdrawn Test Institute',
      autolink: false,
    });
  });
});

describe('bad input', () => {
  const records = [
    { name: 'Good Institute One', country: 'DE' },
    { name: '   ' },
    { name: 'Good Institute One', city: 'Berlin' },
    { name: 'Bad Id Institute', rorId: '034t30j36' },
    { name: 'Bad Country Institute', country: 'XX' },
    { name: 'Good Institute Two', parent: 'Good Institute One' },
  ];

  it('reports each refused record with its number and reason, and imports the rest', async () => {
    const before = await app.strapi.db.query(ORGANIZATION).count({});
    const report = await importFile({ file: writeJson('bad.json', records), format: 'json' });
    expect(report.refused).toEqual([
      { position: 2, reason: 'name: is missing or empty' },
      { position: 3, reason: 'duplicate of record 1 (same key name:good institute one)' },
      { position: 4, reason: 'rorId: "034t30j36" is not a valid identifier' },
      { position: 5, reason: 'country: must be an ISO 3166-1 alpha-2 country code, such as CN or DE' },
    ]);
    expect(report).toMatchObject({ created: 2, aborted: false });
    expect(await app.strapi.db.query(ORGANIZATION).count({})).toBe(before + 2);
    const two = await app.strapi.documents(ORGANIZATION).findFirst({ filters: { name: 'Good Institute Two' }, populate: { parent: true } });
    expect(two!.parent).toMatchObject({ name: 'Good Institute One' });
  });

  it('with --strict nothing is written when any record is refused', async () => {
    const strictRecords = [{ name: 'Strict One' }, { name: 'Strict Two', website: 'ftp://nope' }];
    const before = await organizationRows();
    const versionBefore = await version();
    const report = await importFile({ file: writeJson('strict.json', strictRecords), format: 'json', strict: true });
    expect(report).toMatchObject({ aborted: true, refused: [{ position: 2, reason: 'website: must be an http:// or https:// URL' }] });
    expect(await organizationRows()).toEqual(before);
    expect(await version()).toBe(versionBefore);
  });

  it('a malformed file is refused whole: nothing written', async () => {
    const file = path.join(tmp, 'malformed.json');
    fs.writeFileSync(file, '[{"name": "Half Written Institute"}, {"name": ');
    const before = await organizationRows();
    await expect(importFile({ file, format: 'json' })).rejects.toThrow('not a JSON array of records');
    expect(await organizationRows()).toEqual(before);
  });

  it('never overwrites an organization entered by staff unless the record names it by id', async () => {
    await app.strapi.documents(ORGANIZATION).create({ data: { name: 'Staff Entered University', city: 'Dalian' } });
    const report = await importFile({ file: writeJson('staff.json', [{ name: 'staff entered  university', city: 'Elsewhere' }]), format: 'json' });
    expect(report.refused).toEqual([{ position: 1, reason: expect.stringContaining('was entered by staff') }]);
    expect(await app.strapi.documents(ORGANIZATION).findFirst({ filters: { name: 'Staff Entered University' } })).toMatchObject({ city: 'Dalian' });
  });
});

describe('sectors in a file', () => {
  const SECTOR = 'api::sector.sector';
  const sectorsOf = async (name: string) => {
    const organization = await app.strapi.documents(ORGANIZATION).findFirst({ filters: { name }, populate: { sectors: { fields: ['name'] } } });
    return ((organization?.sectors ?? []) as { name: string }[]).map((sector) => sector.name).sort();
  };

  it('names sectors by name, Chinese name or slug, creates the missing ones once, and a second import changes nothing', async () => {
    await app.strapi.documents(SECTOR).create({ data: { name: 'New energy', nameZh: '新能源' } });
    const sectorsBefore = await app.strapi.db.query(SECTOR).count();
    const file = writeJson('sectors.json', [
      { name: 'Sector Lab One', sectors: ['new ENERGY', 'Hydrogen storage'] },
      // The same two sectors, named three ways; the new one is made once.
      { name: 'Sector Lab Two', sectors: ['新能源', 'new-energy', ' hydrogen storage '] },
    ]);
    const report = await importFile({ file, format: 'json' });
    expect(report).toMatchObject({ created: 2, refused: [], sectorsCreated: ['Hydrogen storage'] });
    expect(await app.strapi.db.query(SECTOR).count()).toBe(sectorsBefore + 1);
    expect(await app.strapi.db.query(SECTOR).findOne({ where: { name: 'Hydrogen storage' }, select: ['slug'] })).toEqual({ slug: 'hydrogen-storage' });
    expect(await sectorsOf('Sector Lab One')).toEqual(['Hydrogen storage', 'New energy']);
    expect(await sectorsOf('Sector Lab Two')).toEqual(['Hydrogen storage', 'New energy']);

    const again = await importFile({ file, format: 'json' });
    expect(again).toMatchObject({ created: 0, changed: 0, unchanged: 2, sectorsCreated: [] });
  });

  it("a record's sectors replace the organization's when they differ; a dry run only reports new sectors", async () => {
    const report = await importFile({ file: writeJson('sectors-changed.json', [{ name: 'Sector Lab One', sectors: ['hydrogen-storage'] }]), format: 'json' });
    expect(report.actions).toEqual([{ position: 1, name: 'Sector Lab One', action: 'changed', fields: ['sectors'] }]);
    expect(await sectorsOf('Sector Lab One')).toEqual(['Hydrogen storage']);

    const sectorsBefore = await app.strapi.db.query(SECTOR).count();
    const dry = await importFile({ file: writeJson('sectors-dry.json', [{ name: 'Sector Lab One', sectors: ['Fusion'] }]), format: 'json', dryRun: true });
    expect(dry).toMatchObject({ changed: 1, sectorsCreated: ['Fusion'] });
    expect(await app.strapi.db.query(SECTOR).count()).toBe(sectorsBefore);
    expect(await sectorsOf('Sector Lab One')).toEqual(['Hydrogen storage']);
  });

  it('refuses a record whose sectors are not names, with its number and reason', async () => {
    const report = await importFile({
      file: writeJson('sectors-bad.json', [
        { name: 'Sector Lab Three', sectors: ['  '] },
        { name: 'Sector Lab Four', sectors: ['x'.repeat(101)] },
      ]),
      format: 'json',
    });
    expect(report.refused).toEqual([
      { position: 1, reason: 'sectors.0: must not be empty' },
      { position: 2, reason: 'sectors.0: must be at most 100 characters' },
    ]);
  });
});

describe('dry run, export and the command line', () => {
  const cli = (args: string[]) =>
    run(process.execPath, [path.join(ROOT, 'dist', 'src', 'directory', 'cli.js'), ...args], { cwd: ROOT, env: { ...process.env }, maxBuffer: 16 * 1024 * 1024 }).catch(
      (error: { code: number; stdout: string; stderr: string }) => error
    );

  it('the CLI dry run reports created, changed, unchanged and refused, and writes nothing', async () => {
    const csv = path.join(tmp, 'dry.csv');
    fs.writeFileSync(
      csv,
      [
        'name,acronym,country,rorId',
        'Chinese Academy of Sciences,CAS,CN,034t30j35',
        'Institute of Metal Research,IMR,FR,00ag0rb94',
        'Brand New Institute,BNI,DE,',
        'Broken Institute,,DE,034t30j99',
      ].join('\n')
    );
    const before = await organizationRows();
    const versionBefore = await version();
    const result = await cli(['import', csv, '--dry-run', '--json']);
    const report = JSON.parse(result.stdout) as ImportReport;
    expect(report).toMatchObject({ dryRun: true, created: 1, changed: 1, unchanged: 1, refused: [{ position: 5, reason: 'rorId: "034t30j99" is not a valid identifier' }] });
    expect(report.actions).toEqual([
      { position: 2, name: 'Chinese Academy of Sciences', action: 'unchanged', fields: [] },
      { position: 3, name: 'Institute of Metal Research', action: 'changed', fields: ['country'] },
      { position: 4, name: 'Brand New Institute', action: 'created', fields: [] },
    ]);
    expect('code' in result ? result.code : 0).toBe(2);
    expect(await organizationRows()).toEqual(before);
    expect(await version()).toBe(versionBefore);
  });

  it.each(['csv', 'json'] as const)('export as %s then import changes nothing', async (format) => {
    const file = path.join(tmp, `export.${format}`);
    if (format === 'json') {
      const result = await cli(['export', '--format', 'json', '--out', file]);
      expect(result.stderr).toMatch(/Exported \d+ organizations/);
    } else {
      const chunks: string[] = [];
      await directoryExporter({ strapi: app.strapi }).export('csv', (chunk) => {
        chunks.push(chunk);
      });
      fs.writeFileSync(file, chunks.join(''));
    }
    const count = await app.strapi.db.query(ORGANIZATION).count({ where: { publishedAt: null } });
    const before = await organizationRows();
    const report = await importFile({ file, format });
    expect(report).toMatchObject({ records: count, created: 0, changed: 0, refused: [] });
    // Staff's entry is exported too; importing it back by name is refused rather than overwritten.
    expect(report.unchanged).toBe(count - report.refused.length);
    expect(await organizationRows()).toEqual(before);
  });
});

describe('organization identifiers through the API', () => {
  it('accepts the https://ror.org/ form, stores nine characters, finds it by filter, refuses duplicates and bad checksums', async () => {
    const created = await app
      .http()
      .post('/api/organizations')
      .set(auth())
      .send({ data: { name: 'Harvard University', rorId: 'https://ror.org/03vek6s52', wikidataId: 'q13371' } });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ rorId: '03vek6s52', wikidataId: 'Q13371' });
    const found = await app.http().get('/api/organizations').query({ 'filters[rorId][$eq]': '03vek6s52', status: 'draft' }).set(auth());
    expect(found.body.data.map((organization: { name: string }) => organization.name)).toEqual(['Harvard University']);

    const duplicate = await app
      .http()
      .post('/api/organizations')
      .set(auth())
      .send({ data: { name: 'Harvard Again', rorId: '03vek6s52' } });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error.message).toBe('rorId: "03vek6s52" is already the rorId of "Harvard University"');
    const badChecksum = await app
      .http()
      .post('/api/organizations')
      .set(auth())
      .send({ data: { name: 'Bad Checksum', rorId: '03vek6s53' } });
    expect(badChecksum.status).toBe(400);
    expect(badChecksum.body.error.message).toMatch(/^rorId: must be a ROR id/);
  });
});

describe('batch writes', () => {
  const SECTOR = 'api::sector.sector';
  type Row = Record<string, unknown>;
  const knex = () => app.strapi.db.connection;
  /** The stored rows of a document (draft first), with its components and links, ids replaced by what they point to. */
  const stored = async (documentId: string) => {
    const rows: Row[] = await knex()('organizations').where({ document_id: documentId }).orderByRaw('published_at is not null, id');
    const ids = rows.map((row) => Number(row.id));
    const cmps = (await knex()('organizations_cmps').whereIn('entity_id', ids).orderBy(['entity_id', 'order'])) as Row[];
    const aliases = (await knex()('components_organization_aliases').whereIn(
      'id',
      cmps.map((cmp) => Number(cmp.cmp_id))
    )) as Row[];
    const aliasById = new Map(aliases.map((alias) => [Number(alias.id), [alias.text, alias.language]]));
    const sectors = (await knex()('organizations_sectors_lnk').whereIn('organization_id', ids).orderBy(['organization_id', 'sector_ord'])) as Row[];
    const parents = (await knex()('organizations_parent_lnk').whereIn('organization_id', ids).orderBy('organization_id')) as Row[];
    const parentRows = (await knex()('organizations').whereIn(
      'id',
      parents.map((link) => Number(link.inv_organization_id))
    )) as Row[];
    const parentOf = new Map(parentRows.map((row) => [Number(row.id), `${row.document_id as string}/${row.published_at === null ? 'draft' : 'published'}`]));
    return rows.map((row) => {
      const id = Number(row.id);
      const {
        id: _id,
        document_id: _document,
        name: _name,
        name_key: _key,
        slug: _slug,
        created_at: created,
        updated_at: updated,
        published_at: published,
        imported_at: imported,
        ror_id: _ror,
        ...rest
      } = row;
      return {
        columns: rest,
        published: published !== null,
        timestamps: [created, updated, imported].map((value) => value !== null),
        components: cmps.filter((cmp) => Number(cmp.entity_id) === id).map((cmp) => [cmp.component_type, cmp.field, Number(cmp.order), aliasById.get(Number(cmp.cmp_id))]),
        sectors: sectors.filter((link) => Number(link.organization_id) === id).map((link) => [Number(link.sector_id), Number(link.sector_ord)]),
        parent: parents.filter((link) => Number(link.organization_id) === id).map((link) => [parentOf.get(Number(link.inv_organization_id)), link.organization_ord !== null]),
      };
    });
  };

  it('a batch-imported organization is stored field by field as the Document Service stores it (draft and published rows, nameKey, aliases, sectors, parent)', async () => {
    const sector = await app.strapi.documents(SECTOR).create({ data: { name: 'Batch compare sector' } });
    const parent = await app.strapi.documents(ORGANIZATION).create({ data: { name: 'Batch Compare Parent' }, status: 'published' });
    const fields = {
      acronym: 'BCI',
      aliases: [
        { text: 'Compare Alias', language: null },
        { text: '比较研究所', language: 'zh' },
      ],
      website: 'https://compare.example.org/',
      country: 'DE',
      city: 'Berlin',
      type: 'research-institute',
      wikidataId: null,
    };
    const viaDocuments = await app.strapi.documents(ORGANIZATION).create({
      data: { name: 'Compare Through Documents Institute', ...fields, sectors: [sector.documentId], parent: parent.documentId } as never,
      status: 'published',
    });
    // What the importer's own writes add to the Document Service's (the import marker).
    await app.strapi.db.query(ORGANIZATION).updateMany({ where: { documentId: viaDocuments.documentId }, data: { importedAt: new Date() } });

    const report = await importFile({
      file: writeJson('batch-compare.json', [
        {
          name: 'Compare Batch Institute',
          ...fields,
          aliases: ['Compare Alias', { text: '比较研究所', language: 'zh' }],
          wikidataId: undefined,
          sectors: ['Batch compare sector'],
          parent: 'Batch Compare Parent',
        },
      ]),
      format: 'json',
      publish: true,
    });
    expect(report).toMatchObject({ created: 1, refused: [], warnings: [] });
    const batch = await app.strapi.db.query(ORGANIZATION).findOne({ where: { name: 'Compare Batch Institute', publishedAt: null }, select: ['documentId', 'nameKey', 'slug'] });
    expect(batch).toMatchObject({ nameKey: 'compare batch institute', slug: 'compare-batch-institute' });

    const expected = await stored(viaDocuments.documentId);
    const actual = await stored(batch!.documentId as string);
    expect(expected.map((row) => row.published)).toEqual([false, true]);
    expect(actual).toEqual(expected);
    // Read back through the Document Service, both versions are the same as the other's.
    const read = (documentId: string, status: 'draft' | 'published') =>
      app.strapi.documents(ORGANIZATION).findOne({ documentId, status, populate: { aliases: true, sectors: { fields: ['name'] }, parent: { fields: ['name'] } } });
    for (const status of ['draft', 'published'] as const) {
      const strip = (value: Record<string, unknown> | null) => {
        const {
          id: _id,
          documentId: _documentId,
          name: _name,
          nameKey: _key,
          slug: _slug,
          createdAt: _c,
          updatedAt: _u,
          publishedAt: _p,
          importedAt: _i,
          aliases,
          ...rest
        } = value ?? {};
        return { ...rest, aliases: (aliases as { text: string; language: string | null }[]).map((alias) => [alias.text, alias.language]) };
      };
      const strippedSectors = (value: Record<string, unknown>) => ({ ...value, sectors: (value.sectors as { name: string }[]).map((item) => item.name) });
      expect(strippedSectors(strip(await read(batch!.documentId as string, status)))).toEqual(strippedSectors(strip(await read(viaDocuments.documentId, status))));
    }
  });

  it('changed records of one batch each get their own values, in the draft and the published row alike (one UPDATE per set of changed columns)', async () => {
    const ids = ['0casewa', '0casewb', '0casewc', '0casewd'].map((seven) => `${seven}${rorChecksum(seven)}`);
    const record = (index: number, name: string, city: string, status: string) => ({
      id: `https://ror.org/${ids[index]}`,
      names: [{ value: name, types: ['ror_display'], lang: 'en' }],
      locations: [{ geonames_details: { country_code: 'NO', name: city } }],
      status,
      types: ['facility'],
    });
    const first = [
      record(0, 'Casewise Lab Zero', 'Oslo', 'active'),
      record(1, 'Casewise Lab One', 'Oslo', 'active'),
      record(2, 'Casewise Lab Two', 'Bergen', 'active'),
      record(3, 'Casewise Lab Three', 'Bergen', 'active'),
    ];
    expect(await importFile({ file: writeJson('casewise-1.json', first), format: 'ror', inactive: 'import', publish: true })).toMatchObject({ created: 4, refused: [] });
    // Two changes of the same columns with different values (names and cities), two of autolink
    // alone (an import only ever turns it off: a record gone inactive).
    const second = [
      record(0, 'Casewise Lab Zero', 'Oslo', 'inactive'),
      record(1, 'Casewise Lab One', 'Oslo', 'withdrawn'),
      record(2, 'Casewise Lab Deux', 'Trondheim', 'active'),
      record(3, 'Casewise Lab Trois', 'Tromsø', 'active'),
    ];
    // Every UPDATE of the organizations table the import runs, from knex's own query events.
    const updates: string[] = [];
    const onQuery = (query: { sql: string }) => {
      if (/^update [`"]?organizations[`"]? /i.test(query.sql)) updates.push(query.sql);
    };
    knex().on('query', onQuery);
    let report: ImportReport;
    try {
      report = await importFile({ file: writeJson('casewise-2.json', second), format: 'ror', inactive: 'import', publish: true });
    } finally {
      knex().off('query', onQuery);
    }
    expect(report).toMatchObject({ changed: 4, refused: [] });
    // Two sets of changed columns (autolink; name and city): two statements, not one per organization.
    expect(updates).toHaveLength(2);
    const expected = [
      ['Casewise Lab Zero', 'Oslo', false],
      ['Casewise Lab One', 'Oslo', false],
      ['Casewise Lab Deux', 'Trondheim', true],
      ['Casewise Lab Trois', 'Tromsø', true],
    ];
    for (const status of ['draft', 'published'] as const) {
      const rows = await app.strapi.documents(ORGANIZATION).findMany({ filters: { rorId: { $in: ids } }, status, fields: ['name', 'city', 'autolink', 'rorId'], limit: 10 });
      expect(ids.map((id) => rows.find((row) => row.rorId === id)).map((row) => [row?.name, row?.city, row?.autolink])).toEqual(expected);
    }
    // The name key follows the name (the directory's search and the import's key by name use it).
    const keys = await knex()('organizations').whereIn('ror_id', ids.slice(2)).select('name', 'name_key').orderBy('id');
    expect(new Set(keys.map((row: Row) => `${row.name as string}=${row.name_key as string}`))).toEqual(
      new Set(['Casewise Lab Deux=casewise lab deux', 'Casewise Lab Trois=casewise lab trois'])
    );
  });

  it('writes many records in batches: every one created once, parents resolved across batches, a second run changes nothing', async () => {
    const previous = process.env.DIRECTORY_IMPORT_BATCH;
    process.env.DIRECTORY_IMPORT_BATCH = '7';
    try {
      // Children first, parents later in the file, across several batches of 7.
      const records = Array.from({ length: 40 }, (_, index) => ({
        name: `Batch Series Institute ${index}`,
        aliases: [`Batch Series Alias ${index}`],
        ...(index >= 20 ? { parent: `Batch Series Institute ${index - 20}` } : {}),
      })).reverse();
      const file = writeJson('batch-series.json', records);
      const versionBefore = await version();
      const jobsBefore = (await jobs()).length;
      const report = await importFile({ file, format: 'json', publish: true });
      expect(report).toMatchObject({ created: 40, refused: [], warnings: [] });
      expect(await version()).toBe(versionBefore + 1);
      expect((await jobs()).slice(jobsBefore).map((job) => job.kind)).toEqual(['directory-import']);
      const children = await app.strapi.documents(ORGANIZATION).findMany({
        filters: { name: { $startsWith: 'Batch Series Institute' }, parent: { name: { $startsWith: 'Batch Series Institute' } } },
        status: 'published',
        populate: { parent: { fields: ['name'] } },
        limit: 100,
      });
      expect(children.map((child) => [child.name, (child.parent as { name: string }).name]).sort()).toEqual(
        Array.from({ length: 20 }, (_, index) => [`Batch Series Institute ${index + 20}`, `Batch Series Institute ${index}`]).sort()
      );
      const rowsBefore = await organizationRows();
      expect(await importFile({ file, format: 'json', publish: true })).toMatchObject({ created: 0, changed: 0, unchanged: 40, refused: [] });
      expect(await organizationRows()).toEqual(rowsBefore);
    } finally {
      if (previous === undefined) delete process.env.DIRECTORY_IMPORT_BATCH;
      else process.env.DIRECTORY_IMPORT_BATCH = previous;
    }
  });
});

const onPostgres = testDatabaseClient() === 'postgres';
(onPostgres ? describe : describe.skip)(onPostgres ? 'planner statistics' : 'planner statistics (skipped: PostgreSQL only; SQLite plans without them)', () => {
  /** Rows PostgreSQL's planner believes each table holds (pg_class.reltuples, set by ANALYZE), and the rows it holds. */
  const estimates = async (tables: string[]) => {
    const knex = app.strapi.db.connection;
    return Promise.all(
      tables.map(async (table) => {
        const planned = await knex.raw<{ rows: { planned: string }[] }>('select reltuples::bigint as planned from pg_class where oid = ?::regclass', [table]);
        const counted = await knex(table).count<{ count: string }[]>({ count: '*' });
        return { table, planned: Number(planned.rows[0].planned), counted: Number(counted[0].count) };
      })
    );
  };

  it('an import that writes refreshes the statistics of every table it wrote, so the planner sees the new size', async () => {
    const meta = app.strapi.db.metadata.get(ORGANIZATION);
    const joinTableOf = (attribute: string) => (meta.attributes[attribute] as unknown as { joinTable: { name: string } }).joinTable.name;
    const tables = [meta.tableName, app.strapi.db.metadata.get('organization.alias').tableName, `${meta.tableName}_cmps`, joinTableOf('sectors'), joinTableOf('parent')];
    const file = writeJson(
      'statistics.json',
      Array.from({ length: 30 }, (_, index) => ({
        name: `Statistics Institute ${index}`,
        aliases: [`Statistics Alias ${index}`],
        sectors: ['Statistics sector'],
        ...(index > 0 ? { parent: 'Statistics Institute 0' } : {}),
      }))
    );
    const report = await importFile({ file, format: 'json', publish: true });
    expect(report).toMatchObject({ created: 30, refused: [], warnings: [] });
    // Without the import's ANALYZE (autovacuum is off here) the estimates would be those of before the 30 were written.
    for (const { table, planned, counted } of await estimates(tables)) expect({ table, planned }).toEqual({ table, planned: counted });
  });
});
