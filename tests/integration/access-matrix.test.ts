import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { adminSession } from '../helpers/admin';
import { paragraph } from '../helpers/blocks';
import { siteUserToken } from '../helpers/site-user';

/**
 * Who may do what: every route of the public API (REST and GraphQL) and of the plugins' admin
 * API, for each kind of caller. Each cell is a real request; the expected status is written out.
 */

type Identity = 'anonymous' | 'user' | 'readToken' | 'fullToken' | 'editor' | 'superAdmin';
const IDENTITIES: Identity[] = ['anonymous', 'user', 'readToken', 'fullToken', 'editor', 'superAdmin'];

let app: TestApp;
const bearer: Partial<Record<Identity, string>> = {};
let published: { article: string; author: string; organization: string; partnership: string; sector: string };
let draftArticle: string;
let endpointSecret: string;
let endpointId: number;
let deliveryId: number;
let relinkJobId: number;

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
  bearer.user = await siteUserToken(app);

  const [first, second] = [
    await strapi
      .documents('api::organization.organization')
      .create({ data: { name: 'World Association of Industrial and Technological Research Organizations', acronym: 'WAITRO' }, status: 'published' }),
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
  const sector = await strapi.documents('api::sector.sector').create({ data: { name: 'New energy', nameZh: '新能源' } });
  published = { article: article.documentId, author: author.documentId, organization: first.documentId, partnership: partnership.documentId, sector: sector.documentId };
  draftArticle = (await strapi.documents('api::article.article').create({ data: { title: 'Secret draft', date: '2024-01-02' } })).documentId;

  const endpoint = await app
    .http()
    .post('/newsletter/endpoints')
    .set('Authorization', `Bearer ${bearer.superAdmin}`)
    .send({ name: 'Newsletter', url: 'http://127.0.0.1:9/hooks', events: ['article.published'] });
  expect(endpoint.status).toBe(201);
  endpointSecret = endpoint.body.data.secret;
  endpointId = endpoint.body.data.id;

  // A delivery (the worker is off, so it stays in the log) and a relink job, for the routes that read one.
  await strapi.documents('api::article.article').create({ data: { title: 'Notified news', date: '2024-01-03' }, status: 'published' });
  const delivery = await strapi.db.query('plugin::newsletter.delivery').findOne({ where: { endpointId }, select: ['id'] });
  deliveryId = delivery!.id as number;
  relinkJobId = (await strapi.plugin('org-linker').service('jobs').startRelinkAll()).id as number;
  await strapi.plugin('org-linker').service('worker').idle();
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
/** Admin API: no content-API credential gets in; the Editor role as given; a super admin always. */
const adminRoute = (editor: number, superAdmin = 200) => ({ anonymous: 401, user: 401, readToken: 401, fullToken: 401, editor, superAdmin });

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
  expected: Record<Identity, number>;
  send: (identity: Identity) => Promise<{ status: number; body: unknown; text: string }>;
}

const plural = { article: 'articles', author: 'authors', organization: 'organizations', partnership: 'partnerships', sector: 'sectors' } as const;

/** A throwaway webhook endpoint, for the routes that delete or rotate one. */
const spareEndpoint = async (): Promise<number> => {
  const { endpoint } = await app.strapi
    .plugin('newsletter')
    .service('endpoints')
    .create({ name: 'Spare', url: 'http://127.0.0.1:9/spare', events: ['article.published'] });
  return endpoint.id as number;
};

/**
 * One entry per route, keyed "METHOD path" exactly as Strapi's router lists it. The matrix
 * below walks the router, so a route added to a content type or plugin without an entry here
 * fails the test.
 */
