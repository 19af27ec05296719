import { adminSession } from '../helpers/admin';
import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { organizationData } from '../helpers/factories';

let app: TestApp;
let token: string;

beforeAll(async () => {
  app = await startApp();
  token = await createApiToken(app.strapi, 'full-access');
});
afterAll(() => app?.stop());

const post = (plural: string, data: Record<string, unknown>) => app.http().post(`/api/${plural}`).set('Authorization', `Bearer ${token}`).send({ data });
const put = (plural: string, documentId: string, data: Record<string, unknown>) =>
  app.http().put(`/api/${plural}/${documentId}`).set('Authorization', `Bearer ${token}`).send({ data });

const counts = async () => ({
  organizations: await app.strapi.db.query('api::organization.organization').count(),
  partnerships: await app.strapi.db.query('api::partnership.partnership').count(),
});

const organization = async (overrides: Record<string, unknown> = {}) =>
  (await app.strapi.documents('api::organization.organization').create({ data: organizationData(overrides), status: 'published' })).documentId;

/** Asserts a 400 whose message names the field, and that nothing was written. */
const expectRefused = async (write: () => Promise<{ status: number; body: { error?: { message: string } } }>, field: RegExp) => {
  const before = await counts();
  const response = await write();
  expect(response.status).toBe(400);
  expect(response.body.error?.message).toMatch(field);
  expect(await counts()).toEqual(before);
  return response;
};

describe('partnerships', () => {
  it('refuses an organization partnering with itself', async () => {
    const id = await organization();
    await expectRefused(() => post('partnerships', { organization: id, partner: id, kind: 'membership' }), /^partner: must be a different organization/);
  });

  it('refuses an endDate before the startDate', async () => {
    const [a, b] = [await organization(), await organization()];
    await expectRefused(
      () => post('partnerships', { organization: a, partner: b, kind: 'membership', startDate: '2024-05-01', endDate: '2024-04-30' }),
      /^endDate: must not be before startDate/
    );
  });

  it('checks the dates of a partial update against the stored ones and keeps the entry as it was', async () => {
    const [a, b] = [await organization(), await organization()];
    const created = await post('partnerships', { organization: a, partner: b, kind: 'strategic-agreement', startDate: '2024-05-01' });
    expect(created.status).toBe(201);
    const { documentId } = created.body.data;
    await expectRefused(() => put('partnerships', documentId, { endDate: '2020-01-01' }), /^endDate:/);
    const stored = await app.strapi.documents('api::partnership.partnership').findOne({ documentId, status: 'published' });
    expect(stored?.endDate ?? null).toBeNull();
    expect(stored?.startDate).toBe('2024-05-01');
  });

  it('requires organization and partner to publish', async () => {
    await expectRefused(() => post('partnerships', { kind: 'membership' }), /organization: is required; partner: is required/);
  });

  it('refuses unknown enumeration values for kind and status', async () => {
    const [a, b] = [await organization(), await organization()];
    await expectRefused(() => post('partnerships', { organization: a, partner: b, kind: 'merger' }), /^kind: must be one of membership/);
    await expectRefused(() => post('partnerships', { organization: a, partner: b, kind: 'membership', status: 'paused' }), /^status: must be one of active, planned, ended/);
  });
});

describe('organizations', () => {
  it('refuses a duplicate name, whatever its letter case', async () => {
    await organization({ name: 'Unique Test Academy' });
    await expectRefused(() => post('organizations', organizationData({ name: 'Unique Test Academy' })), /^name: an organization named "Unique Test Academy" already exists/);
    await expectRefused(() => post('organizations', organizationData({ name: 'unique test ACADEMY' })), /^name: /);
  });

  it.each(['ftp://example.org', 'javascript:alert(1)', 'example.org', 'http://'])('refuses the website %s', async (website) => {
    await expectRefused(() => post('organizations', organizationData({ website })), /^website: must be an http:\/\/ or https:\/\/ URL/);
  });

  it('accepts http and https websites', async () => {
    expect((await post('organizations', organizationData({ website: 'https://waitro.org/about' }))).status).toBe(201);
    expect((await post('organizations', organizationData({ website: 'http://example.org' }))).status).toBe(201);
  });

  it('refuses an acronym or an alias shorter than 2 characters', async () => {
    await expectRefused(() => post('organizations', organizationData({ acronym: 'X' })), /^acronym: must be at least 2 characters/);
    await expectRefused(() => post('organizations', organizationData({ acronym: ' Y ' })), /^acronym: must be at least 2 characters/);
    await expectRefused(() => post('organizations', organizationData({ aliases: [{ text: 'Good alias' }, { text: 'Z' }] })), /^aliases\.1\.text: must be at least 2 characters/);
  });

  it('refuses an unknown type and an unknown country code', async () => {
    await expectRefused(() => post('organizations', { ...organizationData(), type: 'startup' }), /^type: must be one of association, research-institute/);
    await expectRefused(() => post('organizations', organizationData({ country: 'XX' })), /^country: must be an ISO 3166-1 alpha-2/);
  });

  it('normalizes a lower-case country code', async () => {
    const response = await post('organizations', organizationData({ country: 'cn' }));
    expect(response.status).toBe(201);
    expect(response.body.data.country).toBe('CN');
  });

  it('refuses a parent cycle', async () => {
    const parent = await organization();
    const child = await organization({ parent });
    const before = await app.strapi.documents('api::organization.organization').findOne({ documentId: parent, populate: ['parent'] });
    await expectRefused(() => put('organizations', parent, { parent: child }), /^parent: an organization cannot be its own parent/);
    const after = await app.strapi.documents('api::organization.organization').findOne({ documentId: parent, populate: ['parent'] });
    expect(after?.parent ?? null).toEqual(before?.parent ?? null);
  });

  it('keeps a refused update from changing the stored entry', async () => {
    const id = await organization({ acronym: 'KEEP', website: 'https://keep.example.org' });
    await expectRefused(() => put('organizations', id, { acronym: 'K', city: 'Changed' }), /^acronym:/);
    const stored = await app.strapi.documents('api::organization.organization').findOne({ documentId: id, status: 'published' });
    expect(stored).toMatchObject({ acronym: 'KEEP', website: 'https://keep.example.org', city: null });
  });
});

