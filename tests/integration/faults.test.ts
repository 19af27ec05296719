import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { linksIn, paragraph } from '../helpers/blocks';
import { createApiTokenOverHttp, registerFirstAdmin, startChildApp, type ChildApp } from '../helpers/child-app';
import { createTestDatabase, testDatabaseClient, type TestDatabase } from '../helpers/database';
import { readFixtureOrganizations } from '../helpers/factories';
import { rowsCounted, watchRelinkProgress } from '../helpers/job-progress';
import { buildDirectory, linkBlocks } from '../../src/plugins/org-linker/server/src/core';

/**
 * Faults: the app runs as a separate process that is killed with SIGKILL in the middle of a
 * bulk relink and restarted (the relink must resume and end right); and, on PostgreSQL, the
 * database itself is restarted under the running app (requests fail cleanly meanwhile, then
 * everything works again and nothing is corrupted). Webhook deliveries killed mid-flight are
 * covered by newsletter-crash.test.ts.
 */

jest.setTimeout(240_000);

const ARTICLES = 150;

let database: TestDatabase;
let app: ChildApp;
let token: string;
let admin: string;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const call = async <T = { data: unknown }>(path: string, { method = 'GET', as = token, body }: { method?: string; as?: string; body?: unknown } = {}) => {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${as}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
};

interface Job {
  id: number;
  status: string;
  processed: number;
  total: number | null;
}

const job = async (id: number) => (await call<{ data: Job }>(`/org-linker/relink/jobs/${id}`, { as: admin })).data;

beforeAll(async () => {
  database = await createTestDatabase('faults');
  app = await startChildApp({
    env: {
      ...database.env,
      // Small batches and a short lease: the kill lands mid-job, and the restarted process
      // takes the job over soon after its lease ran out.
      ORG_LINKER_BATCH_SIZE: '4',
      ORG_LINKER_LEASE_MS: '1500',
      ORG_LINKER_POLL_MS: '100',
      ORG_LINKER_BATCH_PAUSE_MS: '50',
      DATABASE_CONNECTION_TIMEOUT: '3000',
    },
    label: 'faults',
  });
  admin = await registerFirstAdmin(app.baseUrl);
  token = await createApiTokenOverHttp(app.baseUrl, admin);
  for (const { parent: _parent, aliases, ...organization } of readFixtureOrganizations()) {
    await call('/api/organizations', { method: 'POST', body: { data: { ...organization, aliases: (aliases ?? []).map((text) => ({ text })) } } });
  }
  for (let start = 0; start < ARTICLES; start += 10) {
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        call('/api/articles', {
          method: 'POST',
          body: {
            data: { title: `Fault article ${start + index}`, date: '2024-01-01', body: [paragraph(`Article ${start + index}: WAITRO, KIST and the Chinese Academy of Sciences.`)] },
          },
        })
      )
    );
  }
});

afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

