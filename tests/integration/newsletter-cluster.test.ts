import { createApiTokenOverHttp, registerFirstAdmin, startChildApp, type ChildApp } from '../helpers/child-app';
import { createTestDatabase, testDatabaseClient, type TestDatabase } from '../helpers/database';
import { articleData } from '../helpers/factories';
import { waitUntilOutboxSettled } from '../helpers/outbox';
import { ok, startReceiver, type Receiver } from '../helpers/receiver';

/**
 * Two Strapi processes on one PostgreSQL database, both running the delivery worker: each
 * delivery is claimed by one process at a time, so a receiver gets each message once.
 */

const onPostgres = testDatabaseClient() === 'postgres';
const describeOnPostgres = onPostgres ? describe : describe.skip;

// Boots, restarts and waits on real processes and timers: longer than Jest's 5 s default.
jest.setTimeout(120_000);

let database: TestDatabase;
let apps: ChildApp[] = [];
let receiver: Receiver;
let admin: string;
let apiToken: string;

const post = async (app: ChildApp, path: string, token: string, body: unknown) => {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${path} on ${app.label}: ${response.status} ${text}`);
  return JSON.parse(text);
};

/** n publishes, alternating between the processes, ten at a time. */
const publishAcross = async (count: number, label: string) => {
  for (let start = 0; start < count; start += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, count - start) }, (_, index) => {
        const n = start + index;
        return post(apps[n % apps.length], '/api/articles', apiToken, { data: articleData({ title: `${label} ${n}` }) });
      })
    );
  }
};

const countsById = () => {
  const counts = new Map<string, number>();
  for (const request of receiver.requests) counts.set(request.id, (counts.get(request.id) ?? 0) + 1);
  return counts;
};

describeOnPostgres(onPostgres ? 'two processes on one PostgreSQL' : 'two processes on one PostgreSQL (skipped: needs TEST_DB=postgres; a SQLite file serves one process)', () => {
  beforeAll(async () => {
    database = await createTestDatabase('newsletter_cluster');
    receiver = await startReceiver({ respond: ok });
    const env = {
      ...database.env,
      NEWSLETTER_ALLOW_PRIVATE: '127.0.0.1',
      NEWSLETTER_RETRY_SCHEDULE: Array.from({ length: 10 }, () => '200ms').join(','),
      NEWSLETTER_TIMEOUT: '2s',
      NEWSLETTER_LEASE: '5s',
      // Short polls: both workers keep racing for the same due deliveries.
      NEWSLETTER_POLL_INTERVAL: '100ms',
    };
    // The first process creates the schema; the second starts on it.
    apps.push(await startChildApp({ label: 'A', env }));
    apps.push(await startChildApp({ label: 'B', env }));
    admin = await registerFirstAdmin(apps[0].baseUrl);
    apiToken = await createApiTokenOverHttp(apps[0].baseUrl, admin);
    const endpoint = await post(apps[1], '/newsletter/endpoints', admin, {
      name: 'Newsletter service',
      url: `${receiver.url}/hooks`,
      events: ['article.published', 'article.updated', 'article.unpublished'],
    });
    receiver.secrets.push(endpoint.data.secret);
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    apps = [];
    await receiver?.stop();
    await database?.drop();
  });

  it('100 publishes across both processes: the receiver sees 100 distinct ids, each once', async () => {
    await publishAcross(100, 'Cluster');
    await receiver.waitFor((r) => new Set(r.requests.map((request) => request.id)).size >= 100, 30_000, '100 distinct messages');
    await waitUntilOutboxSettled(apps[0].baseUrl, admin);
    const counts = countsById();
    expect(counts.size).toBe(100);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    expect(receiver.requests).toHaveLength(100);
    expect(receiver.requests.every((request) => request.verified && request.status === 200)).toBe(true);
  });

  it('retries, claimed by whichever process polls first, are each sent once', async () => {
    receiver.reset();
    // Every message fails once: its retry is up for grabs by both workers.
    receiver.respond = (request) => (request.attempt === 1 ? { status: 503 } : { status: 200 });
    await publishAcross(40, 'Cluster retry');
    await receiver.waitFor((r) => new Set(r.delivered().map((request) => request.id)).size >= 40, 30_000, '40 delivered retries');
    await waitUntilOutboxSettled(apps[0].baseUrl, admin);
    const counts = countsById();
    expect(counts.size).toBe(40);
    expect([...counts.values()].every((count) => count === 2)).toBe(true);
    expect(receiver.delivered()).toHaveLength(40);
    expect(receiver.requests.every((request) => request.verified)).toBe(true);
  });
});
