import http from 'node:http';
import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { adminSession, type AdminSession } from '../helpers/admin';
import { paragraph } from '../helpers/blocks';
import { backfillNameKeys } from '../../src/documents/name-keys';

/**
 * Writes have a bounded cost: over-deep input is refused in one linear pass before any other
 * work, every size limit holds at its edge, links are judged the way a browser parses them, and
 * look-alike directory names are duplicates. Every refusal leaves the stored entry as it was.
 */

const DEPTH = 100; // WRITE_MAX_DEPTH's default
const HUGE = 20_000;

let app: TestApp;
let token: string;
let editor: AdminSession;
let superAdmin: AdminSession;
let article: string;
let organization: string;

const auth = () => ({ Authorization: `Bearer ${token}` });
const CM = '/content-manager/collection-types';

/** Every stored row (draft and published) of a document, with its relations and components. */
const stored = async (uid: 'api::article.article' | 'api::organization.organization', documentId: string) => {
  const populate = uid === 'api::article.article' ? ['mentionedOrganizations', 'ignoredOrganizations', 'author'] : ['aliases', 'parent'];
  const rows = await app.strapi.db.query(uid).findMany({ where: { documentId }, populate, orderBy: { id: 'asc' } });
  return canonical(rows);
};

/** JSON with object keys sorted: PostgreSQL's jsonb and populate do not keep key order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : item
  );

/**
 * Server time of each request sent with an x-timing-id header: from the moment the server has
 * its headers (the body is still to be received and parsed) until the response is handed to the
 * socket. The server runs in this process, so the test's own work is not counted.
 */
const serverTimes = new Map<string, number>();
let timingSequence = 0;

/** A raw request with a JSON text body (deep bodies cannot be built as objects in the test's stack). */
const send = (method: string, path: string, json: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; body: { error?: { message?: string; details?: unknown } }; ms: number }>((resolve, reject) => {
    timingSequence += 1;
    const id = String(timingSequence);
    const request = http.request(`${app.baseUrl}${path}`, { method, headers: { 'Content-Type': 'application/json', 'x-timing-id': id, ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : {}, ms: serverTimes.get(id) ?? Number.NaN });
      });
    });
    request.on('error', reject);
    request.end(json);
  });

/** JSON text of arrays nested `depth` levels: [[[…]]]. */
const nestedArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
/** JSON text of a blocks body whose lists nest `lists` levels. */
const nestedLists = (lists: number) =>
  `[${'{"type":"list","format":"unordered","children":['.repeat(lists)}{"type":"list-item","children":[{"type":"text","text":"deep"}]}${']}'.repeat(lists)}]`;

beforeAll(async () => {
  app = await startApp();
  app.strapi.server.httpServer.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    const id = request.headers['x-timing-id'];
    if (typeof id !== 'string') return;
    const started = performance.now();
    response.on('finish', () => serverTimes.set(id, performance.now() - started));
  });
  token = await createApiToken(app.strapi, 'full-access');
  editor = await adminSession(app, 'strapi-editor');
  superAdmin = await adminSession(app);
  await app.strapi.documents('api::organization.organization').create({ data: { name: 'RT Target Org', acronym: 'RTO' }, status: 'published' });
  const created = await app.strapi.documents('api::organization.organization').create({ data: { name: 'Limits Org', aliases: [{ text: 'Limits Alias' }] }, status: 'published' });
  organization = created.documentId;
  const target = await app
    .http()
    .post('/api/articles')
    .set(auth())
    .send({ data: { title: 'Target', date: '2024-01-01', body: [paragraph('RT Target Org.')] } });
  expect(target.status).toBe(201);
  article = target.body.data.documentId;
  // A draft that differs from the published version, so that both are checked.
  await app
    .http()
    .put(`/api/articles/${article}?status=draft`)
    .set(auth())
    .send({ data: { title: 'Target (draft)' } })
    .expect(200);
});
afterAll(() => app?.stop());

/** A refused write: 400 naming `field`, and the stored entry (every row) exactly as it was. */
const expectRefused = async <R extends { status: number; body: { error?: { message?: string } } }>(
  uid: 'api::article.article' | 'api::organization.organization',
  documentId: string,
  field: string | RegExp,
  write: () => Promise<R>
): Promise<R> => {
  const before = await stored(uid, documentId);
  const response = await write();
  expect(response.status).toBe(400);
  const message = response.body.error?.message ?? '';
  if (typeof field === 'string') expect(message.startsWith(`${field}: `) || message.includes(`; ${field}: `)).toBe(true);
  else expect(message).toMatch(field);
  expect(await stored(uid, documentId)).toBe(before);
  return response;
};

