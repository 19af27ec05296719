import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { linksIn, paragraph } from '../helpers/blocks';
import { loadFixtureDirectory, SEED_ORGANIZATIONS } from '../helpers/factories';

/**
 * One pass per save, and relinks in batches: the relation is written as a difference (an update
 * naming the same organizations writes no relation rows), a publish right after a save does not
 * link the draft again, and a relink writes a whole batch of articles with one UPDATE.
 */

const ARTICLE = 'api::article.article';
let app: TestApp;
let token: string;
let directory: Map<string, string>;

beforeAll(async () => {
  app = await startApp();
  token = await createApiToken(app.strapi, 'full-access');
  directory = await loadFixtureDirectory(app.strapi);
});
afterAll(() => app?.stop());

const auth = () => ({ Authorization: `Bearer ${token}` });
const [FIRST, SECOND] = SEED_ORGANIZATIONS;

/** The SQL the app runs while `work` runs (knex 'query' events, every connection). */
const queriesDuring = async (work: () => Promise<unknown>): Promise<string[]> => {
  const seen: string[] = [];
  const listener = (query: { sql: string }) => seen.push(query.sql);
  app.strapi.db.connection.on('query', listener);
  try {
    await work();
  } finally {
    app.strapi.db.connection.off('query', listener);
  }
  return seen;
};

const joinTable = () =>
  (app.strapi.db.metadata.get(ARTICLE).attributes.mentionedOrganizations as unknown as { joinTable: { name: string; joinColumn: { name: string } } }).joinTable;

/** The relation rows (their own ids) of the draft of an article. */
const draftRelationRows = async (documentId: string) => {
  const draft = await app.strapi.db.query(ARTICLE).findOne({ where: { documentId, publishedAt: null }, select: ['id'] });
  const table = joinTable();
  const rows = (await app.strapi.db.connection(table.name).select('id').where(table.joinColumn.name, draft!.id).orderBy('id')) as { id: number }[];
  return rows.map((row) => Number(row.id));
};

const writesTo = (queries: string[], table: string) => queries.filter((sql) => /^\s*(insert|delete|update)/i.test(sql) && sql.includes(table));

const saveDraft = async (documentId: string | null, body: unknown) => {
  const response = documentId
    ? await app.http().put(`/api/articles/${documentId}?status=draft`).set(auth()).send({ data: { body } })
    : await app
        .http()
        .post('/api/articles?status=draft')
        .set(auth())
        .send({ data: { title: 'Once', date: '2024-05-05', body } });
  expect(response.status).toBe(documentId ? 200 : 201);
  return response.body.data.documentId as string;
};

describe('the relation as a difference', () => {
  it('an update that names the same organizations writes no relation rows', async () => {
    const documentId = await saveDraft(null, [paragraph(`The ${FIRST} met the ${SECOND}.`)]);
    const before = await draftRelationRows(documentId);
    expect(before).toHaveLength(2);
    const queries = await queriesDuring(() => saveDraft(documentId, [paragraph(`The ${FIRST} met the ${SECOND}.`), paragraph('One more sentence.')]));
    expect(writesTo(queries, joinTable().name)).toEqual([]);
    expect(await draftRelationRows(documentId)).toEqual(before);
  });

  it('an update that drops an organization deletes its row only', async () => {
    const documentId = await saveDraft(null, [paragraph(`The ${FIRST} met the ${SECOND}.`)]);
    const [firstRow] = await draftRelationRows(documentId);
    const queries = await queriesDuring(() => saveDraft(documentId, [paragraph(`The ${FIRST} met nobody.`)]));
    const writes = writesTo(queries, joinTable().name);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^\s*delete/i);
    expect(await draftRelationRows(documentId)).toEqual([firstRow]);
    const stored = await app.strapi.db.query(ARTICLE).findOne({ where: { documentId, publishedAt: null }, populate: { mentionedOrganizations: { select: ['documentId'] } } });
    expect((stored!.mentionedOrganizations as { documentId: string }[]).map((organization) => organization.documentId)).toEqual([directory.get(FIRST)]);
  });
});

describe('publish after save', () => {
  it('does not link the draft again when nothing changed since the save, and does after a directory change', async () => {
    const documentId = await saveDraft(null, [paragraph(`The ${FIRST} met the ${SECOND}.`)]);
    // The link step reads the rows it links with the search copy (linker_text); Strapi's publish reads them with t0.*.
    const linkerReads = (queries: string[]) => queries.filter((sql) => /^\s*select/i.test(sql) && sql.includes('linker_text'));
    const publish = () => app.strapi.documents(ARTICLE).publish({ documentId });
    expect(linkerReads(await queriesDuring(publish))).toEqual([]);
    const published = await app.strapi.db
      .query(ARTICLE)
      .findOne({ where: { documentId, publishedAt: { $notNull: true } }, select: ['body'], populate: { mentionedOrganizations: { select: ['documentId'] } } });
    expect(linksIn(published!.body).map((link) => link.text)).toEqual([FIRST, SECOND]);
    expect((published!.mentionedOrganizations as { documentId: string }[]).map((organization) => organization.documentId)).toEqual([directory.get(FIRST), directory.get(SECOND)]);

    await app.strapi.db.transaction(() => app.strapi.plugin('org-linker').service('directory').directoryChanged());
    expect(linkerReads(await queriesDuring(publish)).length).toBeGreaterThan(0);
  });
});

describe('relinks in batches', () => {
  it('relinks every article with one UPDATE of the articles table per batch', async () => {
    const table = app.strapi.db.metadata.get(ARTICLE).tableName;
    for (let index = 0; index < 6; index += 1) {
      const response = await app
        .http()
        .post('/api/articles')
        .set(auth())
        .send({ data: { title: `Batch ${index}`, date: '2024-05-06', body: [paragraph(`News from the ${FIRST}.`)] } });
      expect(response.status).toBe(201);
    }
    const rows = await app.strapi.db.query(ARTICLE).count({});
    expect(rows).toBeLessThan(200); // one batch at the default size
    const settings = app.strapi.plugin('org-linker').service('settings');
    await app.strapi.db.transaction(async () => {
      await settings.save({ ...(await settings.read()), urlTemplate: '/network/{slug}' });
      await app.strapi.plugin('org-linker').service('directory').settingsChanged();
    });
    const queries = await queriesDuring(async () => {
      await app.strapi.plugin('org-linker').service('jobs').startRelinkAll();
      await app.strapi.plugin('org-linker').service('worker').idle();
    });
    expect(writesTo(queries, table).filter((sql) => /^\s*update/i.test(sql) && sql.includes('linker_text'))).toHaveLength(1);
    const stored = await app.strapi.db.query(ARTICLE).findMany({ where: { title: { $startsWith: 'Batch ' } }, select: ['body'] });
    expect(stored).toHaveLength(12);
    for (const row of stored) expect(linksIn(row.body).map((link) => link.url)).toEqual([expect.stringMatching(/^\/network\//)]);
  });
});
