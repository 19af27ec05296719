import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { adminSession, type AdminSession } from '../helpers/admin';
import { linksIn, paragraph } from '../helpers/blocks';

/**
 * Relinks at directory scale, and relinks that fail: an organization with more names than
 * SQLite's expression depth (1000) is renamed and its articles follow; a job that fails for good
 * is shown as failed with its reason through the admin API, and Retry runs it again to done.
 */

const ALIASES = 1050;

let app: TestApp;
let token: string;
let superAdmin: AdminSession;
let editor: AdminSession;

beforeAll(async () => {
  app = await startApp({
    env: {
      // A directory that outgrew the default alias limit (or was filled before it existed).
      WRITE_MAX_ALIASES: String(ALIASES + 100),
      // Failed attempts are retried after min(lease, 5 s): keep the five attempts short.
      ORG_LINKER_LEASE_MS: '300',
      ORG_LINKER_POLL_MS: '100',
    },
  });
  token = await createApiToken(app.strapi, 'full-access');
  superAdmin = await adminSession(app);
  editor = await adminSession(app, 'strapi-editor');
});
afterAll(() => app?.stop());

const auth = () => ({ Authorization: `Bearer ${token}` });
const admin = () => ({ Authorization: `Bearer ${superAdmin.token}` });
const worker = () => app.strapi.plugin('org-linker').service('worker');

const createArticle = async (title: string, text: string) => {
  const response = await app
    .http()
    .post('/api/articles')
    .set(auth())
    .send({ data: { title, date: '2024-03-03', body: [paragraph(text)] } });
  expect(response.status).toBe(201);
  return response.body.data.documentId as string;
};

/** Links (text -> url) of every stored version of an article. */
const linksOf = async (documentId: string) => {
  const rows = await app.strapi.db.query('api::article.article').findMany({ where: { documentId }, select: ['body', 'publishedAt'], orderBy: { id: 'asc' } });
  return rows.map((row) => linksIn(row.body).map((link) => `${link.text} -> ${link.url}`));
};

interface JobView {
  id: number;
  kind: string;
  status: string;
  error: string | null;
  organization: string | null;
}

const jobs = async (): Promise<JobView[]> => {
  const response = await app.http().get('/org-linker/relink/jobs?limit=100').set(admin());
  expect(response.status).toBe(200);
  return response.body.data as JobView[];
};