describe('over-deep input is refused at once, before any other work', () => {
  const deepWrites: [string, () => Promise<{ status: number; body: { error?: { message?: string } }; ms: number }>, string][] = [
    ['REST organizationChoices (JSON)', () => send('PUT', `/api/articles/${article}`, `{"data":{"organizationChoices":${nestedArrays(HUGE)}}}`, auth()), 'organizationChoices'],
    ['REST body', () => send('PUT', `/api/articles/${article}`, `{"data":{"body":${nestedLists(HUGE / 2)}}}`, auth()), 'body'],
    [
      'GraphQL variables',
      () =>
        send(
          'POST',
          '/graphql',
          `{"query":"mutation($data: ArticleInput!) { updateArticle(documentId: \\"${article}\\", data: $data) { documentId } }","variables":{"data":{"body":${nestedLists(HUGE / 2)}}}}`,
          auth()
        ),
      'body',
    ],
    [
      'GraphQL document',
      () =>
        send(
          'POST',
          '/graphql',
          JSON.stringify({ query: `mutation { updateArticle(documentId: "${article}", data: { organizationChoices: ${nestedArrays(HUGE)} }) { documentId } }` }),
          auth()
        ),
      'query',
    ],
    [
      'admin content manager (editor)',
      () => send('PUT', `${CM}/api::article.article/${article}?locale=en`, `{"organizationChoices":${nestedArrays(HUGE)}}`, { Authorization: `Bearer ${editor.token}` }),
      'organizationChoices',
    ],
    [
      'admin content manager body (editor)',
      () => send('PUT', `${CM}/api::article.article/${article}?locale=en`, `{"body":${nestedLists(HUGE / 2)}}`, { Authorization: `Bearer ${editor.token}` }),
      'body',
    ],
  ];

  it.each(deepWrites)('%s: 20,000 levels get 400 naming the field in under 100 ms of server time', async (_name, write, field) => {
    await write(); // warm-up (first-request costs are not the check's)
    const response = await expectRefused('api::article.article', article, field, write);
    expect(response.body.error!.message).toMatch(/nested more than 100 levels deep/);
    // The median of three, so that a scheduling hiccup of a shared machine is not a failure
    // (before the fix each took 5 to 55 s).
    const times = [response.ms, (await write()).ms, (await write()).ms].sort((a, b) => a - b);
    expect(times[1]).toBeLessThan(100);
  });

  it('GraphQL GET: over-deep variables in the query string get 400 naming variables', async () => {
    // Node refuses URLs over 16 KB itself (431), so a GET cannot carry 20,000 levels; 500 can.
    const variables = encodeURIComponent(`{"filters":{"title":{"$in":${nestedArrays(500)}}}}`);
    const query = encodeURIComponent('query($filters: ArticleFiltersInput) { articles(filters: $filters) { title } }');
    const response = await send('GET', `/graphql?query=${query}&variables=${variables}`, '', auth());
    expect(response.status).toBe(400);
    expect(response.body.error!.message).toBe('variables: is nested more than 100 levels deep (limit WRITE_MAX_DEPTH)');
  });

  it('answers another request while deep bodies are refused', async () => {
    const deep = Array.from({ length: 5 }, () => send('PUT', `/api/articles/${article}`, `{"data":{"organizationChoices":${nestedArrays(HUGE)}}}`, auth()));
    const started = performance.now();
    const other = await app.http().get('/api/organizations');
    const otherMs = performance.now() - started;
    expect(other.status).toBe(200);
    expect((await Promise.all(deep)).every((response) => response.status === 400)).toBe(true);
    expect(otherMs).toBeLessThan(1000);
  });

  it('in-process Document Service writes are checked too', async () => {
    let deep: unknown = [];
    for (let level = 1; level < HUGE; level += 1) deep = [deep];
    const before = await stored('api::article.article', article);
    const started = performance.now();
    await expect(app.strapi.documents('api::article.article').update({ documentId: article, locale: 'en', data: { organizationChoices: deep } as never })).rejects.toThrow(
      /organizationChoices: is nested more than 100 levels deep/
    );
    expect(performance.now() - started).toBeLessThan(100);
    expect(await stored('api::article.article', article)).toBe(before);
  });

  it('lets a field nest exactly WRITE_MAX_DEPTH levels past the depth check, and refuses one more', async () => {
    const atLimit = await send('PUT', `/api/articles/${article}`, `{"data":{"organizationChoices":${nestedArrays(DEPTH)}}}`, auth());
    // Not a depth refusal: the rule of the choices' shape speaks instead.
    expect(atLimit.status).toBe(400);
    expect(atLimit.body.error!.message).toMatch(/^organizationChoices\.0/);
    expect(atLimit.body.error!.message).not.toMatch(/nested more than/);
    const past = await expectRefused('api::article.article', article, 'organizationChoices', () =>
      send('PUT', `/api/articles/${article}`, `{"data":{"organizationChoices":${nestedArrays(DEPTH + 1)}}}`, auth())
    );
    expect(past.body.error!.message).toBe('organizationChoices: is nested more than 100 levels deep (limit WRITE_MAX_DEPTH)');
    // The same edge for a blocks field: at the limit the blocks rules speak, one past it the depth check.
    const bodyAtLimit = await send('PUT', `/api/articles/${article}`, `{"data":{"body":${nestedArrays(DEPTH)}}}`, auth());
    expect(bodyAtLimit.status).toBe(400);
    expect(bodyAtLimit.body.error!.message).toMatch(/^body/);
    expect(bodyAtLimit.body.error!.message).not.toMatch(/nested more than 100/);
    const bodyPast = await expectRefused('api::article.article', article, 'body', () =>
      send('PUT', `/api/articles/${article}`, `{"data":{"body":${nestedArrays(DEPTH + 1)}}}`, auth())
    );
    expect(bodyPast.body.error!.message).toBe('body: is nested more than 100 levels deep (limit WRITE_MAX_DEPTH)');
  });

  // The blocks rule (32 levels of nodes) allows 30 lists around a list item and its text.
  it('accepts blocks nested to the blocks limit and refuses one more list', async () => {
    const ok = await send('PUT', `/api/articles/${article}?status=draft`, `{"data":{"body":${nestedLists(30)}}}`, auth());
    expect(ok.status).toBe(200);
    const past = await expectRefused('api::article.article', article, /^body\.0\./, () =>
      send('PUT', `/api/articles/${article}?status=draft`, `{"data":{"body":${nestedLists(31)}}}`, auth())
    );
    expect(past.body.error!.message).toMatch(/nested more than 32 levels deep/);
  });
});

