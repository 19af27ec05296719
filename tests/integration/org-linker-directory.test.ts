import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { adminSession, type AdminSession } from '../helpers/admin';
import { linksIn, paragraph } from '../helpers/blocks';
import { loadFixtureDirectory } from '../helpers/factories';

let app: TestApp;
let token: string;
let directory: Map<string, string>;
let admin: AdminSession;

// The directory is read in pages of 3 organizations here (5,000 by default), so every test below
// also runs against a directory built from many pages.
const DIRECTORY_PAGE = 3;

beforeAll(async () => {
  app = await startApp({ env: { ORG_LINKER_DIRECTORY_PAGE: String(DIRECTORY_PAGE) } });
  token = await createApiToken(app.strapi, 'full-access');
  directory = await loadFixtureDirectory(app.strapi);
  admin = await adminSession(app);
});
afterAll(() => app?.stop());

const auth = () => ({ Authorization: `Bearer ${token}` });
const adminAuth = () => ({ Authorization: `Bearer ${admin.token}` });
const worker = () => app.strapi.plugin('org-linker').service('worker');
const organizations = () => app.strapi.documents('api::organization.organization');

const createArticle = async (title: string, text: string) => {
  const response = await app
    .http()
    .post('/api/articles')
    .set(auth())
    .send({ data: { title, date: '2024-02-02', body: [paragraph(text)] } });
  expect(response.status).toBe(201);
  return response.body.data.documentId as string;
};