/** Resolves once no query has held or awaited a connection for 300 ms (at most 10 s). */
const databaseIdle = async () => {
  const pool = (app.strapi.db.connection.client as { pool?: { numUsed(): number; numPendingAcquires(): number } }).pool;
  const deadline = Date.now() + 10_000;
  let quietSince = Date.now();
  while (pool && Date.now() < deadline) {
    if (pool.numUsed() + pool.numPendingAcquires() > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= 300) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

const waitFor = async <T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describe('relinks work at any directory size', () => {
  it(`renames an organization with ${ALIASES} aliases and relinks its articles (job done, links right)`, async () => {
    const aliases = Array.from({ length: ALIASES }, (_, index) => ({ text: `Scale Alias Number ${String(index).padStart(4, '0')}` }));
    const organization = await app.strapi
      .documents('api::organization.organization')
      .create({ data: { name: 'Scale Research Institute', slug: 'scale-research-institute', aliases }, status: 'published' });
    const article = await createArticle('Scale', 'Scale Alias Number 0777 opened a lab.');
    await worker().idle(60_000);
    expect(await linksOf(article)).toEqual([
      ['Scale Alias Number 0777 -> /organizations/scale-research-institute'],
      ['Scale Alias Number 0777 -> /organizations/scale-research-institute'],
    ]);

    const renamed = await app
      .http()
      .put(`/api/organizations/${organization.documentId}`)
      .set(auth())
      .send({ data: { name: 'Scale Institute Renamed', slug: 'scale-institute-renamed' } });
    expect(renamed.status).toBe(200);
    await worker().idle(60_000);

    const changes = (await jobs()).filter((job) => job.kind === 'organization-change' && job.organization === organization.documentId);
    expect(changes.length).toBeGreaterThanOrEqual(2);
    expect(changes.map((job) => [job.status, job.error])).toEqual(changes.map(() => ['done', null]));
    expect(await linksOf(article)).toEqual([
      ['Scale Alias Number 0777 -> /organizations/scale-institute-renamed'],
      ['Scale Alias Number 0777 -> /organizations/scale-institute-renamed'],
    ]);
  });
});

describe('a relink that fails is visible and can be retried', () => {
  it('shows failed with its reason through the admin API, and Retry runs it again to done', async () => {
    const organization = await app.strapi
      .documents('api::organization.organization')
      .create({ data: { name: 'Fragile Research Centre', slug: 'fragile-research-centre' }, status: 'published' });
    const article = await createArticle('Fragile', 'The Fragile Research Centre met the press.');
    await worker().idle(60_000);
    expect((await linksOf(article))[0]).toEqual(['Fragile Research Centre -> /organizations/fragile-research-centre']);

    // A real failure: the relation table the job queries is gone (as after a botched migration).
    const table = (app.strapi.db.metadata.get('api::article.article').attributes.mentionedOrganizations as unknown as { joinTable: { name: string } }).joinTable.name;
    await worker().stop();
    const reslugged = await app
      .http()
      .put(`/api/organizations/${organization.documentId}`)
      .set(auth())
      .send({ data: { slug: 'fragile-centre' } });
    expect(reslugged.status).toBe(200);
    // Work that outlives the response (Strapi's event listeners read the relations) must not
    // meet the missing table: rename only once no query has run for a while.
    await databaseIdle();
    await app.strapi.db.connection.schema.renameTable(table, `${table}_away`);
    let failed: JobView;
    try {
      worker().start();
      failed = await waitFor(async () => (await jobs()).find((job) => job.organization === organization.documentId && job.status === 'failed'), 'the relink job to fail for good');
    } finally {
      await worker().stop();
      await app.strapi.db.connection.schema.renameTable(`${table}_away`, table);
      worker().start();
    }
    expect(failed.error).toContain(table);
    const detail = await app.http().get(`/org-linker/relink/jobs/${failed.id}`).set(admin());
    expect(detail.body.data).toMatchObject({ status: 'failed', error: failed.error });
    // The article still has the old link: the change never reached it.
    expect((await linksOf(article))[0]).toEqual(['Fragile Research Centre -> /organizations/fragile-research-centre']);

    // Retry needs the relink permission; an editor may only look.
    expect(
      (
        await app
          .http()
          .post(`/org-linker/relink/jobs/${failed.id}/retry`)
          .set({ Authorization: `Bearer ${editor.token}` })
      ).status
    ).toBe(403);
    const retried = await app.http().post(`/org-linker/relink/jobs/${failed.id}/retry`).set(admin());
    expect(retried.status).toBe(202);
    expect(retried.body.data).toMatchObject({ id: failed.id, status: 'pending', error: null });
    await worker().idle(60_000);
    const after = await app.http().get(`/org-linker/relink/jobs/${failed.id}`).set(admin());
    expect(after.body.data).toMatchObject({ status: 'done', error: null });
    expect(await linksOf(article)).toEqual([['Fragile Research Centre -> /organizations/fragile-centre'], ['Fragile Research Centre -> /organizations/fragile-centre']]);

    // Only a failed job can be retried; an unknown one is a 404.
    const again = await app.http().post(`/org-linker/relink/jobs/${failed.id}/retry`).set(admin());
    expect(again.status).toBe(400);
    expect(again.body.error.message).toBe(`id: relink job ${failed.id} is done; only a failed job can be retried`);
    expect((await app.http().post('/org-linker/relink/jobs/999999/retry').set(admin())).status).toBe(404);
  });
});
