import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { adminSession } from '../helpers/admin';
import { paragraph } from '../helpers/blocks';

/**
 * Who may do what: every route of the public API (REST and GraphQL) and of the plugins' admin
 * API, for each kind of caller. Each cell is a real request; the expected status is written out.
 */

type Identity = 'anonymous' | 'user' | 'readToken' | 'fullToken' | 'editor' | 'superAdmin';
const IDENTITIES: Identity[] = ['anonymous', 'user', 'readToken', 'fullToken', 'editor', 'superAdmin'];

let app: TestApp;
const bearer: Partial<Record<Identity, string>> = {};
let published: { article: string; author: string; organization: string; partnership: string };
let draftArticle: string;
let endpointSecret: string;
let endpointId: number;

const AUTHOR_EMAIL = 'private.author@example.org';

beforeAll(async () => {
  // The webhook endpoint below points at loopback, which the newsletter plugin refuses unless allowed.
  app = await startApp({ env: { NEWSLETTER_ALLOW_PRIVATE: '127.0.0.1', NEWSLETTER_WORKER: 'false' } });
  const { strapi } = app;
  bearer.readToken = await createApiToken(strapi, 'read-only');
  bearer.fullToken = await createApiToken(strapi, 'full-access');
  bearer.editor = (await adminSession(app, 'strapi-editor')).token;
  bearer.superAdmin = (await adminSession(app, 'strapi-super-admin')).token;

  // A site user of the Authenticated role, logged in through the real route.
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  await strapi.plugin('users-permissions').service('user').add({
    username: 'reader',
    email: 'reader@example.org',
    password: 'Reader-password-1',
    provider: 'local',
    confirmed: true,
    blocked: false,
    role: role!.id,
  });
  const login = await app.http().post('/api/auth/local').send({ identifier: 'reader@example.org', password: 'Reader-password-1' });
  expect(login.status).toBe(200);
  bearer.user = login.body.jwt;

  const [first, second] = [
    await strapi.documents('api::organization.organization').create({ data: { name: 'World Association of Industrial and Technological Research Organizations', acronym: 'WAITRO' }, status: 'published' }),
    await strapi.documents('api::organization.organization').create({ data: { name: 'Shenyang Institute of Industrial Technology', acronym: 'SYIIT' }, status: 'published' }),
  ];
  const author = await strapi.documents('api::author.author').create({ data: { name: 'Private Author', email: AUTHOR_EMAIL } });
  const article = await strapi.documents('api::article.article').create({
    data: { title: 'Published news', date: '2024-01-01', body: [paragraph('SYIIT joins WAITRO.')], author: author.documentId },
    status: 'published',
  });
  const partnership = await strapi.documents('api::partnership.partnership').create({
    data: { organization: second.documentId, partner: first.documentId, kind: 'membership', announcement: article.documentId },
    status: 'published',
  });
  published = { article: article.documentId, author: author.documentId, organization: first.documentId, partnership: partnership.documentId };
  draftArticle = (await strapi.documents('api::article.article').create({ data: { title: 'Secret draft', date: '2024-01-02' } })).documentId;

  const endpoint = await app
    .http()
    .post('/newsletter/endpoints')
    .set('Authorization', `Bearer ${bearer.superAdmin}`)
    .send({ name: 'Newsletter', url: 'http://127.0.0.1:9/hooks', events: ['article.published'] });
  expect(endpoint.status).toBe(201);
  endpointSecret = endpoint.body.data.secret;
  endpointId = endpoint.body.data.id;
});
afterAll(() => app?.stop());

const request = (identity: Identity, method: 'get' | 'post' | 'put' | 'delete', path: string, body?: object) => {
  const call = app.http()[method](path);
  const token = bearer[identity];
  return (token ? call.set('Authorization', `Bearer ${token}`) : call).send(body);
};

/** Expected status per identity; the admin sessions are not content-API credentials (401 there). */
const contentRead = { anonymous: 200, user: 200, readToken: 200, fullToken: 200, editor: 401, superAdmin: 401 };
const contentWrite = (ok: number) => ({ anonymous: 403, user: 403, readToken: 403, fullToken: ok, editor: 401, superAdmin: 401 });
const draftsRead = { anonymous: 403, user: 403, readToken: 403, fullToken: 200, editor: 401, superAdmin: 401 };
const adminRoute = (editor: number) => ({ anonymous: 401, user: 401, readToken: 401, fullToken: 401, editor, superAdmin: 200 });

/**
 * GraphQL answers 200 with an "errors" list when a resolver refuses: counted here as 403, so
 * that the matrix reads the same for REST and GraphQL.
 */
const graphql = async (identity: Identity, query: string) => {
  const response = await request(identity, 'post', '/graphql', { query });
  const errors = (response.body as { errors?: { message: string; extensions?: { code?: string } }[] }).errors ?? [];
  const refused = errors.some((error) => /forbidden|drafts can only be read/i.test(error.message) || error.extensions?.code === 'FORBIDDEN');
  return { status: response.status === 200 && refused ? 403 : response.status, body: response.body, text: response.text };
};

interface Case {
  name: string;
  expected: Record<Identity, number>;
  send: (identity: Identity) => Promise<{ status: number; body: unknown; text: string }>;
}

const plural = { article: 'articles', author: 'authors', organization: 'organizations', partnership: 'partnerships' } as const;