/** Links and relation of both versions of an article, read from the database. */
const stateOf = async (documentId: string) => {
  const rows = await app.strapi.db.query('api::article.article').findMany({
    where: { documentId },
    select: ['body', 'updatedAt', 'publishedAt'],
    populate: { mentionedOrganizations: { select: ['name', 'publishedAt'] } },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => ({
    status: row.publishedAt ? 'published' : 'draft',
    links: linksIn(row.body).map((link) => `${link.text} -> ${link.url}`),
    mentioned: (row.mentionedOrganizations as { name: string; publishedAt: string | null }[]).map((o) => o.name).sort(),
    // Draft articles point at draft organizations, published ones at published ones.
    targetsMatch: (row.mentionedOrganizations as { publishedAt: string | null }[]).every((o) => Boolean(o.publishedAt) === Boolean(row.publishedAt)),
    updatedAt: new Date(row.updatedAt as string).getTime(),
  }));
};

describe('directory changes relink the affected articles in the background', () => {
  // Each test makes its own change and undoes it in finally, so any of them can run alone or in any order.
  const WAITRO = 'World Association of Industrial and Technological Research Organizations';
  let waitro: string;
  let cas: string;
  let nothing: string;

  /** The published organization's current link address. */
  const urlOf = async (name: string) => {
    const row = await app.strapi.db
      .query('api::organization.organization')
      .findOne({ where: { documentId: directory.get(name)!, publishedAt: { $notNull: true } }, select: ['slug'] });
    return `/organizations/${row!.slug as string}`;
  };
  const change = async (name: string, data: Record<string, unknown>) => {
    await organizations().update({ documentId: directory.get(name)!, data, status: 'published' });
    await worker().idle();
  };

  beforeAll(async () => {
    waitro = await createArticle('About WAITRO', 'WAITRO grows.');
    cas = await createArticle('About CAS', 'The Chinese Academy of Sciences opens a lab.');
    nothing = await createArticle('About nobody', 'Nothing to link here: the Borealis Institute of Robotics (BIR) is not in the directory yet.');
    await worker().idle();
  });

  it('re-slugging an organization rewrites every link to it, and writes no other article', async () => {
    const slug = (await urlOf(WAITRO)).split('/').pop();
    const before = { cas: await stateOf(cas), nothing: await stateOf(nothing) };
    try {
      await change(WAITRO, { slug: 'waitro' });
      const after = await stateOf(waitro);
      expect(after.map((version) => version.links)).toEqual([['WAITRO -> /organizations/waitro'], ['WAITRO -> /organizations/waitro']]);
      expect(after.every((version) => version.targetsMatch)).toBe(true);
      expect(await stateOf(cas)).toEqual(before.cas);
      expect(await stateOf(nothing)).toEqual(before.nothing);
    } finally {
      await change(WAITRO, { slug });
    }
  });

  it('adding an organization that old articles name links them without a save by hand', async () => {
    const untouched = await stateOf(cas);
    const added = await organizations().create({ data: { name: 'Borealis Institute of Robotics', acronym: 'BIR', type: 'research-institute' }, status: 'published' });
    try {
      await worker().idle();
      const after = await stateOf(nothing);
      expect(after.map((version) => version.links)).toEqual([
        ['Borealis Institute of Robotics -> /organizations/borealis-institute-of-robotics'],
        ['Borealis Institute of Robotics -> /organizations/borealis-institute-of-robotics'],
      ]);
      expect(after[1].mentioned).toEqual(['Borealis Institute of Robotics']);
      expect(await stateOf(cas)).toEqual(untouched);
    } finally {
      await organizations().delete({ documentId: added.documentId });
      await worker().idle();
    }
  });

  it('an alias given to an organization is linked where articles use it', async () => {
    const { aliases } = (await organizations().findOne({ documentId: directory.get('Fraunhofer-Gesellschaft')!, populate: ['aliases'] })) as {
      aliases: { text: string; language?: string | null }[];
    };
    const id = await createArticle('Alias later', 'A delegation of the Fraunhofer Institutes arrived.');
    await worker().idle();
    expect((await stateOf(id))[1].links).toEqual([]);
    try {
      await change('Fraunhofer-Gesellschaft', { aliases: [...aliases.map(({ text, language }) => ({ text, language })), { text: 'Fraunhofer Institutes' }] });
      expect((await stateOf(id))[1].links).toEqual([`Fraunhofer Institutes -> ${await urlOf('Fraunhofer-Gesellschaft')}`]);
    } finally {
      await change('Fraunhofer-Gesellschaft', { aliases: aliases.map(({ text, language }) => ({ text, language })) });
    }
  });

  it('unpublishing an organization unwraps its links and takes it out of every relation', async () => {
    try {
      await organizations().unpublish({ documentId: directory.get('Chinese Academy of Sciences')! });
      await worker().idle();
      const after = await stateOf(cas);
      expect(after.map((version) => version.links)).toEqual([[], []]);
      expect(after.map((version) => version.mentioned)).toEqual([[], []]);
    } finally {
      await organizations().publish({ documentId: directory.get('Chinese Academy of Sciences')! });
      await worker().idle();
    }
    expect((await stateOf(cas))[1].links).toEqual(['Chinese Academy of Sciences -> /organizations/chinese-academy-of-sciences']);
  });

  it('deleting an organization unwraps its links and takes it out of every relation', async () => {
    // An organization of this test's own, so that no other test loses it.
    const doomed = await organizations().create({ data: { name: 'Dalian Institute of Temporary Physics', type: 'research-institute' }, status: 'published' });
    const id = await createArticle('About DITP', 'The Dalian Institute of Temporary Physics and WAITRO.');
    expect((await stateOf(id))[1].mentioned).toEqual(['Dalian Institute of Temporary Physics', WAITRO]);
    await organizations().delete({ documentId: doomed.documentId });
    await worker().idle();
    const after = await stateOf(id);
    const waitroLink = `WAITRO -> ${await urlOf(WAITRO)}`;
    expect(after.map((version) => version.links)).toEqual([[waitroLink], [waitroLink]]);
    expect(after.map((version) => version.mentioned)).toEqual([[WAITRO], [WAITRO]]);
  });

  it('opting an organization out unlinks it but keeps it in the relation', async () => {
    try {
      await change(WAITRO, { autolink: false });
      const after = await stateOf(waitro);
      expect(after.map((version) => version.links)).toEqual([[], []]);
      expect(after[1].mentioned).toEqual([WAITRO]);
    } finally {
      await change(WAITRO, { autolink: true });
    }
    expect((await stateOf(waitro))[1].links).toEqual([`WAITRO -> ${await urlOf(WAITRO)}`]);
  });

  it('a change that does not affect linking queues nothing', async () => {
    const jobs = await app.strapi.db.query('plugin::org-linker.relink-job').count();
    await organizations().update({ documentId: directory.get('SIRIM Berhad')!, data: { city: 'Kuala Lumpur' }, status: 'published' });
    await organizations().update({ documentId: directory.get('SIRIM Berhad')!, data: { name: 'SIRIM Berhad (draft rename)' } });
    expect(await app.strapi.db.query('plugin::org-linker.relink-job').count()).toBe(jobs);
    await organizations().discardDraft({ documentId: directory.get('SIRIM Berhad')! });
  });

  it('reports progress of the jobs through the admin API', async () => {
    const slug = (await urlOf(WAITRO)).split('/').pop();
    try {
      await change(WAITRO, { slug: 'waitro-progress' });
    } finally {
      await change(WAITRO, { slug });
    }
    const response = await app.http().get('/org-linker/relink/jobs?limit=100').set(adminAuth());
    expect(response.status).toBe(200);
    const jobs = response.body.data as { kind: string; status: string; organization: string; processed: number; total: number; changed: number }[];
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.every((job) => job.kind !== 'organization-change' || (job.status === 'done' && job.processed === job.total))).toBe(true);
    // The WAITRO changes only had to look at the articles that name it, never at all of them.
    const articleRows = await app.strapi.db.query('api::article.article').count();
    const waitroJobs = jobs.filter((job) => job.organization === directory.get(WAITRO));
    expect(waitroJobs.length).toBeGreaterThanOrEqual(2);
    expect(waitroJobs.slice(0, 2).every((job) => job.changed > 0)).toBe(true);
    expect(waitroJobs.every((job) => job.total < articleRows)).toBe(true);
  });
});