const ROUTES: Record<string, Case> = {
  ...Object.fromEntries(
    (Object.keys(plural) as (keyof typeof plural)[]).flatMap((type): [string, Case][] => [
      [`GET /api/${plural[type]}`, { expected: contentRead, send: (who) => request(who, 'get', `/api/${plural[type]}`) }],
      [`GET /api/${plural[type]}/:id`, { expected: contentRead, send: (who) => request(who, 'get', `/api/${plural[type]}/${published[type]}`) }],
      // Refused input is enough to tell access: the write is checked only once access is granted.
      [`POST /api/${plural[type]}`, { expected: contentWrite(400), send: (who) => request(who, 'post', `/api/${plural[type]}`, { data: { name: '', title: '' } }) }],
      [
        `PUT /api/${plural[type]}/:id`,
        { expected: contentWrite(400), send: (who) => request(who, 'put', `/api/${plural[type]}/${published[type]}`, { data: { name: '', title: '' } }) },
      ],
      // Strapi's DELETE is idempotent: a missing document answers 204, like a deleted one.
      [`DELETE /api/${plural[type]}/:id`, { expected: contentWrite(204), send: (who) => request(who, 'delete', `/api/${plural[type]}/does-not-exist`) }],
    ])
  ),
  // GraphQL is one route for every method; what each operation may do is in OPERATIONS below.
  'ALL /graphql': { expected: contentRead, send: (who) => graphql(who, '{ articles { title } }') },

  'GET /org-linker/config': { expected: adminRoute(200), send: (who) => request(who, 'get', '/org-linker/config') },
  'POST /org-linker/preview': { expected: adminRoute(200), send: (who) => request(who, 'post', '/org-linker/preview', { value: [paragraph('WAITRO')] }) },
  'GET /org-linker/articles/:documentId/mentions': { expected: adminRoute(200), send: (who) => request(who, 'get', `/org-linker/articles/${published.article}/mentions`) },
  'POST /org-linker/articles/:documentId/relink': { expected: adminRoute(403), send: (who) => request(who, 'post', `/org-linker/articles/${published.article}/relink`) },
  'POST /org-linker/relink/dry-run': { expected: adminRoute(403), send: (who) => request(who, 'post', '/org-linker/relink/dry-run') },
  'POST /org-linker/relink/run': { expected: adminRoute(403, 202), send: (who) => request(who, 'post', '/org-linker/relink/run') },
  'GET /org-linker/relink/jobs': { expected: adminRoute(200), send: (who) => request(who, 'get', '/org-linker/relink/jobs') },
  'GET /org-linker/relink/jobs/:id': { expected: adminRoute(200), send: (who) => request(who, 'get', `/org-linker/relink/jobs/${relinkJobId}`) },
  // Only a failed job can be retried: the super admin gets past access to a 400 for the finished one.
  'POST /org-linker/relink/jobs/:id/retry': { expected: adminRoute(403, 400), send: (who) => request(who, 'post', `/org-linker/relink/jobs/${relinkJobId}/retry`) },
  // The app's directory import (src/directory/admin-api.ts): past access, an empty request is a 400 naming the field.
  'POST /directory-import/uploads': { expected: adminRoute(400, 400), send: (who) => request(who, 'post', '/directory-import/uploads') },
  'POST /directory-import/dry-run': { expected: adminRoute(400, 400), send: (who) => request(who, 'post', '/directory-import/dry-run', {}) },
  'POST /directory-import/jobs': { expected: adminRoute(400, 400), send: (who) => request(who, 'post', '/directory-import/jobs', {}) },
  'GET /directory-import/jobs': { expected: adminRoute(200), send: (who) => request(who, 'get', '/directory-import/jobs') },
  'GET /directory-import/jobs/:id': { expected: adminRoute(404, 404), send: (who) => request(who, 'get', '/directory-import/jobs/999999') },
  'GET /org-linker/settings': { expected: adminRoute(403), send: (who) => request(who, 'get', '/org-linker/settings') },
  'PUT /org-linker/settings': { expected: adminRoute(403), send: (who) => request(who, 'put', '/org-linker/settings', { mode: 'first' }) },

  'GET /newsletter/endpoints': { expected: adminRoute(403), send: (who) => request(who, 'get', '/newsletter/endpoints') },
  'POST /newsletter/endpoints': {
    expected: adminRoute(403, 201),
    send: (who) => request(who, 'post', '/newsletter/endpoints', { name: `Made by ${who}`, url: 'http://127.0.0.1:9/new', events: ['article.published'] }),
  },
  'GET /newsletter/endpoints/:id': { expected: adminRoute(403), send: (who) => request(who, 'get', `/newsletter/endpoints/${endpointId}`) },
  'PUT /newsletter/endpoints/:id': { expected: adminRoute(403), send: (who) => request(who, 'put', `/newsletter/endpoints/${endpointId}`, { name: 'Newsletter' }) },
  'DELETE /newsletter/endpoints/:id': { expected: adminRoute(403), send: async (who) => request(who, 'delete', `/newsletter/endpoints/${await spareEndpoint()}`) },
  'POST /newsletter/endpoints/:id/rotate-secret': {
    expected: adminRoute(403),
    send: async (who) => request(who, 'post', `/newsletter/endpoints/${await spareEndpoint()}/rotate-secret`),
  },
  'POST /newsletter/endpoints/:id/test': { expected: adminRoute(403, 202), send: (who) => request(who, 'post', `/newsletter/endpoints/${endpointId}/test`) },
  'GET /newsletter/deliveries': { expected: adminRoute(403), send: (who) => request(who, 'get', '/newsletter/deliveries') },
  'GET /newsletter/deliveries/:id': { expected: adminRoute(403), send: (who) => request(who, 'get', `/newsletter/deliveries/${deliveryId}`) },
  'POST /newsletter/deliveries/:id/replay': {
    expected: adminRoute(403),
    send: async (who) => {
      // Only a finished delivery can be replayed: make it one, so that being let in shows as 200.
      await app.strapi.db.query('plugin::newsletter.delivery').update({ where: { id: deliveryId }, data: { status: 'failed' } });
      return request(who, 'post', `/newsletter/deliveries/${deliveryId}/replay`);
    },
  },
};

