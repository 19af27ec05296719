import { startApp, type TestApp } from '../helpers/app';

// CORS_ORIGINS (src/utils/cors.ts): only listed origins get CORS headers, and only they get credentials.
const ALLOWED = 'https://news.example.org';
const FOREIGN = 'https://evil.example.com';

let app: TestApp;
beforeAll(async () => {
  app = await startApp({ env: { CORS_ORIGINS: `${ALLOWED}, https://www.example.org` } });
});
afterAll(() => app?.stop());

type Probe = { name: string; send: (origin: string) => ReturnType<ReturnType<TestApp['http']>['get']> };
const probes: Probe[] = [
  { name: 'GET /api/articles', send: (origin) => app.http().get('/api/articles').set('Origin', origin) },
  { name: 'POST /graphql', send: (origin) => app.http().post('/graphql').set('Origin', origin).set('Content-Type', 'application/json').send({ query: '{ articles { title } }' }) },
  { name: 'GET /admin/init', send: (origin) => app.http().get('/admin/init').set('Origin', origin) },
  { name: 'POST /admin/login', send: (origin) => app.http().post('/admin/login').set('Origin', origin).send({ email: 'nobody@example.org', password: 'wrong-Password1' }) },
  ...['/api/articles', '/graphql', '/admin/login'].map((path) => ({
    name: `preflight OPTIONS ${path}`,
    send: (origin: string) =>
      app.http().options(path).set('Origin', origin).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'content-type,authorization'),
  })),
];

describe('CORS', () => {
  it.each(probes.map((probe) => [probe.name, probe] as const))('%s: a foreign origin gets no CORS headers', async (_name, probe) => {
    const response = await probe.send(FOREIGN);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    expect(response.headers['access-control-allow-methods']).toBeUndefined();
  });

  it.each(probes.map((probe) => [probe.name, probe] as const))('%s: an allowed origin gets its origin and credentials', async (_name, probe) => {
    const response = await probe.send(ALLOWED);
    expect(response.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(response.headers['access-control-allow-credentials']).toBe('true');
    expect(response.headers.vary).toMatch(/Origin/);
  });

  it('answers a preflight from an allowed origin with the methods and headers', async () => {
    const response = await app.http().options('/api/articles').set('Origin', 'https://www.example.org').set('Access-Control-Request-Method', 'PUT');
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('https://www.example.org');
    expect(response.headers['access-control-allow-methods']).toMatch(/PUT/);
    expect(response.headers['access-control-allow-headers']).toMatch(/Authorization/);
  });

  it('does not match an origin that merely starts or ends like an allowed one', async () => {
    for (const origin of ['https://news.example.org.evil.com', 'http://news.example.org', 'https://news.example.org:8443', 'null']) {
      const response = await app.http().get('/api/articles').set('Origin', origin);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    }
  });
});
