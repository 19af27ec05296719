import { startChildApp, type ChildApp } from '../helpers/child-app';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { PRODUCTION_SECRETS } from '../helpers/production-secrets';

/**
 * In production GraphQL introspection and the landing page are off unless GRAPHQL_INTROSPECTION
 * and GRAPHQL_LANDING_PAGE turn them on (config/plugins.ts). The app runs as its own process with
 * NODE_ENV=production, as `strapi start` would.
 */

const SECRETS = PRODUCTION_SECRETS;

const INTROSPECTION = '{ __schema { queryType { name } } }';

let database: TestDatabase;
let app: ChildApp | undefined;

beforeAll(async () => {
  database = await createTestDatabase('graphql-production');
});
afterEach(async () => {
  await app?.stop();
  app = undefined;
});
afterAll(() => database?.drop());

const start = async (env: Record<string, string> = {}) => {
  app = await startChildApp({ env: { ...database.env, ...SECRETS, NODE_ENV: 'production', ...env }, label: 'production' });
  return app;
};

const post = (base: string, query: string) => fetch(`${base}/graphql`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query }) });

const landingPage = (base: string) => fetch(`${base}/graphql`, { headers: { Accept: 'text/html' } });

describe('GraphQL in production', () => {
  it('refuses introspection with 400 and a message, and serves no landing page, by default', async () => {
    const { baseUrl } = await start();
    const introspection = await post(baseUrl, INTROSPECTION);
    expect(introspection.status).toBe(400);
    const body = (await introspection.json()) as { errors: { message: string }[] };
    expect(body.errors[0].message).toMatch(/introspection is not allowed/i);

    const page = await landingPage(baseUrl);
    expect(page.status).toBeGreaterThanOrEqual(400);
    expect(page.status).toBeLessThan(500);
    expect(await page.text()).not.toMatch(/<html/i);

    // Queries are served as ever.
    const articles = await post(baseUrl, '{ articles { title } }');
    expect(articles.status).toBe(200);
  }, 180_000);

  it('serves introspection and the landing page when GRAPHQL_INTROSPECTION and GRAPHQL_LANDING_PAGE are true', async () => {
    const { baseUrl } = await start({ GRAPHQL_INTROSPECTION: 'true', GRAPHQL_LANDING_PAGE: 'true' });
    const introspection = await post(baseUrl, INTROSPECTION);
    expect(introspection.status).toBe(200);
    expect(((await introspection.json()) as { data: { __schema: { queryType: { name: string } } } }).data.__schema.queryType.name).toBe('Query');
    const page = await landingPage(baseUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
  }, 180_000);
});