describe('size limits hold at their edge', () => {
  const aliases = (count: number) => Array.from({ length: count }, (_, index) => ({ text: `Limits alias number ${index}` }));

  it('aliases per organization: 100 accepted, 101 refused naming aliases', async () => {
    const ok = await app
      .http()
      .put(`/api/organizations/${organization}`)
      .set(auth())
      .send({ data: { aliases: aliases(100) } });
    expect(ok.status).toBe(200);
    expect(
      ok.body.data.aliases ?? (await app.strapi.documents('api::organization.organization').findOne({ documentId: organization, populate: ['aliases'] }))?.aliases
    ).toHaveLength(100);
    const refused = await expectRefused('api::organization.organization', organization, 'aliases', () =>
      app
        .http()
        .put(`/api/organizations/${organization}`)
        .set(auth())
        .send({ data: { aliases: aliases(101) } })
    );
    expect(refused.body.error!.message).toBe('aliases: must have at most 100 aliases (got 101; limit WRITE_MAX_ALIASES)');
  });

  /** `paragraphs` paragraphs of `texts` text nodes each: paragraphs × (texts + 1) nodes. */
  const body = (paragraphs: number, texts: number, extraText = 0) =>
    Array.from({ length: paragraphs }, (_, index) => ({
      type: 'paragraph',
      children: Array.from({ length: texts + (index === paragraphs - 1 ? extraText : 0) }, (_unused, at) => ({ type: 'text', text: `w${at} `, bold: at % 2 === 0 })),
    }));

  it('nodes per blocks body: 5,000 accepted, 5,001 refused naming body', async () => {
    const ok = await app
      .http()
      .put(`/api/articles/${article}?status=draft`)
      .set(auth())
      .send({ data: { body: body(500, 9) } });
    expect(ok.status).toBe(200);
    const refused = await expectRefused('api::article.article', article, 'body', () =>
      app
        .http()
        .put(`/api/articles/${article}`)
        .set(auth())
        .send({ data: { body: body(500, 9, 1) } })
    );
    expect(refused.body.error!.message).toBe('body: must have at most 5000 nodes (got 5001; limit WRITE_MAX_BLOCKS_NODES)');
  });

  it('characters per text field: 1,500,000 accepted, one more refused naming the field', async () => {
    const ok = await app
      .http()
      .put(`/api/organizations/${organization}`)
      .set(auth())
      .send({ data: { description: 'x'.repeat(1_500_000) } });
    expect(ok.status).toBe(200);
    const refused = await expectRefused('api::organization.organization', organization, 'description', () =>
      app
        .http()
        .put(`/api/organizations/${organization}`)
        .set(auth())
        .send({ data: { description: 'y'.repeat(1_500_001) } })
    );
    expect(refused.body.error!.message).toBe('description: must be at most 1500000 characters (got 1500001; limit WRITE_MAX_TEXT_CHARS)');
    const blocksText = await expectRefused('api::article.article', article, 'body', () =>
      app
        .http()
        .put(`/api/articles/${article}`)
        .set(auth())
        .send({ data: { body: [paragraph('z'.repeat(1_500_001))] } })
    );
    expect(blocksText.body.error!.message).toMatch(/^body: must have at most 1500000 characters of text/);
  });

  it('items per JSON field: 100 accepted, 101 refused naming the field', async () => {
    const choices = (count: number) => Array.from({ length: count }, (_, index) => ({ text: `Name ${index}`, organization }));
    const ok = await app
      .http()
      .put(`/api/articles/${article}?status=draft`)
      .set(auth())
      .send({ data: { organizationChoices: choices(100) } });
    expect(ok.status).toBe(200);
    const refused = await expectRefused('api::article.article', article, 'organizationChoices', () =>
      app
        .http()
        .put(`/api/articles/${article}`)
        .set(auth())
        .send({ data: { organizationChoices: choices(101) } })
    );
    expect(refused.body.error!.message).toBe('organizationChoices: must have at most 100 items (got 101; limit WRITE_MAX_JSON_ITEMS)');
  });
});

