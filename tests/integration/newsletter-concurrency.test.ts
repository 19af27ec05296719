import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { adminSession } from '../helpers/admin';
import { articleData } from '../helpers/factories';
import { startReceiver, type Receiver, type Responder } from '../helpers/receiver';

/**
 * The worker's limits on deliveries in flight: per endpoint (NEWSLETTER_MAX_CONCURRENCY_PER_ENDPOINT)
 * and in all (NEWSLETTER_MAX_CONCURRENCY). Slow receivers, one per endpoint (each its own
 * host:port, as connection pools are per host), count the requests they hold at once.
 */

jest.setTimeout(120_000);

const ENV = {
  NEWSLETTER_ALLOW_PRIVATE: '127.0.0.1',
  NEWSLETTER_MAX_CONCURRENCY: '3',
  NEWSLETTER_MAX_CONCURRENCY_PER_ENDPOINT: '2',
  NEWSLETTER_POLL_INTERVAL: '200ms',
};
const ANSWER_AFTER_MS = 250;

let app: TestApp;
let admin: string;
let apiToken: string;
const receivers = new Map<string, Receiver>();

/** Requests held at once, in all and per endpoint, and the most seen. */
const held = { total: 0, byEndpoint: new Map<string, number>(), maxTotal: 0, maxByEndpoint: new Map<string, number>() };
const slow =
  (name: string): Responder =>
  () => {
    held.total += 1;
    held.byEndpoint.set(name, (held.byEndpoint.get(name) ?? 0) + 1);
    held.maxTotal = Math.max(held.maxTotal, held.total);
    held.maxByEndpoint.set(name, Math.max(held.maxByEndpoint.get(name) ?? 0, held.byEndpoint.get(name) ?? 0));
    // Registered before the receiver's own answer timer of the same delay, so it runs first:
    // the count drops before the worker can learn of the answer and start another.
    setTimeout(() => {
      held.total -= 1;
      held.byEndpoint.set(name, (held.byEndpoint.get(name) ?? 1) - 1);
    }, ANSWER_AFTER_MS);
    return { status: 200, delayMs: ANSWER_AFTER_MS };
  };
const resetCounts = () => {
  held.maxTotal = 0;
  held.maxByEndpoint.clear();
};
const delivered = () => [...receivers.values()].reduce((sum, receiver) => sum + receiver.delivered().length, 0);

/** A receiver (slow by default) and an endpoint pointing at it; returns the endpoint's id. */
const endpoint = async (name: string, respond: Responder = slow(name)) => {
  const receiver = await startReceiver({ respond });
  receivers.set(name, receiver);
  const response = await app
    .http()
    .post('/newsletter/endpoints')
    .set('Authorization', `Bearer ${admin}`)
    .send({ name, url: `${receiver.url}/hooks`, events: ['article.published'] });
  expect(response.status).toBe(201);
  return response.body.data.id as number;
};

/** n publishes whose deliveries all fall due together: written while the worker is stopped, then sent once it starts. */
const publish = async (count: number) => {
  const worker = app.strapi.plugin('newsletter').service('worker');
  await worker.stop();
  try {
    for (let index = 0; index < count; index += 1) await app.http().post('/api/articles').set('Authorization', `Bearer ${apiToken}`).send({ data: articleData() }).expect(201);
  } finally {
    worker.start();
  }
};

beforeAll(async () => {
  app = await startApp({ env: ENV });
  admin = (await adminSession(app)).token;
  apiToken = await createApiToken(app.strapi, 'full-access');
});

afterAll(async () => {
  await app?.stop();
  for (const receiver of receivers.values()) await receiver.stop();
});

it('sends at most NEWSLETTER_MAX_CONCURRENCY_PER_ENDPOINT deliveries to one endpoint at once', async () => {
  await endpoint('first');
  resetCounts();
  await publish(6);
  await app.strapi.plugin('newsletter').service('worker').idle();
  expect(delivered()).toBe(6);
  // The global limit (3) is not what holds it back here: one endpoint, at most 2.
  expect(Object.fromEntries(held.maxByEndpoint)).toEqual({ first: 2 });
});

it('sends at most NEWSLETTER_MAX_CONCURRENCY deliveries at once over all endpoints', async () => {
  await endpoint('second');
  await endpoint('third');
  resetCounts();
  await publish(6);
  await app.strapi.plugin('newsletter').service('worker').idle();
  expect(delivered()).toBe(6 + 18);
  // Three endpoints could take 2 each (6); the process never holds more than 3.
  expect(held.maxTotal).toBe(3);
  expect([...held.maxByEndpoint.values()].every((most) => most <= 2)).toBe(true);
});

it("an endpoint answering 410 Gone stops its own queued deliveries, not the other endpoints' ones", async () => {
  const goneId = await endpoint('gone', () => ({ status: 410, body: 'gone' }));
  await endpoint('steady');
  const gone = receivers.get('gone')!;
  const steady = receivers.get('steady')!;
  // Four publishes: the steady endpoint holds two at once, so two of its deliveries wait in the
  // worker's queue when the first 410 parks the gone endpoint's queue.
  await publish(4);
  await app.strapi.plugin('newsletter').service('worker').idle(20_000);
  expect(steady.delivered()).toHaveLength(4);
  // At most the two sent at once before the first 410 came back; nothing after it.
  expect(gone.requests.length).toBeGreaterThanOrEqual(1);
  expect(gone.requests.length).toBeLessThanOrEqual(2);
  const listed = await app.http().get('/newsletter/endpoints').set('Authorization', `Bearer ${admin}`);
  expect(listed.body.data.find((candidate: { id: number }) => candidate.id === goneId)).toMatchObject({ enabled: false });
});
