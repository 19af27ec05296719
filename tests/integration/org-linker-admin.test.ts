import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { adminSession, type AdminSession } from '../helpers/admin';
import { linksIn, paragraph } from '../helpers/blocks';
import { loadFixtureDirectory, readSeedArticle } from '../helpers/factories';
import { textToBlocks } from '../../src/plugins/org-linker/server/src/core';

let app: TestApp;
let fullToken: string;
let readToken: string;
let superAdmin: AdminSession;
let editor: AdminSession;
let directory: Map<string, string>;

beforeAll(async () => {
  app = await startApp();
  fullToken = await createApiToken(app.strapi, 'full-access');
  readToken = await createApiToken(app.strapi, 'read-only');
  directory = await loadFixtureDirectory(app.strapi);
  superAdmin = await adminSession(app, 'strapi-super-admin');
  editor = await adminSession(app, 'strapi-editor');
});
afterAll(() => app?.stop());

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

const ROUTES: { method: 'get' | 'post' | 'put'; path: string; body?: object }[] = [
  { method: 'post', path: '/org-linker/preview', body: { value: [paragraph('WAITRO')] } },
  { method: 'get', path: '/org-linker/articles/x/mentions' },
  { method: 'post', path: '/org-linker/articles/x/relink' },
  { method: 'post', path: '/org-linker/relink/dry-run' },
  { method: 'post', path: '/org-linker/relink/run' },
  { method: 'get', path: '/org-linker/relink/jobs' },
  { method: 'get', path: '/org-linker/relink/jobs/1' },
  { method: 'get', path: '/org-linker/settings' },
  { method: 'put', path: '/org-linker/settings', body: { mode: 'all' } },
];

describe('access to the admin routes', () => {
  it.each(ROUTES)('refuses $method $path to anonymous callers and content-API tokens', async ({ method, path, body }) => {
    for (const headers of [{}, bearer(fullToken), bearer(readToken)]) {
      const response = await app.http()[method](path).set(headers).send(body);
      expect(response.status).toBe(401);
    }
  });

  it('lets an editor use the panel but not relink or change settings', async () => {
    expect(
      (
        await app
          .http()
          .post('/org-linker/preview')
          .set(bearer(editor.token))
          .send({ value: [paragraph('WAITRO')] })
      ).status
    ).toBe(200);
    expect((await app.http().get('/org-linker/settings').set(bearer(editor.token))).status).toBe(403);
    expect((await app.http().put('/org-linker/settings').set(bearer(editor.token)).send({ mode: 'all' })).status).toBe(403);
    expect((await app.http().post('/org-linker/relink/run').set(bearer(editor.token))).status).toBe(403);
  });
});