const CASES: Case[] = [
  ...(Object.keys(plural) as (keyof typeof plural)[]).flatMap((type): Case[] => [
    { name: `GET /api/${plural[type]}`, expected: contentRead, send: (who) => request(who, 'get', `/api/${plural[type]}`) },
    { name: `GET /api/${plural[type]}/:id`, expected: contentRead, send: (who) => request(who, 'get', `/api/${plural[type]}/${published[type]}`) },
    {
      name: `POST /api/${plural[type]} (refused input is enough to tell access)`,
      expected: contentWrite(400),
      send: (who) => request(who, 'post', `/api/${plural[type]}`, { data: { name: '', title: '' } }),
    },
    {
      name: `PUT /api/${plural[type]}/:id`,
      expected: contentWrite(400),
      send: (who) => request(who, 'put', `/api/${plural[type]}/${published[type]}`, { data: { name: '', title: '' } }),
    },
    // Strapi's DELETE is idempotent: a missing document answers 204, like a deleted one.
    { name: `DELETE /api/${plural[type]}/:id (missing)`, expected: contentWrite(204), send: (who) => request(who, 'delete', `/api/${plural[type]}/does-not-exist`) },
  ]),
  { name: 'GET /api/articles?status=draft', expected: draftsRead, send: (who) => request(who, 'get', '/api/articles?status=draft') },
  { name: 'GET /api/articles/:draft', expected: { ...contentRead, anonymous: 404, user: 404, readToken: 404, fullToken: 404 }, send: (who) => request(who, 'get', `/api/articles/${draftArticle}`) },
  { name: 'GraphQL query of published articles', expected: contentRead, send: (who) => graphql(who, '{ articles { title } }') },
  { name: 'GraphQL query of drafts', expected: draftsRead, send: (who) => graphql(who, '{ articles(status: DRAFT) { title } }') },
  {
    name: 'GraphQL createArticle',
    expected: contentWrite(200),
    send: (who) => graphql(who, 'mutation { createArticle(data: { title: "By GraphQL", date: "2024-03-03" }, status: DRAFT) { documentId } }'),
  },
  { name: 'GET /org-linker/config', expected: adminRoute(200), send: (who) => request(who, 'get', '/org-linker/config') },
  { name: 'POST /org-linker/preview', expected: adminRoute(200), send: (who) => request(who, 'post', '/org-linker/preview', { value: [paragraph('WAITRO')] }) },
  { name: 'GET /org-linker/articles/:id/mentions', expected: adminRoute(200), send: (who) => request(who, 'get', `/org-linker/articles/${published.article}/mentions`) },
  { name: 'POST /org-linker/articles/:id/relink', expected: adminRoute(403), send: (who) => request(who, 'post', `/org-linker/articles/${published.article}/relink`) },
  { name: 'POST /org-linker/relink/dry-run', expected: adminRoute(403), send: (who) => request(who, 'post', '/org-linker/relink/dry-run') },
  { name: 'GET /org-linker/relink/jobs', expected: adminRoute(200), send: (who) => request(who, 'get', '/org-linker/relink/jobs') },
  { name: 'GET /org-linker/settings', expected: adminRoute(403), send: (who) => request(who, 'get', '/org-linker/settings') },
  { name: 'PUT /org-linker/settings (unchanged)', expected: adminRoute(403), send: (who) => request(who, 'put', '/org-linker/settings', { mode: 'first' }) },
  { name: 'GET /newsletter/endpoints', expected: adminRoute(403), send: (who) => request(who, 'get', '/newsletter/endpoints') },
  { name: 'GET /newsletter/endpoints/:id', expected: adminRoute(403), send: (who) => request(who, 'get', `/newsletter/endpoints/${endpointId}`) },
  { name: 'GET /newsletter/deliveries', expected: adminRoute(403), send: (who) => request(who, 'get', '/newsletter/deliveries') },
  {
    name: 'PUT /newsletter/endpoints/:id (unchanged)',
    expected: adminRoute(403),
    send: (who) => request(who, 'put', `/newsletter/endpoints/${endpointId}`, { name: 'Newsletter' }),
  },
];

describe.each(CASES)('$name', ({ expected, send }) => {
  it.each(IDENTITIES)('answers %s as expected', async (identity) => {
    const response = await send(identity);
    expect({ identity, status: response.status }).toEqual({ identity, status: expected[identity] });
  });
});

describe('what no answer ever carries', () => {
  it('never shows the author email, to anyone, on REST or GraphQL', async () => {
    for (const identity of IDENTITIES) {
      for (const path of [`/api/authors/${published.author}`, '/api/authors', `/api/articles/${published.article}?populate=author`, '/api/articles?populate=*']) {
        expect((await request(identity, 'get', path)).text).not.toContain(AUTHOR_EMAIL);
      }
      expect((await request(identity, 'post', '/graphql', { query: '{ articles { author { name } } authors { name } }' })).text).not.toContain(AUTHOR_EMAIL);
    }
  });

  it('never shows a draft to anyone but a full-access token', async () => {
    for (const identity of IDENTITIES.filter((who) => who !== 'fullToken')) {
      for (const send of [
        () => request(identity, 'get', '/api/articles?status=draft'),
        () => request(identity, 'get', `/api/articles/${draftArticle}?status=draft`),
        () => request(identity, 'post', '/graphql', { query: '{ articles(status: DRAFT) { title } }' }),
      ]) {
        expect((await send()).text).not.toContain('Secret draft');
      }
    }
    expect((await request('fullToken', 'get', '/api/articles?status=draft')).text).toContain('Secret draft');
  });

  it('never shows a webhook secret again after it was created', async () => {
    for (const identity of IDENTITIES) {
      for (const path of ['/newsletter/endpoints', `/newsletter/endpoints/${endpointId}`, '/newsletter/deliveries']) {
        expect((await request(identity, 'get', path)).text).not.toContain(endpointSecret);
      }
    }
  });
});
