import { createApiTokenOverHttp, registerFirstAdmin, startChildApp, type ChildApp } from '../helpers/child-app';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { articleData } from '../helpers/factories';
import { ok, startReceiver, type Receiver } from '../helpers/receiver';

/**
 * The delivery log's attempt count is the number of requests that may have reached the
 * receiver: an attempt is stored before its request is sent, so a SIGKILL between the
 * request and the stored answer still counts it.
 */

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

const deliveryOf = async (messageId: string): Promise<{ status: string; attempts: number; messageId: string }> =>
  (await call('/newsletter/deliveries?pageSize=100', { token: admin })).data.find((delivery: { messageId: string }) => delivery.messageId === messageId);

const requestsFor = (messageId: string) => receiver.requests.filter((request) => request.id === messageId).length;

beforeAll(async () => {
  database = await createTestDatabase('newsletter_attempts');
  receiver = await startReceiver({ respond: ok });
  app = await startChildApp({
    label: 'newsroom',
    env: {
      ...database.env,
      NEWSLETTER_ALLOW_PRIVATE: '127.0.0.1',
      NEWSLETTER_RETRY_SCHEDULE: Array.from({ length: 10 }, () => '500ms').join(','),
      // Long enough that the killed request never times out on its own first.
      NEWSLETTER_TIMEOUT: '4s',
      NEWSLETTER_LEASE: '6s',
      NEWSLETTER_POLL_INTERVAL: '200ms',
    },
  });
  admin = await registerFirstAdmin(app.baseUrl);
  apiToken = await createApiTokenOverHttp(app.baseUrl, admin);
  const endpoint = await call('/newsletter/endpoints', {
    method: 'POST',
    token: admin,
    body: { name: 'Newsletter service', url: `${receiver.url}/hooks`, events: ['article.published'] },
  });
  receiver.secrets.push(endpoint.data.secret);
});

afterAll(async () => {
  await app?.stop();
  await receiver?.stop();
  await database?.drop();
});

it('SIGKILL while the receiver holds the first request: the log says 2 attempts for 2 requests', async () => {
  receiver.reset();
  receiver.respond = () => 'hang';
  await call('/api/articles', { method: 'POST', token: apiToken, body: { data: articleData({ title: 'Killed on the first attempt' }) } });
  await receiver.waitFor((r) => r.requests.length === 1, 10_000, 'the first request');
  const messageId = receiver.requests[0].id;
  await app.kill();

  receiver.respond = ok;
  await app.restart();
  await receiver.waitFor((r) => r.delivered().length === 1, 30_000, 'the resumed delivery');
  await sleep(1_000);
  expect(requestsFor(messageId)).toBe(2);
  expect(await deliveryOf(messageId)).toMatchObject({ status: 'succeeded', attempts: 2 });
});

it('SIGKILL during a retry: attempts equal the requests the receiver got (3)', async () => {
  receiver.reset();
  let seen = 0;
  // First request: 500 (a retry is scheduled); second: held until the kill; third: accepted.
  receiver.respond = () => (++seen === 1 ? { status: 500, body: 'try later' } : 'hang');
  await call('/api/articles', { method: 'POST', token: apiToken, body: { data: articleData({ title: 'Killed on a retry' }) } });
  await receiver.waitFor((r) => r.requests.length === 2, 10_000, 'the retry');
  const messageId = receiver.requests[0].id;
  await app.kill();

  receiver.respond = ok;
  await app.restart();
  await receiver.waitFor((r) => r.delivered().length === 1, 30_000, 'the resumed delivery');
  await sleep(1_000);
  expect(requestsFor(messageId)).toBe(3);
  expect(await deliveryOf(messageId)).toMatchObject({ status: 'succeeded', attempts: 3 });
});