/** Where the matrix must cover every route Strapi serves. */
const SCOPES = ['/org-linker', '/newsletter', '/directory-import', '/graphql', ...Object.values(plural).map((name) => `/api/${name}`)];
const inScope = (path: string) => SCOPES.some((scope) => path === scope || path.startsWith(`${scope}/`));

/** The routes Strapi's router serves in those scopes, as "METHOD path" (HEAD mirrors GET; "ALL" for a route of every method). */
const servedRoutes = () =>
  app.strapi.server
    .listRoutes()
    .filter((layer) => typeof layer.path === 'string' && inScope(layer.path))
    .flatMap((layer) =>
      (layer.methods.length > 20 ? ['ALL'] : layer.methods.filter((method: string) => method !== 'HEAD')).map((method: string) => `${method} ${String(layer.path)}`)
    )
    .sort();

/** Operations on the one GraphQL route, and REST requests whose answer depends on more than the route. */
const OPERATIONS: Record<string, Case> = {
  'GET /api/articles?status=draft': { expected: draftsRead, send: (who) => request(who, 'get', '/api/articles?status=draft') },
  'GET /api/articles/:draft': {
    expected: { ...contentRead, anonymous: 404, user: 404, readToken: 404, fullToken: 404 },
    send: (who) => request(who, 'get', `/api/articles/${draftArticle}`),
  },
  'GraphQL query of published articles': { expected: contentRead, send: (who) => graphql(who, '{ articles { title } }') },
  'GraphQL query of drafts': { expected: draftsRead, send: (who) => graphql(who, '{ articles(status: DRAFT) { title } }') },
  'GraphQL createArticle': {
    expected: contentWrite(200),
    send: (who) => graphql(who, 'mutation { createArticle(data: { title: "By GraphQL", date: "2024-03-03" }, status: DRAFT) { documentId } }'),
  },
};

describe('the route tables', () => {
  it('are what the router serves: every route of both plugins is in it', () => {
    const served = servedRoutes();
    for (const plugin of ['org-linker', 'newsletter']) {
      const table = app.strapi.plugin(plugin).routes as Record<string, { routes: { method: string; path: string }[] }>;
      const declared = Object.values(table).flatMap((router) => router.routes.map((route) => `${route.method} /${plugin}${route.path}`));
      expect(declared.length).toBeGreaterThanOrEqual(10);
      expect(declared.filter((route) => !served.includes(route))).toEqual([]);
    }
  });

  it('have an expected answer for every served route, and no expectation for a route that is not served', () => {
    const served = servedRoutes();
    expect(served.filter((route) => !(route in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((route) => !served.includes(route))).toEqual([]);
  });
});

describe.each(IDENTITIES)('every served route, as %s', (identity) => {
  it('answers exactly the expected status', async () => {
    const wrong: string[] = [];
    for (const route of servedRoutes()) {
      const entry = ROUTES[route];
      if (!entry) {
        wrong.push(`${route}: no expectation`);
        continue;
      }
      const { status, text } = await entry.send(identity);
      if (status !== entry.expected[identity]) wrong.push(`${route}: ${status} (expected ${entry.expected[identity]}) ${text.slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe.each(Object.entries(OPERATIONS))('%s', (_name, { expected, send }) => {
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

  it('refuses or leaves out an author email asked for by name in GraphQL, whoever asks', async () => {
    for (const identity of IDENTITIES) {
      for (const query of ['{ authors { name email } }', '{ articles { author { name email } } }', `{ author(documentId: "${published.author}") { email } }`]) {
        const response = await request(identity, 'post', '/graphql', { query });
        const body = response.body as { data?: unknown; errors?: { message: string }[] };
        expect(response.text).not.toContain(AUTHOR_EMAIL);
        // Refused (an admin session is no content-API credential), or the schema has no such field
        // (a validation error naming it), or nothing is answered for it.
        const named = (body.errors ?? []).some((error) => /email/.test(error.message));
        const refused = response.status >= 400 || named || JSON.stringify(body.data ?? null).includes('"email":null');
        expect({ identity, query, refused }).toEqual({ identity, query, refused: true });
      }
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
