import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { articleData, organizationData } from '../helpers/factories';

let app: TestApp;
let fullToken: string;
let readToken: string;

beforeAll(async () => {
  app = await startApp();
  fullToken = await createApiToken(app.strapi, 'full-access');
  readToken = await createApiToken(app.strapi, 'read-only');
});
afterAll(() => app?.stop());

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('CRUD through the REST API with a full-access token', () => {
  const cases: { plural: string; data: () => Promise<Record<string, unknown>>; change: Record<string, unknown> }[] = [
    { plural: 'organizations', data: () => Promise.resolve(organizationData()), change: { city: 'Berlin' } },
    { plural: 'authors', data: () => Promise.resolve({ name: `Author ${Date.now()}`, email: 'writer@example.org' }), change: { role: 'Editor' } },
    { plural: 'articles', data: () => Promise.resolve(articleData()), change: { excerpt: 'A short summary.' } },
    {
      plural: 'partnerships',
      data: async () => {
        const [a, b] = await Promise.all([
          app.strapi.documents('api::organization.organization').create({ data: organizationData(), status: 'published' }),
          app.strapi.documents('api::organization.organization').create({ data: organizationData(), status: 'published' }),
        ]);
        return { organization: a.documentId, partner: b.documentId, kind: 'membership', role: 'Full Member', startDate: '2023-09-13' };
      },
      change: { status: 'ended', endDate: '2024-01-31' },
    },
    { plural: 'sectors', data: () => Promise.resolve({ name: `Sector ${process.pid}-${Date.now()}` }), change: { nameZh: '新能源' } },
  ];

  it.each(cases)('creates, reads, updates and deletes $plural', async ({ plural, data, change }) => {
    const created = await app
      .http()
      .post(`/api/${plural}`)
      .set(bearer(fullToken))
      .send({ data: await data() });
    expect(created.status).toBe(201);
    const { documentId } = created.body.data;
    expect(typeof documentId).toBe('string');

    const read = await app.http().get(`/api/${plural}/${documentId}`).set(bearer(fullToken));
    expect(read.status).toBe(200);
    expect(read.body.data.documentId).toBe(documentId);

    const updated = await app.http().put(`/api/${plural}/${documentId}`).set(bearer(fullToken)).send({ data: change });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject(change);

    const reread = await app.http().get(`/api/${plural}/${documentId}`).set(bearer(fullToken));
    expect(reread.body.data).toMatchObject(change);

    const deleted = await app.http().delete(`/api/${plural}/${documentId}`).set(bearer(fullToken));
    expect(deleted.status).toBe(204);
    const gone = await app.http().get(`/api/${plural}/${documentId}`).set(bearer(fullToken));
    expect(gone.status).toBe(404);
  });
});

describe('public access', () => {
  let publishedId: string;
  let draftId: string;

  beforeAll(async () => {
    publishedId = (await app.strapi.documents('api::article.article').create({ data: articleData({ title: 'Published news' }), status: 'published' })).documentId;
    draftId = (await app.strapi.documents('api::article.article').create({ data: articleData({ title: 'Unpublished draft news' }) })).documentId;
  });

  it('lists and reads published articles without credentials', async () => {
    const list = await app.http().get('/api/articles');
    expect(list.status).toBe(200);
    const ids = list.body.data.map((article: { documentId: string }) => article.documentId);
    expect(ids).toContain(publishedId);
    expect(ids).not.toContain(draftId);
    expect((await app.http().get(`/api/articles/${publishedId}`)).status).toBe(200);
  });

  it('never shows a draft to the public, even when asked for drafts', async () => {
    expect((await app.http().get(`/api/articles/${draftId}`)).status).toBe(404);
    const asked = await app.http().get('/api/articles?status=draft');
    expect(asked.status).toBe(403);
    expect(asked.body.error.message).toMatch(/^status: drafts/);
  });

  it('refuses drafts to a read-only token but serves them to a full-access token', async () => {
    expect((await app.http().get('/api/articles?status=draft').set(bearer(readToken))).status).toBe(403);
    const full = await app.http().get('/api/articles?status=draft').set(bearer(fullToken));
    expect(full.status).toBe(200);
    expect(full.body.data.map((article: { documentId: string }) => article.documentId)).toContain(draftId);
  });

  it('keeps the author email private in every response', async () => {
    const author = await app.strapi.documents('api::author.author').create({ data: { name: 'Private Person', email: 'secret@example.org' } });
    await app.strapi.documents('api::article.article').update({ documentId: publishedId, data: { author: author.documentId }, status: 'published' });
    for (const headers of [{}, bearer(readToken), bearer(fullToken)]) {
      const one = await app.http().get(`/api/authors/${author.documentId}`).set(headers);
      expect(one.status).toBe(200);
      expect(one.body.data.name).toBe('Private Person');
      expect(one.body.data).not.toHaveProperty('email');
      const nested = await app.http().get(`/api/articles/${publishedId}?populate=author`).set(headers);
      expect(nested.body.data.author.name).toBe('Private Person');
      expect(nested.body.data.author).not.toHaveProperty('email');
      expect(JSON.stringify(nested.body)).not.toContain('secret@example.org');
    }
  });

  it.each(['articles', 'authors', 'organizations', 'partnerships', 'sectors'])('refuses public writes to %s', async (plural) => {
    const before = await app.strapi.db.query(`api::${plural.slice(0, -1)}.${plural.slice(0, -1)}` as never).count();
    const created = await app
      .http()
      .post(`/api/${plural}`)
      .send({ data: { name: 'Intruder', title: 'Intruder' } });
    expect(created.status).toBe(403);
    expect(
      (
        await app
          .http()
          .put(`/api/${plural}/${publishedId}`)
          .send({ data: { title: 'Defaced' } })
      ).status
    ).toBe(403);
    expect((await app.http().delete(`/api/${plural}/${publishedId}`)).status).toBe(403);
    expect(await app.strapi.db.query(`api::${plural.slice(0, -1)}.${plural.slice(0, -1)}` as never).count()).toBe(before);
  });

  it('refuses writes to a read-only token', async () => {
    const response = await app.http().post('/api/organizations').set(bearer(readToken)).send({ data: organizationData() });
    expect(response.status).toBe(403);
  });

  it('grants the public and authenticated roles find/findOne only, idempotently', async () => {
    const { ensurePublicRead } = await import('../../src/bootstrap/public-read');
    await ensurePublicRead(app.strapi);
    const permissions = await app.strapi.db.query('plugin::users-permissions.permission').findMany({
      where: { role: { type: { $in: ['public', 'authenticated'] } }, action: { $startsWith: 'api::' } },
      populate: { role: { select: ['type'] } },
    });
    const granted = permissions.map((p) => `${(p.role as { type: string }).type} ${p.action as string}`).sort();
    const expected = ['public', 'authenticated']
      .flatMap((role) =>
        ['article', 'author', 'organization', 'partnership', 'sector'].flatMap((type) => ['find', 'findOne'].map((action) => `${role} api::${type}.${type}.${action}`))
      )
      .sort();
    expect(granted).toEqual(expected);
  });
});