describe('the directory version shared by processes', () => {
  it('rebuilds the automaton for the next save after another process changed the directory', async () => {
    // What another process does: write the organization and bump the shared version.
    const row = await app.strapi.db.query('api::organization.organization').findOne({
      where: { documentId: directory.get('SIRIM Berhad')!, publishedAt: { $notNull: true } },
      select: ['id'],
    });
    // Four letters: an acronym of three or fewer would need a longer form in the article to be linked (matching rules).
    await app.strapi.db.query('api::organization.organization').update({ where: { id: row!.id }, data: { acronym: 'SIRB' } });
    const id = await createArticle('Before the bump', 'SIRB and SIRIM.');
    expect((await stateOf(id))[1].links.map((link) => link.split(' ->')[0])).toEqual(['SIRIM']);
    await app.strapi.db.queryBuilder('plugin::org-linker.state').update({}).increment('directory_version', 1).execute();
    const next = await createArticle('After the bump', 'SIRB and SIRIM.');
    expect((await stateOf(next))[1].links.map((link) => link.split(' ->')[0])).toEqual(['SIRB']);
  });

  it('builds the automaton from every page of published organizations, with the aliases of each', async () => {
    const published = (await app.strapi.db.query('api::organization.organization').findMany({
      where: { publishedAt: { $notNull: true } },
      select: ['documentId', 'name', 'autolink'],
      populate: { aliases: { select: ['text'] } },
    })) as { documentId: string; name: string; autolink: boolean; aliases: { text: string }[] }[];
    expect(published.length).toBeGreaterThan(3 * DIRECTORY_PAGE);
    await app.strapi.db.queryBuilder('plugin::org-linker.state').update({}).increment('directory_version', 1).execute();
    const { organizations } = await app.strapi.plugin('org-linker').service('directory').runtime();
    expect([...organizations.keys()].sort()).toEqual(published.map((organization) => organization.documentId).sort());
    for (const organization of published) {
      const read = organizations.get(organization.documentId);
      expect({ name: read.name, autolink: read.autolink, aliases: [...read.aliases].sort() }).toEqual({
        name: organization.name,
        autolink: organization.autolink !== false,
        aliases: organization.aliases.map((alias) => alias.text).sort(),
      });
    }
    expect(published.some((organization) => organization.aliases.length > 0)).toBe(true);
  });

  it('does not rebuild on reads or unrelated saves', async () => {
    const linker = app.strapi.plugin('org-linker').service('directory');
    const first = await linker.runtime();
    await app.http().get('/api/articles?populate=mentionedOrganizations').expect(200);
    await app
      .http()
      .post('/api/authors')
      .set(auth())
      .send({ data: { name: 'Unrelated Author' } })
      .expect(201);
    await createArticle('Unrelated save', 'WAITRO again.');
    expect((await linker.runtime()).directory).toBe(first.directory);
  });
});

