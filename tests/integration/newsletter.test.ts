import { Writable } from 'node:stream';
import { winston } from '@strapi/logger';
import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { adminSession } from '../helpers/admin';
import { articleData } from '../helpers/factories';
import { ok, startReceiver, verifyWith, type ReceivedRequest, type Receiver } from '../helpers/receiver';

/**
 * Newsletter webhooks: which events a publish produces, their signed payload, the outbox's
 * transaction, the admin API (endpoints, secrets, test events, delivery log, replay) and
 * its safety rules. Real Strapi, real HTTP receiver on loopback.
 */

const ARTICLE = 'api::article.article';
const ALL_EVENTS = ['article.published', 'article.updated', 'article.unpublished'];
const ENV = {
  NEWSLETTER_ALLOW_PRIVATE: '127.0.0.1',
  NEWSLETTER_RETRY_SCHEDULE: '300ms,300ms,300ms',
  NEWSLETTER_TIMEOUT: '1s',
  NEWSLETTER_LEASE: '5s',
  NEWSLETTER_POLL_INTERVAL: '200ms',
  NEWSLETTER_SECRET_OVERLAP: '1h',
};

// Boots, restarts and waits on real processes and timers: longer than Jest's 5 s default.
jest.setTimeout(120_000);

let app: TestApp;
let admin: string;
let apiToken: string;
let receiver: Receiver;
const logs: string[] = [];

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

const adminApi = {
  get: (path: string) => app.http().get(`/newsletter${path}`).set(bearer(admin)),
  post: (path: string, body?: object) => app.http().post(`/newsletter${path}`).set(bearer(admin)).send(body),
  put: (path: string, body: object) => app.http().put(`/newsletter${path}`).set(bearer(admin)).send(body),
  delete: (path: string) => app.http().delete(`/newsletter${path}`).set(bearer(admin)),
};

interface CreatedEndpoint {
  id: number;
  secret: string;
}

/** Creates an endpoint pointing at the receiver and teaches the receiver its secret. */
const createEndpoint = async (overrides: Record<string, unknown> = {}): Promise<CreatedEndpoint> => {
  const response = await adminApi.post('/endpoints', { name: 'Newsletter service', url: `${receiver.url}/hooks`, events: ALL_EVENTS, ...overrides });
  expect(response.status).toBe(201);
  receiver.secrets.push(response.body.data.secret);
  return { id: response.body.data.id, secret: response.body.data.secret };
};

/** Article events in the receiver for one document. */
const eventsFor = (documentId: string): ReceivedRequest[] =>
  receiver.requests.filter((request) => (request.payload as { data?: { documentId?: string } } | null)?.data?.documentId === documentId);

const typesFor = (documentId: string) => eventsFor(documentId).map((request) => (request.payload as { type: string }).type);

let drafts = 0;
/** A draft article, typed for the document service (the REST factory's blocks are loosely typed). */
const draftData = (title = `A draft ${process.pid}-${(drafts += 1)}`) => ({ title, date: '2024-05-01' });

const publishViaRest = async (data: Record<string, unknown>) => {
  const response = await app.http().post('/api/articles').set(bearer(apiToken)).send({ data });
  expect(response.status).toBe(201);
  return response.body.data as { documentId: string; slug: string; title: string };
};

/** Waits until the outbox is drained and the worker idle, as the plugin reports it: anything a write would send has been sent. */
const settle = () => app.strapi.plugin('newsletter').service('worker').idle();

beforeAll(async () => {
  receiver = await startReceiver({ respond: ok });
  app = await startApp({ env: ENV });
  // Every log line, whatever its level, to check that no secret is ever logged; the console
  // keeps its own level so the test output stays quiet.
  const consoleLevel = app.strapi.log.level;
  for (const transport of app.strapi.log.transports) transport.level = consoleLevel;
  app.strapi.log.level = 'silly';
  app.strapi.log.add(
    new winston.transports.Stream({
      level: 'silly',
      stream: new Writable({
        write(chunk: Buffer, _encoding, callback) {
          logs.push(chunk.toString('utf8'));
          callback();
        },
      }),
    })
  );
  admin = (await adminSession(app)).token;
  apiToken = await createApiToken(app.strapi, 'full-access');
});

