import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { adminSession } from '../helpers/admin';
import { paragraph } from '../helpers/blocks';
import { loadFixtureDirectory } from '../helpers/factories';
import { startReceiver, type Receiver } from '../helpers/receiver';

/** The two plugins together: the newsletter payload lists the organizations the linker found. */

let app: TestApp;
let receiver: Receiver;
let token: string;

beforeAll(async () => {
  receiver = await startReceiver();
  app = await startApp({ env: { NEWSLETTER_ALLOW_PRIVATE: '127.0.0.1', NEWSLETTER_POLL_INTERVAL: '100ms', NEWSLETTER_RETRY_SCHEDULE: '200ms' } });
  token = await createApiToken(app.strapi, 'full-access');
  await loadFixtureDirectory(app.strapi);
  const admin = await adminSession(app);
  const endpoint = await app
    .http()
    .post('/newsletter/endpoints')
    .set('Authorization', `Bearer ${admin.token}`)
    .send({ name: 'Newsletter', url: `${receiver.url}/hooks`, events: ['article.published', 'article.updated'] });
  expect(endpoint.status).toBe(201);
  receiver.secrets.push(endpoint.body.data.secret);
});
afterAll(async () => {
  await app?.stop();
  await receiver?.stop();
});

const waitForPayloads = async (count: number) => {
  const deadline = Date.now() + 15_000;
  while (receiver.requests.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(receiver.requests.length).toBe(count);
  return receiver.requests.map((request) => request.payload as { type: string; data: { organizations: { name: string; acronym: string | null }[] } });
};

it('sends article.published and article.updated with the organizations the linker found in the text', async () => {
  const created = await app
    .http()
    .post('/api/articles')
    .set('Authorization', `Bearer ${token}`)
    .send({ data: { title: 'Two names', date: '2024-06-01', body: [paragraph('WAITRO welcomed the Korea Institute of Science and Technology.')] } });
  expect(created.status).toBe(201);
  const [published] = await waitForPayloads(1);
  expect(published.type).toBe('article.published');
  expect(published.data.organizations.map((organization) => organization.acronym).sort()).toEqual(['KIST', 'WAITRO']);

  const updated = await app
    .http()
    .put(`/api/articles/${created.body.data.documentId}`)
    .set('Authorization', `Bearer ${token}`)
    .send({ data: { body: [paragraph('Now only the Chinese Academy of Sciences.')] } });
  expect(updated.status).toBe(200);
  const [, changed] = await waitForPayloads(2);
  expect(changed.type).toBe('article.updated');
  expect(changed.data.organizations.map((organization) => organization.acronym)).toEqual(['CAS']);
  expect(receiver.requests.every((request) => request.verified)).toBe(true);
});