describe('relink all', () => {
  it('shows in a dry run exactly what the run then applies, in batches, idempotently', async () => {
    const { urlTemplate } = (await app.http().get('/org-linker/settings').set(adminAuth()).expect(200)).body.data.settings;
    await createArticle('Dry run', 'WAITRO and the Chinese Academy of Sciences.');
    await worker().idle();
    try {
      // Make some articles stale behind the linker's back: change the URL template.
      const settings = await app.http().put('/org-linker/settings').set(adminAuth()).send({ urlTemplate: '/network/{slug}' });
      expect(settings.status).toBe(200);
      const dry = await app.http().post('/org-linker/relink/dry-run').set(adminAuth());
      expect(dry.status).toBe(200);
      const planned = dry.body.data as {
        articles: { documentId: string; status: string; locale: string; added: unknown[]; updated: unknown[]; removed: unknown[] }[];
        totals: { articles: number; updated: number };
      };
      expect(planned.totals.articles).toBeGreaterThan(0);
      expect(planned.totals.updated).toBeGreaterThan(0);

      const started = await app.http().post('/org-linker/relink/run').set(adminAuth());
      expect(started.status).toBe(202);
      await worker().idle();
      const job = await app.http().get(`/org-linker/relink/jobs/${started.body.data.id}`).set(adminAuth());
      expect(job.body.data.status).toBe('done');
      const key = (change: { documentId: string; status: string; locale: string }) => `${change.documentId}/${change.locale}/${change.status}`;
      const strip = ({ documentId, status, locale, added, updated, removed }: (typeof planned.articles)[number]) => ({ documentId, status, locale, added, updated, removed });
      expect(job.body.data.changes.map(strip).sort((a: (typeof planned.articles)[number], b: (typeof planned.articles)[number]) => key(a).localeCompare(key(b)))).toEqual(
        planned.articles.map(strip).sort((a, b) => key(a).localeCompare(key(b)))
      );
      expect(job.body.data.totals).toEqual(planned.totals);

      // Every engine link now uses the new template; a second dry run finds nothing to do.
      const rows = await app.strapi.db.query('api::article.article').findMany({ select: ['body'] });
      const urls = rows.flatMap((row) => linksIn(row.body).map((link) => link.url));
      expect(urls.length).toBeGreaterThan(0);
      expect(urls.every((url) => url.startsWith('/network/'))).toBe(true);
      const again = await app.http().post('/org-linker/relink/dry-run').set(adminAuth());
      expect(again.body.data.totals.articles).toBe(0);
    } finally {
      await app.http().put('/org-linker/settings').set(adminAuth()).send({ urlTemplate }).expect(200);
      await app.http().post('/org-linker/relink/run').set(adminAuth()).expect(202);
      await worker().idle();
    }
  });

  it('resumes an interrupted run from its saved cursor', async () => {
    const { urlTemplate } = (await app.http().get('/org-linker/settings').set(adminAuth()).expect(200)).body.data.settings;
    const own = [
      await createArticle('Resume one', 'WAITRO and KIST.'),
      await createArticle('Resume two', 'KIST and WAITRO.'),
      await createArticle('Resume three', 'WAITRO, then KIST.'),
    ];
    await worker().idle();
    await worker().stop();
    try {
      // A new link address makes every linked row stale.
      await app.http().put('/org-linker/settings').set(adminAuth()).send({ urlTemplate: '/resumed/{slug}' }).expect(200);
      const started = await app.http().post('/org-linker/relink/run').set(adminAuth());
      expect(started.status).toBe(202);
      const rows = await app.strapi.db.query('api::article.article').findMany({ select: ['id', 'documentId', 'body'], orderBy: { id: 'asc' } });
      // Pretend a process got as far as this test's first article and died: lease expired, cursor saved.
      const cursorId = Math.max(...rows.filter((row) => row.documentId === own[0]).map((row) => row.id as number));
      const before = rows.filter((row) => (row.id as number) <= cursorId);
      const after = rows.filter((row) => (row.id as number) > cursorId);
      await app.strapi.db.query('plugin::org-linker.relink-job').update({
        where: { id: started.body.data.id },
        data: {
          status: 'running',
          leaseOwner: 'dead-process',
          leaseUntil: new Date(Date.now() - 1000),
          cursor: { type: 0, afterId: cursorId },
          processed: before.length,
          total: rows.length,
        },
      });
      worker().start();
      await worker().idle();
      const job = (await app.http().get(`/org-linker/relink/jobs/${started.body.data.id}`).set(adminAuth())).body.data;
      expect(job.status).toBe('done');
      expect(job.processed).toBe(rows.length);

      // Rows up to the cursor were not visited again: exactly as they were, still with the old
      // address (this test's first article among them). Every row after it was relinked.
      const stored = new Map((await app.strapi.db.query('api::article.article').findMany({ select: ['id', 'body'] })).map((row) => [row.id as number, row.body]));
      const oldAddress = urlTemplate.replace('{slug}', '');
      expect(
        before.filter((row) => row.documentId === own[0]).every((row) => linksIn(row.body).length > 0 && linksIn(row.body).every((link) => link.url.startsWith(oldAddress)))
      ).toBe(true);
      for (const row of before) expect(stored.get(row.id as number)).toEqual(row.body);
      expect(after.filter((row) => own.includes(row.documentId as string))).toHaveLength(4);
      for (const row of after) expect(linksIn(stored.get(row.id as number)).every((link) => link.url.startsWith('/resumed/'))).toBe(true);
      for (const row of after.filter((row) => own.includes(row.documentId as string))) expect(linksIn(stored.get(row.id as number))).toHaveLength(2);
      const left = ((await app.http().post('/org-linker/relink/dry-run').set(adminAuth())).body.data.articles as { documentId: string }[]).map((change) => change.documentId);
      expect(left).toContain(own[0]);
      expect(left).not.toContain(own[1]);
      expect(left).not.toContain(own[2]);
    } finally {
      // Leave the settings and every article as the other tests expect them.
      worker().start();
      await app.http().put('/org-linker/settings').set(adminAuth()).send({ urlTemplate }).expect(200);
      await app.http().post('/org-linker/relink/run').set(adminAuth()).expect(202);
      await worker().idle();
    }
  });
});
