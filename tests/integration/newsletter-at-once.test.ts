import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { adminSession } from '../helpers/admin';
import { articleData } from '../helpers/factories';
import { ok, startReceiver } from '../helpers/receiver';

/**
 * "Sent at once" (README, Newsletter webhooks → Delivery): a publish is handed to this process's
 * worker straight from its transaction, not left for the next poll. The poll interval here is an
 * hour, so within the test only that hand-over can deliver.
 */
const ENV = { NEWSLETTER_ALLOW_PRIVATE: '127.0.0.1', NEWSLETTER_POLL_INTERVAL: '1h' };

jest.setTimeout(120_000);

let app: TestApp;

beforeAll(async () => {
  app = await startApp({ env: ENV });
});

afterAll(() => app?.stop());

it('delivers a publish within seconds though the next poll is an hour away', async () => {
  const admin = (await adminSession(app)).token;
  const apiToken = await createApiToken(app.strapi, 'full-access');
  const receiver = await startReceiver({ respond: ok });
  let endpointId: number | undefined;
  try {
    const created = await app
      .http()
      .post('/newsletter/endpoints')
      .set('Authorization', `Bearer ${admin}`)
      .send({ name: 'At once', url: `${receiver.url}/hooks`, events: ['article.published'] });
    expect(created.status).toBe(201);
    endpointId = created.body.data.id as number;
    receiver.secrets.push(created.body.data.secret);

    const published = await app.http().post('/api/articles').set('Authorization', `Bearer ${apiToken}`).send({ data: articleData() });
    expect(published.status).toBe(201);
    await receiver.waitFor((r) => r.delivered().length === 1, 10_000, 'the publish, sent without waiting for a poll');
    const [request] = receiver.delivered();
    expect(request.verified).toBe(true);
    expect(request.attempt).toBe(1);
    expect(request.payload).toMatchObject({ type: 'article.published', data: { documentId: published.body.data.documentId } });
  } finally {
    if (endpointId !== undefined) await app.http().delete(`/newsletter/endpoints/${endpointId}`).set('Authorization', `Bearer ${admin}`);
    await receiver.stop();
  }
});
