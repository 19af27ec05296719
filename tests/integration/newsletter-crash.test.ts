import { createApiTokenOverHttp, registerFirstAdmin, startChildApp, type ChildApp } from '../helpers/child-app';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { articleData } from '../helpers/factories';
import { waitUntilOutboxSettled } from '../helpers/outbox';
import { ok, startReceiver, type Receiver } from '../helpers/receiver';

/**
 * Durability: the app runs as a separate process that is killed with SIGKILL (no shutdown
 * code runs) and restarted on the same database. Nothing published may be lost, and a
 * healthy receiver gets each message once.
 */

// Boots, restarts and waits on real processes and timers: longer than Jest's 5 s default.
jest.setTimeout(120_000);

let database: TestDatabase;
let app: ChildApp;
let receiver: Receiver;
let admin: string;
let apiToken: string;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const call = async (path: string, init: { method?: string; token: string; body?: unknown }) => {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${init.token}`, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
};

/** Publishes n articles through REST, a few at a time. */
const publishMany = async (count: number, label: string) => {
  const documentIds: string[] = [];
  for (let start = 0; start < count; start += 5) {
    const batch = Array.from({ length: Math.min(5, count - start) }, (_, index) =>
      call('/api/articles', { method: 'POST', token: apiToken, body: { data: articleData({ title: `${label} ${start + index}` }) } })
    );
    for (const created of await Promise.all(batch)) documentIds.push(created.data.documentId);
  }
  return documentIds;
};

const deliveries = async (): Promise<{ status: string; attempts: number; messageId: string }[]> => (await call('/newsletter/deliveries?pageSize=100', { token: admin })).data;

const waitUntil = async (condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}\n--- app output ---\n${app.output().slice(-3000)}`);
};

/** Each webhook-id answered 2xx exactly once, and the ids expected. */
const deliveredOnce = (ids: string[]) => {
  const delivered = receiver.delivered();
  const counts = new Map<string, number>();
  for (const request of delivered) counts.set(request.id, (counts.get(request.id) ?? 0) + 1);
  expect([...counts.keys()].sort()).toEqual([...ids].sort());
  expect([...counts.values()].every((count) => count === 1)).toBe(true);
  expect(delivered.every((request) => request.verified)).toBe(true);
};

beforeAll(async () => {
  database = await createTestDatabase('newsletter_crash');
  // The receiver holds its port but starts "down": every connection is dropped unanswered.
  receiver = await startReceiver({ listen: false, respond: ok });
  app = await startChildApp({
    label: 'newsroom',
    env: {
      ...database.env,
      NEWSLETTER_ALLOW_PRIVATE: '127.0.0.1',
      // Many short retries: a receiver that is down for a while does not exhaust them.
      NEWSLETTER_RETRY_SCHEDULE: Array.from({ length: 30 }, () => '500ms').join(','),
      NEWSLETTER_TIMEOUT: '1s',
      NEWSLETTER_LEASE: '3s',
      NEWSLETTER_POLL_INTERVAL: '200ms',
    },
  });
  admin = await registerFirstAdmin(app.baseUrl);
  apiToken = await createApiTokenOverHttp(app.baseUrl, admin);
  const endpoint = await call('/newsletter/endpoints', {
    method: 'POST',
    token: admin,
    body: { name: 'Newsletter service', url: `${receiver.url}/hooks`, events: ['article.published', 'article.updated', 'article.unpublished'] },
  });
  receiver.secrets.push(endpoint.data.secret);
});

afterAll(async () => {
  await app?.stop();
  await receiver?.stop();
  await database?.drop();
});

it('receiver down, 20 articles published, Strapi killed with SIGKILL, restarted, receiver up: all 20 delivered, none twice', async () => {
  await publishMany(20, 'While the receiver is down');
  // Every delivery has been tried (connection dropped) and is waiting for its next attempt.
  await waitUntil(
    async () => {
      const list = await deliveries();
      return list.length === 20 && list.every((delivery) => delivery.attempts >= 1 && delivery.status !== 'succeeded');
    },
    30_000,
    '20 failed first attempts'
  );
  const messageIds = (await deliveries()).map((delivery) => delivery.messageId);

  await app.kill();
  await receiver.start();
  await app.restart();

  await receiver.waitFor((r) => new Set(r.delivered().map((request) => request.id)).size === 20, 30_000, '20 deliveries after the restart');
  await waitUntilOutboxSettled(app.baseUrl, admin);
  deliveredOnce(messageIds);
  expect(receiver.requests).toHaveLength(20);
  expect((await deliveries()).every((delivery) => delivery.status === 'succeeded')).toBe(true);
});

it('deliveries in flight when the process is killed are resumed once their lease expires', async () => {
  receiver.reset();
  receiver.respond = () => 'hang';
  await publishMany(5, 'Killed mid-delivery');
  await receiver.waitFor((r) => r.requests.length >= 5, 10_000, '5 requests in flight');
  await app.kill();
  const inFlight = [...new Set(receiver.requests.map((request) => request.id))];
  expect(inFlight).toHaveLength(5);

  receiver.respond = ok;
  await app.restart();
  await receiver.waitFor((r) => new Set(r.delivered().map((request) => request.id)).size === 5, 30_000, '5 resumed deliveries');
  await waitUntilOutboxSettled(app.baseUrl, admin);
  deliveredOnce(inFlight);
});
