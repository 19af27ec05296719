import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { adminSession } from '../helpers/admin';
import { articleData } from '../helpers/factories';
import { startReceiver, type Receiver, type Responder } from '../helpers/receiver';

/**
 * How deliveries are sent and retried, against real receivers on loopback: retries with the
 * same webhook-id, 410 Gone, redirects, timeouts, Retry-After, failure after the last
 * attempt and replay. Retry delays are shortened to 300 ms (±20 % jitter), the timeout to 1 s.
 */

const ENV = {
  NEWSLETTER_ALLOW_PRIVATE: '127.0.0.1',
  NEWSLETTER_RETRY_SCHEDULE: '300ms,300ms,300ms',
  NEWSLETTER_TIMEOUT: '1s',
  NEWSLETTER_LEASE: '5s',
  NEWSLETTER_POLL_INTERVAL: '200ms',
};

// Boots, restarts and waits on real processes and timers: longer than Jest's 5 s default.
jest.setTimeout(120_000);

let app: TestApp;
let admin: string;
let apiToken: string;
const cleanups: (() => Promise<unknown>)[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

interface Delivery {
  id: number;
  messageId: string;
  status: string;
  attempts: number;
  maxAttempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
}

/** A receiver answering with `respond`, and an endpoint (subscribed to everything) pointing at it. */
const receiverWithEndpoint = async (respond: Responder) => {
  const receiver = await startReceiver({ respond });
  const response = await app
    .http()
    .post('/newsletter/endpoints')
    .set(bearer(admin))
    .send({ name: `Receiver ${receiver.port}`, url: `${receiver.url}/hooks`, events: ['article.published', 'article.updated', 'article.unpublished'] });
  expect(response.status).toBe(201);
  receiver.secrets.push(response.body.data.secret);
  const endpointId = response.body.data.id as number;
  cleanups.push(
    () => app.http().delete(`/newsletter/endpoints/${endpointId}`).set(bearer(admin)),
    () => receiver.stop()
  );
  return { receiver, endpointId };
};

const deliveriesOf = async (endpointId: number): Promise<Delivery[]> => {
  const response = await app.http().get(`/newsletter/deliveries?endpointId=${endpointId}`).set(bearer(admin));
  expect(response.status).toBe(200);
  return response.body.data;
};

/** Polls the delivery log until the endpoint's only delivery matches. */
const waitForDelivery = async (endpointId: number, done: (delivery: Delivery) => boolean, timeoutMs = 15_000): Promise<Delivery> => {
  const deadline = Date.now() + timeoutMs;
  let last: Delivery[] = [];
  while (Date.now() < deadline) {
    last = await deliveriesOf(endpointId);
    if (last.length === 1 && done(last[0])) return last[0];
    await sleep(100);
  }
  throw new Error(`delivery did not reach the expected state: ${JSON.stringify(last)}`);
};

const publish = async () => {
  const response = await app.http().post('/api/articles').set(bearer(apiToken)).send({ data: articleData() });
  expect(response.status).toBe(201);
  return response.body.data.documentId as string;
};

const ids = (receiver: Receiver) => [...new Set(receiver.requests.map((request) => request.id))];

beforeAll(async () => {
  app = await startApp({ env: ENV });
  admin = (await adminSession(app)).token;
  apiToken = await createApiToken(app.strapi, 'full-access');
});

afterEach(async () => {
  // Each test's endpoint would otherwise receive the next tests' publishes.
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

afterAll(async () => {
  await app?.stop();
});

it('500, 500, then 200: delivered on the third attempt with the same webhook-id', async () => {
  const { receiver, endpointId } = await receiverWithEndpoint((request) => (request.attempt <= 2 ? { status: 500, body: 'try later' } : { status: 200 }));
  await publish();
  const delivery = await waitForDelivery(endpointId, (candidate) => candidate.status === 'succeeded');
  expect(delivery).toMatchObject({ attempts: 3, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
  expect(receiver.requests.map((request) => request.status)).toEqual([500, 500, 200]);
  expect(ids(receiver)).toEqual([delivery.messageId]);
  expect(receiver.requests.every((request) => request.verified)).toBe(true);
  // Same message, same bytes; each attempt signed at its own time.
  expect(new Set(receiver.requests.map((request) => request.body)).size).toBe(1);
  const gaps = receiver.requests.slice(1).map((request, index) => request.receivedAt - receiver.requests[index].receivedAt);
  for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(230);
});

it('410 Gone disables the endpoint and nothing more is sent to it', async () => {
  const { receiver, endpointId } = await receiverWithEndpoint(() => ({ status: 410 }));
  await publish();
  const delivery = await waitForDelivery(endpointId, (candidate) => candidate.status === 'disabled');
  expect(delivery).toMatchObject({ attempts: 1, lastStatusCode: 410, lastError: 'receiver answered 410 Gone: endpoint disabled' });
  const endpoint = await app.http().get(`/newsletter/endpoints/${endpointId}`).set(bearer(admin));
  expect(endpoint.body.data.enabled).toBe(false);
  expect(endpoint.body.data.disabledReason).toMatch(/^receiver answered 410 Gone at /);

  await publish();
  await app.strapi.plugin('newsletter').service('worker').idle();
  expect(receiver.requests).toHaveLength(1);
  expect(await deliveriesOf(endpointId)).toHaveLength(1);
});

it('a 302 is a failure and is not followed; after the last attempt the delivery is failed, and Replay sends it again', async () => {
  const elsewhere = await startReceiver();
  cleanups.push(() => elsewhere.stop());
  let answer: Responder = () => ({ status: 302, headers: { location: `${elsewhere.url}/stolen` } });
  const { receiver, endpointId } = await receiverWithEndpoint((request) => answer(request));
  await publish();
  const failed = await waitForDelivery(endpointId, (candidate) => candidate.status === 'failed');
  expect(failed).toMatchObject({ attempts: 4, maxAttempts: 4, lastStatusCode: 302, nextAttemptAt: null });
  expect(failed.lastError).toBe(`redirect (302) not followed: Location ${elsewhere.url}/stolen (last of 4 attempts)`);
  expect(receiver.requests).toHaveLength(4);
  expect(elsewhere.requests).toHaveLength(0);

  answer = () => ({ status: 204 });
  const replay = await app.http().post(`/newsletter/deliveries/${failed.id}/replay`).set(bearer(admin));
  expect(replay.status).toBe(200);
  const delivered = await waitForDelivery(endpointId, (candidate) => candidate.status === 'succeeded');
  expect(delivered).toMatchObject({ attempts: 1, lastStatusCode: 204 });
  expect(ids(receiver)).toEqual([failed.messageId]);
  expect(receiver.requests.at(-1)?.verified).toBe(true);
});

it('a timeout is retried', async () => {
  const { receiver, endpointId } = await receiverWithEndpoint((request) => (request.attempt === 1 ? { status: 200, delayMs: 1_800 } : { status: 200 }));
  await publish();
  const delivery = await waitForDelivery(endpointId, (candidate) => candidate.status === 'succeeded');
  expect(delivery).toMatchObject({ attempts: 2, lastStatusCode: 200 });
  expect(receiver.requests).toHaveLength(2);
  expect(ids(receiver)).toEqual([delivery.messageId]);
  // The first attempt was given up after the 1 s timeout (its answer, due at 1.8 s, was never
  // read: the receiver could not deliver it), then retried ~300 ms later.
  expect(receiver.requests[0].status).toBeNull();
  expect(receiver.requests[1].receivedAt - receiver.requests[0].receivedAt).toBeGreaterThanOrEqual(1_000);
});

it('honours Retry-After over the schedule', async () => {
  const { receiver, endpointId } = await receiverWithEndpoint((request) => (request.attempt === 1 ? { status: 503, headers: { 'retry-after': '2' } } : { status: 200 }));
  await publish();
  const pending = await waitForDelivery(endpointId, (candidate) => candidate.attempts === 1 && candidate.status === 'pending');
  expect(pending).toMatchObject({ lastStatusCode: 503, lastError: 'receiver answered 503' });
  expect(Date.parse(pending.nextAttemptAt!) - receiver.requests[0].receivedAt).toBeGreaterThanOrEqual(1_900);
  await waitForDelivery(endpointId, (candidate) => candidate.status === 'succeeded');
  expect(receiver.requests[1].receivedAt - receiver.requests[0].receivedAt).toBeGreaterThanOrEqual(1_950);
});