describe('preview', () => {
  it('lists the organizations of unsaved text with counts and whether each will be linked', async () => {
    const response = await app
      .http()
      .post('/org-linker/preview')
      .set(bearer(superAdmin.token))
      .send({ value: textToBlocks(readSeedArticle()), ignoredOrganizations: [directory.get('Northeastern University')] });
    expect(response.status).toBe(200);
    const { organizations, ambiguous, suggestions } = response.body.data;
    expect(organizations).toHaveLength(11);
    const syiit = organizations.find((o: { acronym: string }) => o.acronym === 'SYIIT');
    expect(syiit).toMatchObject({ linked: true, url: '/organizations/shenyang-institute-of-industrial-technology', ignored: false });
    expect(syiit.count).toBeGreaterThan(10);
    expect(organizations.find((o: { name: string }) => o.name === 'Northeastern University')).toMatchObject({ linked: false, reason: 'ignored', ignored: true, count: 1 });
    expect(ambiguous).toEqual([]);
    expect(suggestions.map((s: { text: string }) => s.text)).not.toContain('Shenyang Institute of Industrial Technology');
  });

  it('lists acronyms found alone as possible mentions with the reason, not as organizations (issue 16, rule 7)', async () => {
    const response = await app
      .http()
      .post('/org-linker/preview')
      .set(bearer(superAdmin.token))
      .send({ value: [paragraph('CAS and CAS said, WAITRO too.')] });
    expect(response.status).toBe(200);
    expect(response.body.data.organizations.map((o: { acronym: string }) => o.acronym)).toEqual(['WAITRO']);
    expect(response.body.data.possible).toEqual([
      { documentId: directory.get('Chinese Academy of Sciences'), name: 'Chinese Academy of Sciences', text: 'CAS', count: 2, reason: 'short-acronym' },
    ]);
  });

  it('says which links the saved body already has (present), which saving adds and which it removes', async () => {
    const created = await app
      .http()
      .post('/api/articles?status=draft')
      .set(bearer(fullToken))
      .send({ data: { title: 'Link states', date: '2024-03-03', body: [paragraph('WAITRO and KIST met.')] } });
    expect(created.status).toBe(201);
    const { documentId } = created.body.data;
    const stored = created.body.data.body;
    expect(
      linksIn(stored)
        .map((link) => link.text)
        .sort()
    ).toEqual(['KIST', 'WAITRO']);
    const preview = async (body: Record<string, unknown>) => {
      const response = await app
        .http()
        .post('/org-linker/preview')
        .set(bearer(superAdmin.token))
        .send({ documentId, ...body });
      expect(response.status).toBe(200);
      return Object.fromEntries(response.body.data.organizations.map((o: { acronym: string; link: string }) => [o.acronym, o.link]));
    };
    // The stored, already linked body, unchanged: everything is Linked, nothing "will be".
    expect(await preview({ value: stored })).toEqual({ WAITRO: 'present', KIST: 'present' });
    // The editor adds a mention of the Chinese Academy of Sciences (CAS): only it will be linked.
    const edited = [...stored, paragraph('The Chinese Academy of Sciences joined.')];
    expect(await preview({ value: edited })).toEqual({ WAITRO: 'present', KIST: 'present', CAS: 'added' });
    // Ignoring KIST in the unsaved form: its link will be removed; a never-linked one has none.
    expect(
      await preview({ value: edited, ignoredOrganizations: [directory.get('Korea Institute of Science and Technology'), directory.get('Chinese Academy of Sciences')] })
    ).toEqual({
      WAITRO: 'present',
      KIST: 'removed',
      CAS: 'none',
    });
  });

  it('reports ambiguous names with their candidates and names missing from the directory', async () => {
    const response = await app
      .http()
      .post('/org-linker/preview')
      .set(bearer(superAdmin.token))
      .send({ value: [paragraph('The NRC met the Borealis Institute of Robotics (BIR).')] });
    expect(response.status).toBe(200);
    expect(response.body.data.ambiguous).toEqual([
      expect.objectContaining({
        text: 'NRC',
        candidates: expect.arrayContaining([expect.objectContaining({ name: 'National Research Council Canada' }), expect.objectContaining({ name: 'National Research Centre' })]),
      }),
    ]);
    expect(response.body.data.suggestions).toEqual([{ text: 'Borealis Institute of Robotics', acronym: 'BIR' }]);
  });

  it('refuses a body that is not blocks, naming the place', async () => {
    const response = await app
      .http()
      .post('/org-linker/preview')
      .set(bearer(superAdmin.token))
      .send({ value: [{ type: 'paragraph', children: 'x' }] });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^body\.0\.children/);
    const missing = await app.http().post('/org-linker/preview').set(bearer(superAdmin.token)).send({});
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/^value: /);
  });
});

describe('the Author role', () => {
  it('is given "See organization links while writing" on first start, and nothing else of the plugin', async () => {
    const author = await adminSession(app, 'strapi-author');
    const read = [
      await app.http().get('/org-linker/config').set(bearer(author.token)),
      await app
        .http()
        .post('/org-linker/preview')
        .set(bearer(author.token))
        .send({ value: [paragraph('WAITRO')] }),
      await app.http().get('/org-linker/relink/jobs').set(bearer(author.token)),
    ];
    expect(read.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(read[1].body.data.organizations.map((o: { acronym: string }) => o.acronym)).toEqual(['WAITRO']);
    const refused = [
      await app.http().post('/org-linker/relink/dry-run').set(bearer(author.token)),
      await app.http().post('/org-linker/relink/run').set(bearer(author.token)),
      await app.http().get('/org-linker/settings').set(bearer(author.token)),
      await app.http().put('/org-linker/settings').set(bearer(author.token)).send({ mode: 'all' }),
    ];
    expect(refused.map((response) => response.status)).toEqual([403, 403, 403, 403]);
  });
});

describe('saved articles', () => {
  it('returns the mentions of a saved article, and 404 for a missing one', async () => {
    const created = await app
      .http()
      .post('/api/articles')
      .set(bearer(fullToken))
      .send({ data: { title: 'Saved', date: '2024-03-03', body: [paragraph('WAITRO and KIST.')] } });
    const { documentId } = created.body.data;
    const mentions = await app.http().get(`/org-linker/articles/${documentId}/mentions?status=published`).set(bearer(superAdmin.token));
    expect(mentions.status).toBe(200);
    expect(mentions.body.data.organizations.map((o: { acronym: string }) => o.acronym).sort()).toEqual(['KIST', 'WAITRO']);
    const missing = await app.http().get('/org-linker/articles/nope/mentions').set(bearer(superAdmin.token));
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/^documentId: no draft api::article.article nope/);
  });

  it('relinks one article on request, and answers 404 for a missing one without writing anything', async () => {
    const create = async (title: string) =>
      (
        await app
          .http()
          .post('/api/articles')
          .set(bearer(fullToken))
          .send({ data: { title, date: '2024-03-03', body: [paragraph('WAITRO and KIST.')] } })
          .expect(201)
      ).body.data.documentId as string;
    const [asked, other] = [await create('Relink me'), await create('Leave me')];
    // Both go stale behind the linker's back: their links are stripped from the stored bodies.
    const articles = app.strapi.db.query('api::article.article');
    for (const documentId of [asked, other]) await articles.updateMany({ where: { documentId }, data: { body: [paragraph('WAITRO and KIST.')] } });
    const bodies = async (documentId: string) =>
      (await articles.findMany({ where: { documentId }, select: ['body'], orderBy: { id: 'asc' } })).map((row) => linksIn(row.body).map((link) => link.text));
    expect(await bodies(asked)).toEqual([[], []]);

    const relinked = await app.http().post(`/org-linker/articles/${asked}/relink`).set(bearer(superAdmin.token));
    expect(relinked.status).toBe(200);
    const changes = relinked.body.data.changes as { documentId: string; status: string; added: { text: string }[] }[];
    expect(changes.map((change) => [change.documentId, change.status, change.added.map((link) => link.text).sort()]).sort()).toEqual([
      [asked, 'draft', ['KIST', 'WAITRO']],
      [asked, 'published', ['KIST', 'WAITRO']],
    ]);
    expect(await bodies(asked)).toEqual([
      ['WAITRO', 'KIST'],
      ['WAITRO', 'KIST'],
    ]);
    expect(await bodies(other)).toEqual([[], []]);

    const count = await app.strapi.db.query('plugin::org-linker.relink-job').count();
    const stored = await articles.findMany({ select: ['id', 'body', 'updatedAt'], orderBy: { id: 'asc' } });
    const missing = await app.http().post('/org-linker/articles/does-not-exist/relink').set(bearer(superAdmin.token));
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/^documentId: /);
    expect(await app.strapi.db.query('plugin::org-linker.relink-job').count()).toBe(count);
    expect(await articles.findMany({ select: ['id', 'body', 'updatedAt'], orderBy: { id: 'asc' } })).toEqual(stored);
  });
});