describe('links are judged as a browser parses them', () => {
  const hostile = [
    '/\\evil.example/x',
    '/\\tevil.example',
    '/\t/evil.example/x',
    'https:evil.example',
    '\\\\evil.example',
    '/\\/evil.example',
    ' //evil.example',
    'https:/evil.example',
    '//evil.example',
  ];
  const link = (url: string) => [paragraph('See ', { type: 'link', url, children: [{ type: 'text', text: 'this' }] })];

  it.each(hostile)('refuses the editor link %j naming its place', async (url) => {
    await expectRefused('api::article.article', article, /^body\.0\.children\.1\.url: /, () =>
      app
        .http()
        .put(`/api/articles/${article}`)
        .set(auth())
        .send({ data: { body: link(url) } })
    );
  });

  it.each(hostile)('refuses the editor link %j through the admin content manager', async (url) => {
    await expectRefused('api::article.article', article, /^body\.0\.children\.1\.url: /, () =>
      app
        .http()
        .put(`${CM}/api::article.article/${article}?locale=en`)
        .set({ Authorization: `Bearer ${superAdmin.token}` })
        .send({ body: link(url) })
    );
  });

  it.each(['/organizations/x', '/a/b?c=d#e', 'https://example.org/path', 'http://example.org', 'mailto:press@example.org', 'tel:+861012345678'])(
    'accepts the ordinary link %j',
    async (url) => {
      const response = await app
        .http()
        .put(`/api/articles/${article}?status=draft`)
        .set(auth())
        .send({ data: { body: link(url) } });
      expect(response.status).toBe(200);
    }
  );

  it.each([
    'https:evil.example',
    'https:/evil.example',
    '//evil.example',
    '/\\evil.example',
    'https://evil.example\\x',
    'https://\tevil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
  ])('refuses the website %j', async (website) => {
    await expectRefused('api::organization.organization', organization, 'website', () =>
      app.http().put(`/api/organizations/${organization}`).set(auth()).send({ data: { website } })
    );
  });

  it('accepts ordinary websites', async () => {
    for (const website of ['https://www.example.org', 'http://example.org/about?x=1']) {
      expect((await app.http().put(`/api/organizations/${organization}`).set(auth()).send({ data: { website } })).status).toBe(200);
    }
  });

  it.each(['/\\evil.example/{slug}', '/\t/evil.example/{slug}', 'https:evil.example/{slug}', '\\\\evil.example/{slug}', '//evil.example/{slug}'])(
    'refuses the URL template %j in the settings',
    async (urlTemplate) => {
      const before = (
        await app
          .http()
          .get('/org-linker/settings')
          .set({ Authorization: `Bearer ${superAdmin.token}` })
      ).body.data.settings;
      const response = await app
        .http()
        .put('/org-linker/settings')
        .set({ Authorization: `Bearer ${superAdmin.token}` })
        .send({ urlTemplate });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/urlTemplate/);
      expect(
        (
          await app
            .http()
            .get('/org-linker/settings')
            .set({ Authorization: `Bearer ${superAdmin.token}` })
        ).body.data.settings
      ).toEqual(before);
    }
  );
});

