import { linksIn, paragraph } from '../helpers/blocks';
import { createApiTokenOverHttp, registerFirstAdmin, startChildApp, type ChildApp } from '../helpers/child-app';
import { createTestDatabase, testDatabaseClient, type TestDatabase } from '../helpers/database';

/**
 * Two Strapi processes on one PostgreSQL database: a directory change made through one is
 * used by the other on its very next save (the shared directory version), and a background
 * relink is done once, by whichever process claims it.
 */

const onPostgres = testDatabaseClient() === 'postgres';
const describeOnPostgres = onPostgres ? describe : describe.skip;

let database: TestDatabase;
let apps: ChildApp[] = [];
let token: string;

const call = async (app: ChildApp, method: string, path: string, body?: unknown) => {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} on ${app.label}: ${response.status} ${text}`);
  return JSON.parse(text) as { data: { documentId: string; body: unknown } };
};

describeOnPostgres(onPostgres ? 'org-linker with two processes on one PostgreSQL' : 'org-linker with two processes (skipped: needs TEST_DB=postgres; a SQLite file serves one process)', () => {
  beforeAll(async () => {
    database = await createTestDatabase('org_linker_cluster');
    const env = { ...database.env, ORG_LINKER_POLL_MS: '100' };
    apps = [await startChildApp({ env, label: 'first' })];
    const admin = await registerFirstAdmin(apps[0].baseUrl);
    token = await createApiTokenOverHttp(apps[0].baseUrl, admin);
    apps.push(await startChildApp({ env, label: 'second' }));
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await database?.drop();
  });

  it('links, on the second process, an organization just added through the first', async () => {
    const [first, second] = apps;
    // The second process builds its automaton now, before the organization exists.
    const before = await call(second, 'POST', '/api/articles', { data: { title: 'Before', date: '2024-01-01', body: [paragraph('Polar Robotics Lab news.')] } });
    expect(linksIn(before.data.body)).toEqual([]);

    await call(first, 'POST', '/api/organizations', { data: { name: 'Polar Robotics Lab', acronym: 'PRL' } });
    const after = await call(second, 'POST', '/api/articles', { data: { title: 'After', date: '2024-01-02', body: [paragraph('PRL and the Polar Robotics Lab.')] } });
    expect(linksIn(after.data.body)).toEqual([{ text: 'PRL', url: '/organizations/polar-robotics-lab' }]);
  });

  it('relinks the older article in the background, once, whichever process does it', async () => {
    const [, second] = apps;
    const deadline = Date.now() + 30_000;
    let links: { text: string; url: string }[] = [];
    while (Date.now() < deadline) {
      const { data } = (await call(second, 'GET', '/api/articles?filters[title][$eq]=Before')) as unknown as { data: { body: unknown }[] };
      links = linksIn(data[0].body);
      if (links.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(links).toEqual([{ text: 'Polar Robotics Lab', url: '/organizations/polar-robotics-lab' }]);
  });

  it('uses a new slug set through one process for the next save on the other', async () => {
    const [first, second] = apps;
    const { data } = (await call(first, 'GET', '/api/organizations?filters[acronym][$eq]=PRL')) as unknown as { data: { documentId: string }[] };
    await call(first, 'PUT', `/api/organizations/${data[0].documentId}`, { data: { slug: 'prl' } });
    const saved = await call(second, 'POST', '/api/articles', { data: { title: 'Renamed', date: '2024-01-03', body: [paragraph('PRL again.')] } });
    expect(linksIn(saved.data.body)).toEqual([{ text: 'PRL', url: '/organizations/prl' }]);
  });
});
