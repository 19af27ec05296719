import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { adminSession } from '../helpers/admin';
import { articleData } from '../helpers/factories';

/**
 * The newsletter's configuration route refuses every webhook target that is not global unicast,
 * whatever its spelling (src/plugins/newsletter/server/src/utils/address.ts), with 400 naming
 * the URL and the address. This process runs without a worker (NEWSLETTER_WORKER=false), as a
 * web-only process beside a worker process would.
 */
let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await startApp({ env: { NEWSLETTER_WORKER: 'false' } });
  admin = (await adminSession(app)).token;
});
afterAll(() => app?.stop());

const post = (body: object) => app.http().post('/newsletter/endpoints').set('Authorization', `Bearer ${admin}`).send(body);

describe('webhook targets', () => {
  it.each([
    ['http://[::127.0.0.1]/hooks', 'an IPv6 address that embeds an IPv4 one (::7f00:1)'],
    ['http://[::7f00:1]/hooks', 'an IPv6 address that embeds an IPv4 one (::7f00:1)'],
    ['http://[::ffff:0:127.0.0.1]/hooks', 'an IPv6 address that embeds an IPv4 one (::ffff:0:7f00:1)'],
    ['http://[64:ff9b::10.0.0.1]/hooks', 'an IPv6 address that embeds an IPv4 one (64:ff9b::a00:1)'],
    ['http://[64:ff9b:1::7f00:1]/hooks', 'an IPv6 address that embeds an IPv4 one (64:ff9b:1::7f00:1)'],
    ['http://[2002:7f00:1::1]/hooks', 'an IPv6 address that embeds an IPv4 one (2002:7f00:1::1)'],
    ['http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hooks', 'an IPv6 address that embeds an IPv4 one (2001:0:4136:e378:8000:63bf:80ff:fffe)'],
    ['http://[2600:1f18::5efe:7f00:1]/hooks', 'an IPv6 address that embeds an IPv4 one (2600:1f18::5efe:7f00:1)'],
    ['http://[fec0::1]/hooks', 'a site-local address (fec0::1)'],
    ['http://[2001:db8::1]/hooks', 'a documentation address (2001:db8::1)'],
    ['http://[100::1]/hooks', 'a discard-only address (100::1)'],
    ['http://[2001:20::1]/hooks', 'an ORCHID (non-routable identifier) address (2001:20::1)'],
    ['http://[4000::1]/hooks', 'a reserved address (4000::1)'],
    ['http://198.18.0.1/hooks', 'a benchmarking address (198.18.0.1)'],
    ['http://203.0.113.5/hooks', 'a documentation address (203.0.113.5)'],
    ['http://192.0.0.170/hooks', 'a reserved address (192.0.0.170)'],
    ['http://0x7f.1/hooks', 'a loopback address (127.0.0.1)'],
  ])('refuses %s with 400 naming %s', async (url, reason) => {
    const response = await post({ name: 'Sneaky', url, events: ['article.published'] });
    expect(response.status).toBe(400);
    expect(response.body.data).toBeNull();
    expect(response.body.error.message).toBe(`url: ${url} points to ${reason}, which is not allowed`);
    expect(response.body.error.details.errors).toEqual([expect.objectContaining({ path: ['url'] })]);
  });

  it('stored nothing', async () => {
    expect(await app.strapi.db.query('plugin::newsletter.endpoint').count()).toBe(0);
  });

  it('accepts a global unicast address', async () => {
    const response = await post({ name: 'Public', url: 'https://[2606:4700:4700::1111]/hooks', events: ['article.published'] });
    expect(response.status).toBe(201);
  });
});

describe('a process without a worker (NEWSLETTER_WORKER=false)', () => {
  it('writes each delivery as pending, for another process to send, and sends nothing itself', async () => {
    const created = await post({ name: 'Web-only process', url: 'https://[2606:4700:4700::1111]/newsletter', events: ['article.published'] });
    expect(created.status).toBe(201);
    const endpointId = created.body.data.id as number;
    try {
      const apiToken = await createApiToken(app.strapi, 'full-access');
      const published = await app.http().post('/api/articles').set('Authorization', `Bearer ${apiToken}`).send({ data: articleData() });
      expect(published.status).toBe(201);
      const listed = await app.http().get(`/newsletter/deliveries?endpointId=${endpointId}`).set('Authorization', `Bearer ${admin}`);
      expect(listed.status).toBe(200);
      expect(listed.body.data).toEqual([expect.objectContaining({ endpointId, status: 'pending', attempts: 0, lastStatusCode: null })]);
    } finally {
      await app.http().delete(`/newsletter/endpoints/${endpointId}`).set('Authorization', `Bearer ${admin}`);
    }
  });
});