describe('settings', () => {
  it('reads the defaults from config/plugins.ts', async () => {
    const response = await app.http().get('/org-linker/settings').set(bearer(superAdmin.token));
    expect(response.status).toBe(200);
    expect(response.body.data.settings).toEqual({
      mode: 'first',
      maxLinks: null,
      linkInHeadings: false,
      urlTemplate: '/organizations/{slug}',
      contentTypes: [{ uid: 'api::article.article', fields: ['body'] }],
    });
    expect(response.body.data.available).toEqual([{ uid: 'api::article.article', displayName: 'Article', fields: [{ name: 'body', type: 'blocks' }] }]);
  });

  it.each([
    [{ mode: 'sometimes' }, /^mode: must be "first" or "all"/],
    [{ maxLinks: -1 }, /^maxLinks: must be 0 or more/],
    [{ maxLinks: 2.5 }, /^maxLinks: must be a whole number/],
    [{ linkInHeadings: 'yes' }, /^linkInHeadings: must be true or false/],
    [{ urlTemplate: '/organizations/' }, /^urlTemplate: .*\{slug\}/],
    [{ urlTemplate: 'javascript:alert({slug})' }, /^urlTemplate: /],
    [{ contentTypes: [{ uid: 'api::author.author', fields: ['bio'] }] }, /^contentTypes\.0\.uid: api::author\.author lacks the attributes/],
    [{ contentTypes: [{ uid: 'api::article.article', fields: ['title'] }] }, /^contentTypes\.0\.fields\.0: title is not a blocks or rich-text field/],
    [{ unknown: true }, /unknown|Unrecognized/i],
  ])('refuses %j with 400 and a message, and keeps the stored settings', async (body, message) => {
    const before = (await app.http().get('/org-linker/settings').set(bearer(superAdmin.token))).body.data.settings;
    const response = await app.http().put('/org-linker/settings').set(bearer(superAdmin.token)).send(body);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(message);
    expect((await app.http().get('/org-linker/settings').set(bearer(superAdmin.token))).body.data.settings).toEqual(before);
  });

  it('applies saved settings to the next save: every mention, at most 2 links, in headings too', async () => {
    const before = (await app.http().get('/org-linker/settings').set(bearer(superAdmin.token)).expect(200)).body.data.settings;
    try {
      const saved = await app.http().put('/org-linker/settings').set(bearer(superAdmin.token)).send({ mode: 'all', maxLinks: 2, linkInHeadings: true });
      expect(saved.status).toBe(200);
      expect(saved.body.data.settings).toMatchObject({ mode: 'all', maxLinks: 2, linkInHeadings: true });
      const created = await app
        .http()
        .post('/api/articles')
        .set(bearer(fullToken))
        .send({
          data: {
            title: 'Settings',
            date: '2024-03-03',
            body: [{ type: 'heading', level: 2, children: [{ type: 'text', text: 'WAITRO news' }] }, paragraph('WAITRO, WAITRO and CAS.')],
          },
        });
      expect(created.status).toBe(201);
      expect(linksIn(created.body.data.body).map((link) => link.text)).toEqual(['WAITRO', 'WAITRO']);
    } finally {
      await app
        .http()
        .put('/org-linker/settings')
        .set(bearer(superAdmin.token))
        .send({ mode: before.mode, maxLinks: before.maxLinks, linkInHeadings: before.linkInHeadings })
        .expect(200);
    }
  });
});
