import { linksIn, paragraph } from '../helpers/blocks';
import { createApiTokenOverHttp, registerFirstAdmin, startChildApp, type ChildApp } from '../helpers/child-app';
import { createTestDatabase, testDatabaseClient, type TestDatabase } from '../helpers/database';
import { rowsCounted, watchColumnWrites, watchRelinkProgress } from '../helpers/job-progress';

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
let admin: string;

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

describeOnPostgres(
  onPostgres ? 'org-linker with two processes on one PostgreSQL' : 'org-linker with two processes (skipped: needs TEST_DB=postgres; a SQLite file serves one process)',
  () => {
    beforeAll(async () => {
      database = await createTestDatabase('org_linker_cluster');
      // One row per batch with a pause: a relink lasts long enough for the other process to poll
      // for jobs many times while it runs (100 ms).
      const env = { ...database.env, ORG_LINKER_POLL_MS: '100', ORG_LINKER_BATCH_SIZE: '1', ORG_LINKER_BATCH_PAUSE_MS: '150' };
      apps = [await startChildApp({ env, label: 'first' })];
      admin = await registerFirstAdmin(apps[0].baseUrl);
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

    it('relinks older articles in the background, once, by one process', async () => {
      const [first, second] = apps;
      const progress = await watchRelinkProgress(database);
      const bodies = await watchColumnWrites(database, 'articles', 'body');
      const older = [];
      for (let index = 0; index < 4; index += 1) {
        older.push(
          (
            await call(index % 2 ? first : second, 'POST', '/api/articles', {
              data: { title: `Older ${index}`, date: '2024-01-01', body: [paragraph(`Arctic Sensor Institute report ${index}.`)] },
            })
          ).data
        );
      }
      expect(older.every((article) => linksIn(article.body).length === 0)).toBe(true);
      const rows = await bodies.rowsContaining('Arctic Sensor Institute report');
      expect(rows).toHaveLength(8); // a draft and a published row each

      const organization = (await call(first, 'POST', '/api/organizations', { data: { name: 'Arctic Sensor Institute' } })).data;
      const jobsFor = async () => {
        const response = await fetch(`${first.baseUrl}/org-linker/relink/jobs?limit=100`, { headers: { authorization: `Bearer ${admin}` } });
        return ((await response.json()) as { data: { id: number; organization: string; status: string; processed: number; total: number }[] }).data.filter(
          (job) => job.organization === organization.documentId
        );
      };
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && !(await jobsFor()).every((job) => job.status === 'done')) await new Promise((resolve) => setTimeout(resolve, 200));
      const jobs = await jobsFor();
      expect(jobs.map((job) => job.status)).toEqual(['done']);

      for (const article of older) {
        const { data } = (await call(second, 'GET', `/api/articles/${article.documentId}`)) as { data: { body: unknown } };
        expect(linksIn(data.body)).toEqual([{ text: 'Arctic Sensor Institute', url: '/organizations/arctic-sensor-institute' }]);
      }
      // Each row was rewritten exactly once; one process ran the job (no other took it over while
      // it was alive), and the job counted every row once.
      expect([...(await bodies.writes(rows)).values()]).toEqual(rows.map(() => 1));
      const saves = await progress.saves(jobs[0].id);
      expect(new Set(saves.map((save) => save.owner)).size).toBe(1);
      expect(rowsCounted(saves)).toBe(jobs[0].processed);
      expect(jobs[0].processed).toBe(jobs[0].total);
    });

    it('uses a new slug set through one process for the next save on the other', async () => {
      const [first, second] = apps;
      const { data } = (await call(first, 'GET', '/api/organizations?filters[acronym][$eq]=PRL')) as unknown as { data: { documentId: string }[] };
      await call(first, 'PUT', `/api/organizations/${data[0].documentId}`, { data: { slug: 'prl' } });
      // Named in full too: a three-letter acronym alone is not linked (matching rules).
      const saved = await call(second, 'POST', '/api/articles', { data: { title: 'Renamed', date: '2024-01-03', body: [paragraph('PRL, the Polar Robotics Lab, again.')] } });
      expect(linksIn(saved.data.body)).toEqual([{ text: 'PRL', url: '/organizations/prl' }]);
    });
  }
);