afterAll(async () => {
  await app?.stop();
  await receiver?.stop();
});

describe('events', () => {
  let endpoint: CreatedEndpoint;
  beforeAll(async () => {
    endpoint = await createEndpoint();
  });
  afterAll(async () => {
    await adminApi.put(`/endpoints/${endpoint.id}`, { enabled: false });
  });

  it('publishing an article sends one signed article.published delivery with the payload', async () => {
    const author = await app.strapi.documents('api::author.author').create({ data: { name: 'Li Wei', email: 'li.wei@example.org' } });
    const waitro = await app.strapi.documents('api::organization.organization').create({
      data: {
        name: 'World Association of Industrial and Technological Research Organizations',
        acronym: 'WAITRO',
        type: 'association',
        country: 'US',
        rorId: 'https://ror.org/034t30j35',
        wikidataId: 'Q8035727',
      },
      status: 'published',
    });
    const siit = await app.strapi.documents('api::organization.organization').create({
      data: { name: 'Shenyang Institute of Industrial Technology', acronym: 'SIIT', type: 'research-institute', country: 'CN' },
      status: 'published',
    });
    const sectors = [
      await app.strapi.documents('api::sector.sector').create({ data: { name: 'New energy', nameZh: '新能源' } }),
      await app.strapi.documents('api::sector.sector').create({ data: { name: 'Advanced materials' } }),
    ];
    const article = await publishViaRest(
      articleData({
        title: 'SIIT joins WAITRO as a Full Member',
        excerpt: 'The Shenyang Institute of Industrial Technology is now a Full Member of WAITRO.',
        date: '2023-09-13',
        author: author.documentId,
        mentionedOrganizations: [waitro.documentId, siit.documentId],
        sectors: sectors.map((sector) => sector.documentId),
        body: [
          {
            type: 'paragraph',
            children: [
              { type: 'text', text: 'The Shenyang Institute of Industrial Technology joined the World Association of Industrial and Technological Research Organizations.' },
            ],
          },
        ],
      })
    );

    await receiver.waitFor(() => eventsFor(article.documentId).length === 1, 10_000, 'article.published');
    await settle();
    const received = eventsFor(article.documentId);
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request.verified).toBe(true);
    expect(request.id).toMatch(/^msg_/);
    expect(Number(request.timestamp)).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(request.signature).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(request.headers['content-type']).toBe('application/json');

    const payload = request.payload as { type: string; timestamp: string; data: Record<string, unknown> };
    expect(payload.type).toBe('article.published');
    expect(new Date(payload.timestamp).toISOString()).toBe(payload.timestamp);
    const organizations = payload.data.organizations as { name: string }[];
    expect(payload.data).toEqual({
      documentId: article.documentId,
      title: 'SIIT joins WAITRO as a Full Member',
      slug: article.slug,
      excerpt: 'The Shenyang Institute of Industrial Technology is now a Full Member of WAITRO.',
      date: '2023-09-13',
      url: `http://localhost:1337/en/articles/${article.slug}`,
      author: { name: 'Li Wei', slug: 'li-wei' },
      organizations: expect.any(Array),
      // In the order the article lists them, with their slugs (what sites filter by) and Chinese names.
      sectors: [
        { slug: 'new-energy', name: 'New energy', nameZh: '新能源' },
        { slug: 'advanced-materials', name: 'Advanced materials', nameZh: null },
      ],
      locale: 'en',
    });
    // The org-linker relation, as stored: both organizations, whatever their order.
    expect([...organizations].sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      {
        name: 'Shenyang Institute of Industrial Technology',
        acronym: 'SIIT',
        slug: siit.slug,
        url: `http://localhost:1337/organizations/${siit.slug}`,
        rorId: null,
        wikidataId: null,
      },
      {
        name: 'World Association of Industrial and Technological Research Organizations',
        acronym: 'WAITRO',
        slug: waitro.slug,
        url: `http://localhost:1337/organizations/${waitro.slug}`,
        // The directory's identifiers travel with the organization (the ROR id as its nine characters).
        rorId: '034t30j35',
        wikidataId: 'Q8035727',
      },
    ]);
  });

  it('updating and re-publishing a changed article sends article.updated', async () => {
    const article = await publishViaRest(articleData());
    await receiver.waitFor(() => eventsFor(article.documentId).length === 1, 10_000, 'article.published');
    const response = await app
      .http()
      .put(`/api/articles/${article.documentId}`)
      .set(bearer(apiToken))
      .send({ data: { excerpt: 'Now with a summary.' } });
    expect(response.status).toBe(200);
    await receiver.waitFor(() => eventsFor(article.documentId).length === 2, 10_000, 'article.updated');
    await settle();
    expect(typesFor(article.documentId)).toEqual(['article.published', 'article.updated']);
    const updated = eventsFor(article.documentId)[1];
    expect(updated.verified).toBe(true);
    expect((updated.payload as { data: { excerpt: string } }).data.excerpt).toBe('Now with a summary.');
    // A new message, not a retry of the first.
    expect(updated.id).not.toBe(eventsFor(article.documentId)[0].id);
  });

  it('re-publishing an unchanged article sends nothing', async () => {
    const article = await publishViaRest(articleData());
    await receiver.waitFor(() => eventsFor(article.documentId).length === 1, 10_000, 'article.published');
    await app.strapi.documents(ARTICLE).publish({ documentId: article.documentId });
    const response = await app
      .http()
      .put(`/api/articles/${article.documentId}`)
      .set(bearer(apiToken))
      .send({ data: { title: article.title } });
    expect(response.status).toBe(200);
    await settle();
    expect(typesFor(article.documentId)).toEqual(['article.published']);
  });

  it('unpublishing sends article.unpublished; publishing again after that is article.updated', async () => {
    const article = await publishViaRest(articleData());
    await receiver.waitFor(() => eventsFor(article.documentId).length === 1, 10_000, 'article.published');
    await app.strapi.documents(ARTICLE).unpublish({ documentId: article.documentId });
    await receiver.waitFor(() => eventsFor(article.documentId).length === 2, 10_000, 'article.unpublished');
    await app.strapi.documents(ARTICLE).publish({ documentId: article.documentId });
    await receiver.waitFor(() => eventsFor(article.documentId).length === 3, 10_000, 'article.updated');
    await settle();
    expect(typesFor(article.documentId)).toEqual(['article.published', 'article.unpublished', 'article.updated']);
    const unpublished = eventsFor(article.documentId)[1];
    expect(unpublished.verified).toBe(true);
    expect((unpublished.payload as { data: { documentId: string; slug: string } }).data).toMatchObject({ documentId: article.documentId, slug: article.slug });
  });

  it('deleting a published article sends article.unpublished', async () => {
    const article = await publishViaRest(articleData());
    await receiver.waitFor(() => eventsFor(article.documentId).length === 1, 10_000, 'article.published');
    expect((await app.http().delete(`/api/articles/${article.documentId}`).set(bearer(apiToken))).status).toBe(204);
    await receiver.waitFor(() => eventsFor(article.documentId).length === 2, 10_000, 'article.unpublished');
    expect(typesFor(article.documentId)).toEqual(['article.published', 'article.unpublished']);
  });

  it('a rolled-back publish sends nothing and leaves nothing in the outbox', async () => {
    const draft = await app.strapi.documents(ARTICLE).create({ data: draftData() });
    await expect(
      app.strapi.db.transaction(async () => {
        await app.strapi.documents(ARTICLE).publish({ documentId: draft.documentId });
        throw new Error('rolled back on purpose');
      })
    ).rejects.toThrow('rolled back on purpose');
    await settle();
    expect(eventsFor(draft.documentId)).toHaveLength(0);
    expect(await app.strapi.db.query('plugin::newsletter.event').count({ where: { articleDocumentId: draft.documentId } })).toBe(0);
    expect(await app.strapi.db.query('plugin::newsletter.delivery').count({ where: { articleDocumentId: draft.documentId } })).toBe(0);
    // …and the article itself was not published either.
    expect(await app.strapi.documents(ARTICLE).findOne({ documentId: draft.documentId, status: 'published' })).toBeNull();
  });

  it('publishing two locales at once sends one event per locale', async () => {
    const draft = await app.strapi.documents(ARTICLE).create({ data: draftData('Two languages') });
    await app.strapi.documents(ARTICLE).update({ documentId: draft.documentId, locale: 'zh-Hans', data: { title: '两种语言', date: '2024-05-01' } });
    await app.strapi.documents(ARTICLE).publish({ documentId: draft.documentId, locale: '*' });
    await receiver.waitFor(() => eventsFor(draft.documentId).length === 2, 10_000, 'two article.published');
    await settle();
    const received = eventsFor(draft.documentId).map((request) => request.payload as { type: string; data: { locale: string; title: string; url: string } });
    expect(received.map((payload) => payload.type)).toEqual(['article.published', 'article.published']);
    expect(received.map((payload) => payload.data.locale).sort()).toEqual(['en', 'zh-Hans']);
    const zh = received.find((payload) => payload.data.locale === 'zh-Hans');
    expect(zh?.data.title).toBe('两种语言');
    expect(zh?.data.url).toMatch(/^http:\/\/localhost:1337\/zh-Hans\/articles\//);
  });

  it('endpoints only receive the events they subscribe to', async () => {
    const other = await startReceiver();
    const response = await adminApi.post('/endpoints', { name: 'Unpublish only', url: `${other.url}/hooks`, events: ['article.unpublished'] });
    expect(response.status).toBe(201);
    other.secrets.push(response.body.data.secret);
    try {
      const article = await publishViaRest(articleData());
      await app.strapi.documents(ARTICLE).unpublish({ documentId: article.documentId });
      await other.waitFor((r) => r.requests.length === 1, 10_000, 'article.unpublished');
      await settle();
      expect(other.requests.map((request) => (request.payload as { type: string }).type)).toEqual(['article.unpublished']);
      expect(other.requests[0].verified).toBe(true);
    } finally {
      await adminApi.delete(`/endpoints/${response.body.data.id}`);
      await other.stop();
    }
  });
});