describe('look-alike directory names are duplicates', () => {
  it.each([
    ['a zero-width space appended', 'RT Target Org\u200b'],
    ['full-width letters', 'ＲＴ Ｔａｒｇｅｔ Ｏｒｇ'],
    ['a no-break space inside', 'RT\u00a0Target Org'],
    ['a different case', 'rt target ORG'],
    ['a soft hyphen inside', 'RT Tar\u00adget Org'],
  ])('refuses a new organization with %s, naming name', async (_how, name) => {
    const before = await app.strapi.db.query('api::organization.organization').count();
    const response = await app.http().post('/api/organizations').set(auth()).send({ data: { name } });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^name: /);
    expect(await app.strapi.db.query('api::organization.organization').count()).toBe(before);
  });

  it('counts drafts: a look-alike of a draft-only organization is refused too', async () => {
    await app
      .http()
      .post('/api/organizations?status=draft')
      .set(auth())
      .send({ data: { name: 'Draft Only Institute' } })
      .expect(201);
    const response = await app
      .http()
      .post('/api/organizations')
      .set(auth())
      .send({ data: { name: 'Draft\u200b Only Institute' } });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^name: /);
    const fullWidth = await app
      .http()
      .post('/api/organizations')
      .set(auth())
      .send({ data: { name: 'Ｄｒａｆｔ Only Institute' } });
    expect(fullWidth.status).toBe(400);
    expect(fullWidth.body.error.message).toMatch(/^name: an organization named "Draft Only Institute" already exists/);
  });

  it('refuses invisible characters at the edges of a name, acronym or alias', async () => {
    for (const data of [{ name: '\u200bFresh Name' }, { name: 'Fresh Name', acronym: 'FN\u200d' }, { name: 'Fresh Name', aliases: [{ text: 'Fresh alias\u2060' }] }]) {
      const response = await app.http().post('/api/organizations').set(auth()).send({ data });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/^(name|acronym|aliases\.0\.text): must not begin or end with an invisible or blank character/);
    }
  });

  it('finds look-alikes of organizations stored before the folded key existed, once the bootstrap fills it in', async () => {
    const meta = app.strapi.db.metadata.get('api::organization.organization');
    await app
      .http()
      .post('/api/organizations')
      .set(auth())
      .send({ data: { name: 'Keyless Research Centre' } })
      .expect(201);
    // As a row written before this release, or around the Document Service, would be.
    await app.strapi.db.connection(meta.tableName).where({ name: 'Keyless Research Centre' }).update({ name_key: null });
    expect(
      (
        await app
          .http()
          .post('/api/organizations')
          .set(auth())
          .send({ data: { name: 'KEYLESS RESEARCH CENTRE' } })
      ).status
    ).toBe(201);
    await app.strapi.db.connection(meta.tableName).where({ name: 'KEYLESS RESEARCH CENTRE' }).delete();
    await app.strapi.db.connection(meta.tableName).where({ name: 'Keyless Research Centre' }).update({ name_key: null });
    expect(await backfillNameKeys(app.strapi)).toBeGreaterThanOrEqual(1);
    const response = await app
      .http()
      .post('/api/organizations')
      .set(auth())
      .send({ data: { name: 'KEYLESS RESEARCH CENTRE' } });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^name: an organization named "Keyless Research Centre" already exists/);
  });

  it('still lets an organization keep (or re-case) its own name', async () => {
    const response = await app
      .http()
      .put(`/api/organizations/${organization}`)
      .set(auth())
      .send({ data: { name: 'LIMITS ORG' } });
    expect(response.status).toBe(200);
  });
});