describe('articles', () => {
  it('refuses an excerpt over 300 characters and a malformed date', async () => {
    const before = await app.strapi.db.query('api::article.article').count();
    const long = await post('articles', { title: 'Long excerpt', date: '2024-01-01', excerpt: 'x'.repeat(301) });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toMatch(/^excerpt: must be at most 300 characters/);
    const badDate = await post('articles', { title: 'Bad date', date: '2024-02-30' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.message).toMatch(/^date: /);
    expect(await app.strapi.db.query('api::article.article').count()).toBe(before);
  });

  it('names the missing required fields', async () => {
    const response = await post('articles', { excerpt: 'No title, no date' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/title/);
    expect(response.body.error.message).toMatch(/date/);
  });
});

describe('messages in words', () => {
  it('says a required date left empty is required', async () => {
    const response = await post('articles', { title: 'No date yet', date: null });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe('date: is required');
    expect(response.body.error.details.errors).toEqual([expect.objectContaining({ path: ['date'], message: 'is required' })]);
    const missing = await post('articles', { excerpt: 'No title, no date' });
    expect(missing.body.error.message).toMatch(/^(title: is required; date: is required|date: is required; title: is required)$/);
  });

  it('answers a wrong-typed value of any field of any type in words', async () => {
    const jargon = /invalid input|expected|received|final value|must be a `/i;
    const seen: string[] = [];
    for (const [uid, plural] of [
      ['api::article.article', 'articles'],
      ['api::author.author', 'authors'],
      ['api::organization.organization', 'organizations'],
      ['api::partnership.partnership', 'partnerships'],
    ] as const) {
      for (const [field, attribute] of Object.entries(app.strapi.contentType(uid).attributes)) {
        if (attribute.type === 'relation' || attribute.type === 'media') continue;
        for (const value of [null, 42, true, { nested: 1 }, ['a', 2]]) {
          const response = await post(plural, { [field]: value });
          if (response.status !== 400) continue;
          const message: string = response.body.error.message;
          seen.push(message);
          expect({ field, value, message, jargon: jargon.test(message) }).toEqual({ field, value, message, jargon: false });
        }
      }
    }
    expect(seen.length).toBeGreaterThan(50);
  });
});

describe("problems in the admin's language", () => {
  const ARTICLES = '/content-manager/collection-types/api::article.article';
  const tooLong = { title: 'Too long an excerpt', date: '2024-05-01', excerpt: 'x'.repeat(301) };

  const adminCreate = (bearer: string, headers: Record<string, string>, data: Record<string, unknown> = tooLong) =>
    app.http().post(ARTICLES).set('Authorization', `Bearer ${bearer}`).set(headers).send(data);

  it('answers an admin whose interface is in Chinese in Chinese, and changes nothing', async () => {
    const session = await adminSession(app, 'strapi-super-admin');
    await app.strapi.db.query('admin::user').update({ where: { email: session.email }, data: { preferedLanguage: 'zh-Hans' } });
    const before = await app.strapi.db.query('api::article.article').count();
    const refused = await adminCreate(session.token, { 'Accept-Language': 'en-GB' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/(^|; )excerpt: 不能超过 300 个字符(;|$)/);
    expect(await app.strapi.db.query('api::article.article').count()).toBe(before);

    // A draft may lack its date; publishing it may not ("date: is required" in English).
    const draft = await adminCreate(session.token, {}, { title: 'A draft without a date' });
    expect(draft.status).toBe(201);
    const published = await app
      .http()
      .post(`${ARTICLES}/${draft.body.data.documentId as string}/actions/publish`)
      .set('Authorization', `Bearer ${session.token}`)
      .send({});
    expect(published.status).toBe(400);
    expect(published.body.error.message).toMatch(/(^|; )date: 必填(;|$)/);
  });

  it("follows the browser's language when the admin chose none, and stays English otherwise", async () => {
    const session = await adminSession(app, 'strapi-editor');
    const chinese = await adminCreate(session.token, { 'Accept-Language': 'zh-CN,zh;q=0.9' });
    expect(chinese.body.error.message).toMatch(/(^|; )excerpt: 不能超过 300 个字符(;|$)/);
    const english = await adminCreate(session.token, { 'Accept-Language': 'en-GB,en;q=0.9' });
    expect(english.body.error.message).toMatch(/(^|; )excerpt: must be at most 300 characters(;|$)/);
  });

  it('answers the content API in English whatever the Accept-Language', async () => {
    const response = await app.http().post('/api/articles').set('Authorization', `Bearer ${token}`).set('Accept-Language', 'zh-CN').send({ data: tooLong });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/(^|; )excerpt: must be at most 300 characters(;|$)/);
  });
});