describe('SIGKILL during a bulk relink', () => {
  it('resumes after a restart and ends with every article linked right', async () => {
    // A new link address makes every article stale; start the relink and kill it mid-way.
    const progress = await watchRelinkProgress(database);
    await call('/org-linker/settings', { method: 'PUT', as: admin, body: { urlTemplate: '/network/{slug}' } });
    const started = (await call<{ data: Job }>('/org-linker/relink/run', { method: 'POST', as: admin })).data;
    let seen = await job(started.id);
    while (seen.processed === 0 && seen.status !== 'done') {
      await sleep(20);
      seen = await job(started.id);
    }
    await app.kill();
    expect(seen.status).toBe('running');
    expect(seen.processed).toBeLessThan(seen.total ?? Number.POSITIVE_INFINITY);

    await app.restart();
    const deadline = Date.now() + 60_000;
    while ((await job(started.id)).status !== 'done' && Date.now() < deadline) await sleep(200);
    const finished = await job(started.id);
    expect(finished.status).toBe('done');
    expect(finished.processed).toBe(finished.total);

    // Resumed, not started over: the killed process counted rows up to its last saved cursor,
    // the restarted one counted on from there, and together they counted each row once.
    const saves = await progress.saves(started.id);
    const owners = [...new Set(saves.map((save) => save.owner))];
    expect(owners).toHaveLength(2);
    const [killed, restarted] = owners.map((owner) => saves.filter((save) => save.owner === owner));
    expect(killed.length).toBeGreaterThan(0);
    expect(restarted[0].from).toBe(killed[killed.length - 1].to);
    expect(saves.every((save) => save.to > save.from)).toBe(true);
    expect(rowsCounted(saves)).toBe(finished.total);

    // The end state is what the engine computes for each stored text, whatever the kill cut.
    const organizations = (await call<{ data: { documentId: string; name: string; acronym: string | null; slug: string }[] }>('/api/organizations?pagination[pageSize]=100')).data;
    const directory = buildDirectory(
      organizations.map((organization) => ({ id: organization.documentId, name: organization.name, acronym: organization.acronym, slug: organization.slug }))
    );
    const page = (number: number) =>
      call<{ data: { title: string; body: unknown; mentionedOrganizations: { documentId: string }[] }[] }>(
        `/api/articles?pagination[pageSize]=100&pagination[page]=${number}&populate[mentionedOrganizations][fields][0]=documentId`
      );
    const articles = [...(await page(1)).data, ...(await page(2)).data];
    expect(articles).toHaveLength(ARTICLES);
    for (const article of articles) {
      const again = linkBlocks(directory, article.body, { urlTemplate: '/network/{slug}' });
      expect({ title: article.title, changed: again.changed }).toEqual({ title: article.title, changed: false });
      expect(
        linksIn(article.body)
          .map((link) => link.url)
          .sort()
      ).toEqual([
        '/network/chinese-academy-of-sciences',
        '/network/korea-institute-of-science-and-technology',
        '/network/world-association-of-industrial-and-technological-research-organizations',
      ]);
      expect(article.mentionedOrganizations).toHaveLength(3);
    }
    const dryRun = await call<{ data: { totals: { articles: number } } }>('/org-linker/relink/dry-run', { method: 'POST', as: admin });
    expect(dryRun.data.totals.articles).toBe(0);
  });
});

const onPostgres = testDatabaseClient() === 'postgres';
const describeOnPostgres = onPostgres ? describe : describe.skip;

const postgresCluster = () => {
  const version = fs.readdirSync('/etc/postgresql')[0];
  return (action: 'stop' | 'start') =>
    execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', action, ...(action === 'stop' ? ['-m', 'fast'] : [])], { stdio: 'pipe' });
};

describeOnPostgres(onPostgres ? 'PostgreSQL restarted under the running app' : 'PostgreSQL restarted under the running app (skipped: needs TEST_DB=postgres)', () => {
  it('fails requests cleanly while the database is down, then recovers with nothing lost or corrupted', async () => {
    const all = async () => {
      const page = (number: number) =>
        call<{ data: { documentId: string; title: string; body: unknown }[] }>(`/api/articles?pagination[pageSize]=100&pagination[page]=${number}&sort=title`);
      return [...(await page(1)).data, ...(await page(2)).data];
    };
    const before = await all();
    const cluster = postgresCluster();
    cluster('stop');
    try {
      const started = Date.now();
      const outcomes = await Promise.all([
        fetch(`${app.baseUrl}/api/articles`),
        fetch(`${app.baseUrl}/api/articles`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ data: { title: 'Written during the outage', date: '2024-01-01', body: [paragraph('WAITRO.')] } }),
        }),
      ]);
      // Clean failures: 503 with a message and Retry-After from a living server, within the pool's acquire timeout.
      for (const outcome of outcomes) {
        expect(outcome.status).toBe(503);
        expect(outcome.headers.get('retry-after')).toBe('5');
        const body = (await outcome.json()) as { error?: { message?: string } };
        expect(body.error?.message).toBe('The database is unavailable; try again in a few seconds.');
      }
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      cluster('start');
    }

    // Recovers: reads answer again, a write succeeds, and what was stored is intact.
    const deadline = Date.now() + 60_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await fetch(`${app.baseUrl}/api/articles`).catch(() => ({ status: 0 }))).status;
      if (status === 200) break;
      await sleep(250);
    }
    expect(status).toBe(200);
    const after = await all();
    expect(after.filter((article) => article.title !== 'Written during the outage')).toEqual(before);
    expect(after.filter((article) => article.title === 'Written during the outage')).toHaveLength(0);
    const written = await call<{ data: { body: unknown } }>('/api/articles', {
      method: 'POST',
      body: { data: { title: 'Written after the outage', date: '2024-01-01', body: [paragraph('WAITRO is back.')] } },
    });
    expect(linksIn(written.data.body).map((link) => link.text)).toEqual(['WAITRO']);
  });
});
