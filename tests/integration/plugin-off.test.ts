import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { linksIn, paragraph } from '../helpers/blocks';
import { articleData } from '../helpers/factories';

/**
 * The app with the org-linker disabled (ORG_LINKER_ENABLED=false, as in the load run's
 * comparison): articles save as written, and what the plugin would have refused is still a 400
 * naming the field rather than a database error.
 */

const OFF = { ORG_LINKER_ENABLED: 'false' };

let app: TestApp;
let token: string;

const auth = () => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  app = await startApp({ env: OFF });
  token = await createApiToken(app.strapi, 'full-access');
  await app.strapi.documents('api::organization.organization').create({
    data: { name: 'World Association of Industrial and Technological Research Organizations', acronym: 'WAITRO' },
    status: 'published',
  });
});
afterAll(async () => {
  await app?.stop();
  for (const key of Object.keys(OFF)) delete process.env[key];
});

describe('with the org-linker disabled', () => {
  it('saves an article as written: no links added, no relation', async () => {
    const body = [paragraph('The institute joined WAITRO as a Full Member.')];
    const created = await app
      .http()
      .post('/api/articles?populate=mentionedOrganizations')
      .set(auth())
      .send({ data: articleData({ body }) });
    expect(created.status).toBe(201);
    expect(linksIn(created.body.data.body)).toEqual([]);
    expect(created.body.data.mentionedOrganizations).toEqual([]);
  });

  // The org-linker checks the choices when it is on; off, the list shape is still checked, so a
  // string never reaches PostgreSQL's json column (it was a 500 there).
  it.each([[''], ['not a list'], [42], [{ text: 'WAITRO' }]])('refuses organizationChoices = %j with 400 naming the field, and keeps the article', async (value) => {
    const created = await app.http().post('/api/articles').set(auth()).send({ data: articleData() });
    const before = await app.strapi.db.query('api::article.article').findOne({ where: { documentId: created.body.data.documentId } });
    const response = await app
      .http()
      .put(`/api/articles/${created.body.data.documentId}`)
      .set(auth())
      .send({ data: { title: 'Changed', organizationChoices: value } });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^organizationChoices: must be a list/);
    const after = await app.strapi.db.query('api::article.article').findOne({ where: { documentId: created.body.data.documentId } });
    expect(after).toEqual(before);
  });

  it('accepts a list and null', async () => {
    const created = await app
      .http()
      .post('/api/articles')
      .set(auth())
      .send({ data: { ...articleData(), organizationChoices: [] } });
    expect(created.status).toBe(201);
    const updated = await app
      .http()
      .put(`/api/articles/${created.body.data.documentId}`)
      .set(auth())
      .send({ data: { organizationChoices: null } });
    expect(updated.status).toBe(200);
  });
});