describe('admin API', () => {
  let endpoint: CreatedEndpoint;
  beforeAll(async () => {
    endpoint = await createEndpoint({ name: 'Admin API endpoint' });
  });
  afterAll(async () => {
    await adminApi.put(`/endpoints/${endpoint.id}`, { enabled: false });
  });

  it('creates an endpoint with a whsec_ secret shown once, masked afterwards', async () => {
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(endpoint.secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    const read = await adminApi.get(`/endpoints/${endpoint.id}`);
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({ id: endpoint.id, name: 'Admin API endpoint', events: ALL_EVENTS, enabled: true });
    expect(read.body.data.secret).toBeUndefined();
    expect(read.body.data.secretHint).toBe(`whsec_…${endpoint.secret.replace(/=+$/, '').slice(-4)}`);
    // Encrypted at rest: the stored value is not the secret.
    const row = await app.strapi.db.query('plugin::newsletter.endpoint').findOne({ where: { id: endpoint.id } });
    expect(row.secret).not.toContain(endpoint.secret.slice('whsec_'.length));
    expect(row.secret).toMatch(/^nl1:/);
  });

  it('sends a signed test event to one endpoint', async () => {
    const response = await adminApi.post(`/endpoints/${endpoint.id}/test`);
    expect(response.status).toBe(202);
    expect(response.body.data).toMatchObject({ endpointId: endpoint.id, eventType: 'webhook.test' });
    await receiver.waitFor((r) => r.requests.some((request) => request.id === response.body.data.messageId), 10_000, 'the test event');
    const request = receiver.requests.find((candidate) => candidate.id === response.body.data.messageId);
    expect(request?.verified).toBe(true);
    expect(verifyWith(request!, endpoint.secret)).toBe(true);
    expect(request?.payload).toMatchObject({ type: 'webhook.test', data: { endpointId: endpoint.id } });
  });

  it('rotates the secret: the new one is shown once and both sign during the overlap', async () => {
    const before = Date.now();
    const rotated = await adminApi.post(`/endpoints/${endpoint.id}/rotate-secret`);
    const after = Date.now();
    expect(rotated.status).toBe(200);
    const secret = rotated.body.data.secret as string;
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(endpoint.secret);
    // When it was rotated, and the overlap (NEWSLETTER_SECRET_OVERLAP, 1 h) counted from then; the
    // endpoint read back says the same and shows no secret.
    const rotatedAt = Date.parse(rotated.body.data.secretRotatedAt);
    expect(rotatedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(rotatedAt).toBeLessThanOrEqual(after + 1000);
    expect(Date.parse(rotated.body.data.previousSecretExpiresAt) - rotatedAt).toBe(60 * 60_000);
    const listed = await adminApi.get('/endpoints');
    const readBack = listed.body.data.find((candidate: { id: number }) => candidate.id === endpoint.id);
    expect(readBack).toMatchObject({ secretRotatedAt: rotated.body.data.secretRotatedAt, previousSecretExpiresAt: rotated.body.data.previousSecretExpiresAt });
    expect(readBack).not.toHaveProperty('secret');
    receiver.secrets.push(secret);

    const test = await adminApi.post(`/endpoints/${endpoint.id}/test`);
    await receiver.waitFor((r) => r.requests.some((request) => request.id === test.body.data.messageId), 10_000, 'the test event');
    const request = receiver.requests.find((candidate) => candidate.id === test.body.data.messageId)!;
    expect(request.signature.split(' ')).toHaveLength(2);
    expect(verifyWith(request, secret)).toBe(true);
    expect(verifyWith(request, endpoint.secret)).toBe(true);
    endpoint.secret = secret;
  });

  it('stops signing with the rotated-out secret once its overlap has ended', async () => {
    const created = await createEndpoint({ name: 'Overlap ends', events: ['article.published'] });
    try {
      const rotated = await adminApi.post(`/endpoints/${created.id}/rotate-secret`);
      const secret = rotated.body.data.secret as string;
      receiver.secrets.push(secret);
      // The overlap (NEWSLETTER_SECRET_OVERLAP, 1 h here) runs out: its end is moved into the past rather than waited for.
      await app.strapi.db.query('plugin::newsletter.endpoint').update({ where: { id: created.id }, data: { previousSecretExpiresAt: new Date(Date.now() - 1000) } });
      const test = await adminApi.post(`/endpoints/${created.id}/test`);
      expect(test.status).toBe(202);
      await receiver.waitFor((r) => r.requests.some((request) => request.id === test.body.data.messageId), 10_000, 'the test event');
      const request = receiver.requests.find((candidate) => candidate.id === test.body.data.messageId)!;
      expect(request.signature.split(' ')).toHaveLength(1);
      expect(verifyWith(request, secret)).toBe(true);
      expect(verifyWith(request, created.secret)).toBe(false);
    } finally {
      await adminApi.put(`/endpoints/${created.id}`, { enabled: false });
    }
  });

  it('deletes an endpoint with its deliveries, and sends nothing more to it', async () => {
    const other = await startReceiver({ respond: ok });
    try {
      const created = await adminApi.post('/endpoints', { name: 'Short-lived', url: `${other.url}/hooks`, events: ['article.published'] });
      expect(created.status).toBe(201);
      const id = created.body.data.id as number;
      await publishViaRest(articleData());
      await settle();
      expect(other.delivered()).toHaveLength(1);
      expect(await app.strapi.db.query('plugin::newsletter.delivery').count({ where: { endpointId: id } })).toBe(1);

      const deleted = await adminApi.delete(`/endpoints/${id}`);
      expect(deleted.status).toBe(200);
      expect(deleted.body.data).toEqual({ id });
      expect((await adminApi.get(`/endpoints/${id}`)).status).toBe(404);
      expect(await app.strapi.db.query('plugin::newsletter.endpoint').count({ where: { id } })).toBe(0);
      expect(await app.strapi.db.query('plugin::newsletter.delivery').count({ where: { endpointId: id } })).toBe(0);
      await publishViaRest(articleData());
      await settle();
      expect(other.requests).toHaveLength(1);
    } finally {
      await other.stop();
    }
  });

  it('lists deliveries with filters and pagination, shows one with its payload, and replays it with the same webhook-id', async () => {
    const earlier = await publishViaRest(articleData());
    const article = await publishViaRest(articleData());
    await receiver.waitFor(() => eventsFor(earlier.documentId).length >= 1 && eventsFor(article.documentId).length >= 1, 10_000, 'article.published');
    await settle();

    const list = await adminApi.get(`/deliveries?endpointId=${endpoint.id}&status=succeeded&page=1&pageSize=2`);
    expect(list.status).toBe(200);
    expect(list.body.pagination).toMatchObject({ page: 1, pageSize: 2 });
    expect(list.body.pagination.total).toBeGreaterThanOrEqual(2);
    expect(list.body.data).toHaveLength(2);
    for (const delivery of list.body.data) expect(delivery).toMatchObject({ endpointId: endpoint.id, status: 'succeeded', endpointName: 'Admin API endpoint' });

    const mine = list.body.data.find((delivery: { documentId: string }) => delivery.documentId === article.documentId);
    expect(mine).toMatchObject({ eventType: 'article.published', attempts: 1, lastStatusCode: 200, nextAttemptAt: null });
    expect(mine.lastAttemptAt).toEqual(expect.any(String));

    const detail = await adminApi.get(`/deliveries/${mine.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.data.payload).toMatchObject({ type: 'article.published', data: { documentId: article.documentId } });
    expect(detail.body.data.lastResponseBody).toBe('ok');

    const before = eventsFor(article.documentId).filter((request) => request.id === mine.messageId).length;
    const replay = await adminApi.post(`/deliveries/${mine.id}/replay`);
    expect(replay.status).toBe(200);
    expect(replay.body.data).toMatchObject({ id: mine.id, status: 'pending', attempts: 0 });
    await receiver.waitFor(
      () => receiver.requests.filter((request) => request.id === mine.messageId && request.headers['webhook-id'] === mine.messageId).length === before + 1,
      10_000,
      'the replay'
    );
    const replayed = receiver.requests.filter((request) => request.id === mine.messageId);
    expect(replayed.at(-1)?.verified).toBe(true);
    expect(replayed.at(-1)?.body).toBe(replayed[0].body);
  });

  it('refuses bad requests with 400 naming the field and the problem', async () => {
    const cases: [object, string, string[]][] = [
      [{ name: 'x', url: 'ftp://example.org/hook', events: ALL_EVENTS }, 'url: must be an http:// or https:// URL', ['url']],
      [{ name: '', url: `${receiver.url}/hooks`, events: ALL_EVENTS }, 'name: is required', ['name']],
      [{ name: 'x', url: `${receiver.url}/hooks`, events: [] }, 'events: must list at least one event', ['events']],
      [
        { name: 'x', url: `${receiver.url}/hooks`, events: ['article.deleted'] },
        'events.0: must be one of article.published, article.updated, article.unpublished',
        ['events', '0'],
      ],
      [{ name: 'x', url: `${receiver.url}/hooks`, events: ALL_EVENTS, secret: 'whsec_mine' }, 'secret: is not a known field', ['secret']],
    ];
    for (const [body, message, path] of cases) {
      const response = await adminApi.post('/endpoints', body);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toBe(message);
      expect(response.body.error.details.errors).toEqual([expect.objectContaining({ path })]);
    }
    const badQuery = await adminApi.get('/deliveries?status=lost');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.message).toBe('status: must be one of pending, delivering, succeeded, failed, disabled');
    expect((await adminApi.get('/endpoints/999999')).status).toBe(404);
  });

  it('disabling an endpoint stops its deliveries; enabling it again resumes new ones', async () => {
    const second = await startReceiver();
    const created = await adminApi.post('/endpoints', { name: 'Toggle', url: `${second.url}/hooks`, events: ['article.published'] });
    second.secrets.push(created.body.data.secret);
    try {
      const disabled = await adminApi.put(`/endpoints/${created.body.data.id}`, { enabled: false });
      expect(disabled.body.data).toMatchObject({ enabled: false, disabledReason: 'disabled by an administrator' });
      await publishViaRest(articleData());
      await settle();
      expect(second.requests).toHaveLength(0);
      const enabled = await adminApi.put(`/endpoints/${created.body.data.id}`, { enabled: true });
      expect(enabled.body.data).toMatchObject({ enabled: true, disabledReason: null });
      await publishViaRest(articleData());
      await second.waitFor((r) => r.requests.length === 1, 10_000, 'one delivery');
      expect(second.requests[0].verified).toBe(true);
    } finally {
      await adminApi.delete(`/endpoints/${created.body.data.id}`);
      await second.stop();
    }
  });
});

describe('safety', () => {
  it('refuses endpoints on private, loopback, link-local or metadata addresses with a clear message', async () => {
    const cases: [string, string][] = [
      ['http://10.0.0.1/hooks', 'url: http://10.0.0.1/hooks points to a private address (10.0.0.1), which is not allowed'],
      ['http://192.168.1.20:8080/hooks', 'url: http://192.168.1.20:8080/hooks points to a private address (192.168.1.20), which is not allowed'],
      ['http://169.254.169.254/latest/meta-data', 'url: http://169.254.169.254/latest/meta-data points to a cloud metadata address (169.254.169.254), which is not allowed'],
      // 127.0.0.1 is allowed in this test config, other loopback addresses are not.
      ['http://127.0.0.2/hooks', 'url: http://127.0.0.2/hooks points to a loopback address (127.0.0.2), which is not allowed'],
      ['http://[::1]/hooks', 'url: http://[::1]/hooks points to a loopback address (::1), which is not allowed'],
      ['http://[::ffff:10.1.2.3]/hooks', 'url: http://[::ffff:10.1.2.3]/hooks points to a private address (10.1.2.3), which is not allowed'],
    ];
    for (const [url, message] of cases) {
      const response = await adminApi.post('/endpoints', { name: 'Sneaky', url, events: ALL_EVENTS });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toBe(message);
      expect(response.body.error.details.errors).toEqual([expect.objectContaining({ path: ['url'] })]);
    }
    const created = await adminApi.post('/endpoints', { name: 'Fine', url: `${receiver.url}/hooks`, events: ALL_EVENTS });
    expect(created.status).toBe(201);
    const moved = await adminApi.put(`/endpoints/${created.body.data.id}`, { url: 'http://10.0.0.1/hooks' });
    expect(moved.status).toBe(400);
    expect(moved.body.error.message).toBe('url: http://10.0.0.1/hooks points to a private address (10.0.0.1), which is not allowed');
    await adminApi.delete(`/endpoints/${created.body.data.id}`);
  });

  it('keeps every admin route away from content-API tokens, anonymous users and roles without the permission', async () => {
    const editor = (await adminSession(app, 'strapi-editor')).token;
    const routes: ['get' | 'post' | 'put' | 'delete', string][] = [
      ['get', '/endpoints'],
      ['post', '/endpoints'],
      ['get', '/endpoints/1'],
      ['put', '/endpoints/1'],
      ['delete', '/endpoints/1'],
      ['post', '/endpoints/1/rotate-secret'],
      ['post', '/endpoints/1/test'],
      ['get', '/deliveries'],
      ['get', '/deliveries/1'],
      ['post', '/deliveries/1/replay'],
    ];
    for (const [method, path] of routes) {
      const anonymous = await app.http()[method](`/newsletter${path}`).send({});
      expect([401, 403]).toContain(anonymous.status);
      const withApiToken = await app.http()[method](`/newsletter${path}`).set(bearer(apiToken)).send({});
      expect([401, 403]).toContain(withApiToken.status);
      const withEditor = await app.http()[method](`/newsletter${path}`).set(bearer(editor)).send({});
      expect(withEditor.status).toBe(403);
    }
  });

  it('never shows a secret in an API response after creation, nor in the logs', async () => {
    const created = await createEndpoint({ name: 'Secret keeper' });
    const rotated = await adminApi.post(`/endpoints/${created.id}/rotate-secret`);
    const secrets = [created.secret, rotated.body.data.secret as string];
    await adminApi.post(`/endpoints/${created.id}/test`);
    await publishViaRest(articleData());
    await settle();
    const responses = [
      await adminApi.get('/endpoints'),
      await adminApi.get(`/endpoints/${created.id}`),
      await adminApi.put(`/endpoints/${created.id}`, { name: 'Secret keeper 2' }),
      await adminApi.get(`/deliveries?endpointId=${created.id}`),
    ];
    const list = responses[3].body.data as { id: number }[];
    expect(list.length).toBeGreaterThan(0);
    for (const delivery of list) responses.push(await adminApi.get(`/deliveries/${delivery.id}`));
    const text = responses.map((response) => JSON.stringify(response.body)).join('\n');
    const logText = logs.join('\n');
    expect(logText.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      const key = secret.slice('whsec_'.length);
      expect(text).not.toContain(key);
      expect(logText).not.toContain(key);
    }
    await adminApi.put(`/endpoints/${created.id}`, { enabled: false });
  });
});
