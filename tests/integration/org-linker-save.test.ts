import type { Modules } from '@strapi/strapi';
import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { adminSession, type AdminSession } from '../helpers/admin';
import { linkCounts, linksIn, paragraph, plainText } from '../helpers/blocks';
import { loadFixtureDirectory, readSeedArticle, SEED_ORGANIZATIONS } from '../helpers/factories';
import { textToBlocks } from '../../src/plugins/org-linker/server/src/core';

let app: TestApp;
let token: string;
let directory: Map<string, string>;
let admin: AdminSession;

/** Every action the Document Service performed on articles, as middlewares see it. */
const seenActions: { action: string; status?: string; hasBody: boolean }[] = [];

beforeAll(async () => {
  app = await startApp();
  token = await createApiToken(app.strapi, 'full-access');
  directory = await loadFixtureDirectory(app.strapi);
  admin = await adminSession(app, 'strapi-super-admin');
  const recorder: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if (context.uid === 'api::article.article' && !['findOne', 'findMany', 'findFirst', 'count'].includes(context.action)) {
      const params = context.params as { status?: string; data?: Record<string, unknown> };
      seenActions.push({ action: context.action, status: params.status, hasBody: Boolean(params.data && 'body' in params.data) });
    }
    return next();
  };
  app.strapi.documents.use(recorder);
});
afterAll(() => app?.stop());

const auth = () => ({ Authorization: `Bearer ${token}` });
const slugOf = (name: string) =>
  app.strapi.db
    .query('api::organization.organization')
    .findOne({ where: { documentId: directory.get(name) }, select: ['slug'] })
    .then((row) => row!.slug as string);
const urlOf = async (name: string) => `/organizations/${await slugOf(name)}`;

const createArticle = async (data: Record<string, unknown>, query = '') => {
  const response = await app
    .http()
    .post(`/api/articles${query}`)
    .set(auth())
    .send({ data: { date: '2023-09-13', ...data } });
  expect(response.status).toBe(201);
  return response.body.data as { documentId: string; body: unknown };
};

const readArticle = async (documentId: string, status: 'draft' | 'published' = 'published', locale?: string) => {
  const query = `?status=${status}&populate[mentionedOrganizations][fields][0]=name&populate[ignoredOrganizations][fields][0]=name${locale ? `&locale=${locale}` : ''}`;
  const response = await app.http().get(`/api/articles/${documentId}${query}`).set(auth());
  expect(response.status).toBe(200);
  return response.body.data as {
    body: unknown;
    title: string;
    updatedAt: string;
    mentionedOrganizations: { name: string }[];
    ignoredOrganizations: { name: string }[];
  };
};

const mentionedNames = (article: { mentionedOrganizations: { name: string }[] }) => article.mentionedOrganizations.map((o) => o.name).sort();

describe('the seed article', () => {
  let documentId: string;

  beforeAll(async () => {
    documentId = (await createArticle({ title: 'SYIIT joins WAITRO', body: textToBlocks(readSeedArticle()) })).documentId;
  });

  it('links each of its 11 organizations exactly once, at its first mention', async () => {
    const article = await readArticle(documentId);
    const counts = linkCounts(article.body);
    const expected = Object.fromEntries(await Promise.all(SEED_ORGANIZATIONS.map(async (name) => [await urlOf(name), 1])));
    expect(counts).toEqual(expected);
    const first = linksIn(article.body)[0];
    expect(first.text).toBe('Shenyang Institute of Industrial Technology');
    // The visible text is untouched.
    expect(plainText(article.body)).toBe(plainText(textToBlocks(readSeedArticle())));
  });

  it('sets mentionedOrganizations to exactly those 11, on the draft and the published version alike', async () => {
    expect(mentionedNames(await readArticle(documentId, 'published'))).toEqual([...SEED_ORGANIZATIONS].sort());
    expect(mentionedNames(await readArticle(documentId, 'draft'))).toEqual([...SEED_ORGANIZATIONS].sort());
  });

  it('serves the same to the public', async () => {
    const response = await app.http().get(`/api/articles/${documentId}?populate=mentionedOrganizations`);
    expect(response.status).toBe(200);
    expect(response.body.data.mentionedOrganizations).toHaveLength(11);
    expect(linksIn(response.body.data.body)).toHaveLength(11);
  });

  it('changes nothing when saved again', async () => {
    const before = await readArticle(documentId);
    const response = await app
      .http()
      .put(`/api/articles/${documentId}`)
      .set(auth())
      .send({ data: { body: before.body } });
    expect(response.status).toBe(200);
    const after = await readArticle(documentId);
    expect(after.body).toEqual(before.body);
    expect(mentionedNames(after)).toEqual(mentionedNames(before));
  });
});

describe('the response of a write', () => {
  it('carries the relation the plugin wrote when the caller populates it', async () => {
    const created = await app
      .http()
      .post('/api/articles?populate=mentionedOrganizations')
      .set(auth())
      .send({ data: { title: 'Populated', date: '2024-04-04', body: [paragraph('WAITRO and KIST.')] } });
    expect(created.status).toBe(201);
    expect(created.body.data.mentionedOrganizations.map((o: { acronym: string }) => o.acronym).sort()).toEqual(['KIST', 'WAITRO']);
    const updated = await app
      .http()
      .put(`/api/articles/${created.body.data.documentId}?populate=mentionedOrganizations`)
      .set(auth())
      .send({ data: { body: [paragraph('Only CAS now, the Chinese Academy of Sciences.')] } });
    expect(updated.status).toBe(200);
    expect(updated.body.data.mentionedOrganizations.map((o: { acronym: string }) => o.acronym)).toEqual(['CAS']);
    expect(linksIn(updated.body.data.body).map((link) => link.text)).toEqual(['CAS']);
  });
});

describe('opt-outs, ignores and choices', () => {
  it('article autolink false: removes the links the engine made, still maintains the relation', async () => {
    const { documentId } = await createArticle({ title: 'Opt-out article', body: [paragraph('WAITRO welcomed the Chinese Academy of Sciences.')] });
    expect(linksIn((await readArticle(documentId)).body)).toHaveLength(2);
    await app
      .http()
      .put(`/api/articles/${documentId}`)
      .set(auth())
      .send({ data: { autolink: false } })
      .expect(200);
    const article = await readArticle(documentId);
    expect(linksIn(article.body)).toEqual([]);
    expect(mentionedNames(article)).toEqual(['Chinese Academy of Sciences', 'World Association of Industrial and Technological Research Organizations']);
    // Survives a later save of the body.
    await app
      .http()
      .put(`/api/articles/${documentId}`)
      .set(auth())
      .send({ data: { body: article.body } })
      .expect(200);
    expect(linksIn((await readArticle(documentId)).body)).toEqual([]);
  });

  it('acronyms alone (issue 16, rule 7): a short one needs a longer form in the article, unless its organization says acronymAlone always', async () => {
    const ice = await app.strapi.documents('api::organization.organization').create({
      data: { name: 'Institute of Chemical Engineering', acronym: 'ICE', acronymAlone: 'always' },
    });
    await app.strapi.documents('api::organization.organization').publish({ documentId: ice.documentId });
    await app.strapi.plugin('org-linker').service('worker').idle();
    const { documentId } = await createArticle({ title: 'Acronyms alone', body: [paragraph('The ICE and CAS met.')] });
    const article = await readArticle(documentId);
    expect(linksIn(article.body).map((link) => link.text)).toEqual(['ICE']);
    expect(mentionedNames(article)).toEqual(['Institute of Chemical Engineering']);
    const invalid = await app
      .http()
      .put(`/api/organizations/${ice.documentId}`)
      .set(auth())
      .send({ data: { acronymAlone: 'sometimes' } });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body.error)).toMatch(/acronymAlone/);
  });

  it('changing only acronymAlone relinks the articles already saved', async () => {
    const organizations = app.strapi.documents('api::organization.organization');
    const tio = await organizations.create({ data: { name: 'Tundra Institute of Optics', acronym: 'TIO' } });
    await organizations.publish({ documentId: tio.documentId });
    await app.strapi.plugin('org-linker').service('worker').idle();
    const { documentId } = await createArticle({ title: 'TIO alone', body: [paragraph('The TIO opened a lab.')] });
    expect(linksIn((await readArticle(documentId)).body)).toEqual([]);
    await organizations.update({ documentId: tio.documentId, data: { acronymAlone: 'always' }, status: 'published' });
    await app.strapi.plugin('org-linker').service('worker').idle();
    const article = await readArticle(documentId);
    expect(linksIn(article.body).map((link) => link.text)).toEqual(['TIO']);
    expect(mentionedNames(article)).toEqual(['Tundra Institute of Optics']);
  });

  it('organization autolink false: counts as a mention, is never linked', async () => {
    await app.strapi
      .documents('api::organization.organization')
      .update({ documentId: directory.get('Korea Institute of Science and Technology')!, data: { autolink: false }, status: 'published' });
    await app.strapi.plugin('org-linker').service('worker').idle();
    const { documentId } = await createArticle({ title: 'KIST news', body: [paragraph('A visit to KIST and to WAITRO.')] });
    const article = await readArticle(documentId);
    expect(linksIn(article.body).map((link) => link.text)).toEqual(['WAITRO']);
    expect(mentionedNames(article)).toContain('Korea Institute of Science and Technology');
  });

  it('an ignored organization is neither linked nor listed, and stays ignored across saves', async () => {
    const cas = directory.get('Chinese Academy of Sciences')!;
    const { documentId } = await createArticle({
      title: 'Ignore article',
      body: [paragraph('The Chinese Academy of Sciences and WAITRO met.')],
      ignoredOrganizations: [cas],
    });
    const check = async () => {
      const article = await readArticle(documentId);
      expect(linksIn(article.body).map((link) => link.text)).toEqual(['WAITRO']);
      expect(mentionedNames(article)).toEqual(['World Association of Industrial and Technological Research Organizations']);
      expect(article.ignoredOrganizations.map((o) => o.name)).toEqual(['Chinese Academy of Sciences']);
      return article;
    };
    const article = await check();
    await app
      .http()
      .put(`/api/articles/${documentId}`)
      .set(auth())
      .send({ data: { title: 'Ignore article, retitled' } })
      .expect(200);
    await app
      .http()
      .put(`/api/articles/${documentId}`)
      .set(auth())
      .send({ data: { body: [...(article.body as unknown[]), paragraph('CAS again.')] } })
      .expect(200);
    await check();
    // Un-ignoring links it again.
    await app
      .http()
      .put(`/api/articles/${documentId}`)
      .set(auth())
      .send({ data: { ignoredOrganizations: { disconnect: [cas] } } })
      .expect(200);
    expect(linksIn((await readArticle(documentId)).body).map((link) => link.text)).toEqual(['Chinese Academy of Sciences', 'WAITRO']);
  });

  it('an ambiguous name is reported and not linked, until the editor resolves it; the choice survives saves', async () => {
    const canada = directory.get('National Research Council Canada')!;
    const { documentId } = await createArticle({ title: 'NRC article', body: [paragraph('The NRC signed with WAITRO.')] });
    let article = await readArticle(documentId);
    expect(linksIn(article.body).map((link) => link.text)).toEqual(['WAITRO']);
    expect(mentionedNames(article)).toEqual(['World Association of Industrial and Technological Research Organizations']);

    await app
      .http()
      .put(`/api/articles/${documentId}`)
      .set(auth())
      .send({ data: { organizationChoices: [{ text: 'NRC', organization: canada }] } })
      .expect(200);
    article = await readArticle(documentId);
    expect(linksIn(article.body)).toEqual([
      { text: 'NRC', url: await urlOf('National Research Council Canada') },
      { text: 'WAITRO', url: await urlOf('World Association of Industrial and Technological Research Organizations') },
    ]);
    await app
      .http()
      .put(`/api/articles/${documentId}`)
      .set(auth())
      .send({ data: { body: [paragraph('Again the NRC, and WAITRO.')] } })
      .expect(200);
    expect(linksIn((await readArticle(documentId)).body).map((link) => link.text)).toEqual(['NRC', 'WAITRO']);
  });

  it('resolves an ambiguous acronym by an unambiguous mention in the same article', async () => {
    const { documentId } = await createArticle({ title: 'NRC resolved', body: [paragraph('National Research Centre scientists — the NRC team — visited.')] });
    const article = await readArticle(documentId);
    expect(mentionedNames(article)).toEqual(['National Research Centre']);
  });
});

describe('writes that do not carry the body, locales, publish and discard', () => {
  it('a write without the body leaves the body and the relation alone', async () => {
    const { documentId } = await createArticle({ title: 'Untouched', body: [paragraph('WAITRO and CAS.')] });
    const before = await readArticle(documentId);
    // An organization added later is not applied by an unrelated save…
    await app.strapi.db.query('api::article.article').updateMany({ where: { documentId }, data: { linkerText: 'stale' } });
    await app
      .http()
      .put(`/api/articles/${documentId}`)
      .set(auth())
      .send({ data: { title: 'Untouched, retitled', excerpt: 'New excerpt' } })
      .expect(200);
    const after = await readArticle(documentId);
    expect(after.title).toBe('Untouched, retitled');
    expect(after.body).toEqual(before.body);
    expect(mentionedNames(after)).toEqual(mentionedNames(before));
    const row = await app.strapi.db.query('api::article.article').findOne({ where: { documentId, publishedAt: null }, select: ['linkerText'] });
    expect(row?.linkerText).toBe('stale');
  });

  it('links a localized version with its own names and relation', async () => {
    const { documentId } = await createArticle({ title: 'Bilingual', body: [paragraph('WAITRO welcomes a new member.')] });
    const response = await app
      .http()
      .put(`/api/articles/${documentId}?locale=zh-Hans`)
      .set(auth())
      .send({ data: { title: '双语', date: '2023-09-13', body: [paragraph('中国科学院金属研究所与东北大学合作。')] } });
    expect(response.status).toBe(200);
    const chinese = await readArticle(documentId, 'published', 'zh-Hans');
    expect(linksIn(chinese.body).map((link) => link.text)).toEqual(['中国科学院金属研究所', '东北大学']);
    expect(mentionedNames(chinese)).toEqual(['Institute of Metals Research', 'Northeastern University']);
    // The English version is untouched.
    expect(mentionedNames(await readArticle(documentId, 'published', 'en'))).toEqual(['World Association of Industrial and Technological Research Organizations']);
  });

  it('publish links the draft with the directory as it is now', async () => {
    const { documentId } = await createArticle({ title: 'Publish later', body: [paragraph('The Borealis Institute of Robotics met WAITRO.')] }, '?status=draft');
    expect(linksIn((await readArticle(documentId, 'draft')).body).map((link) => link.text)).toEqual(['WAITRO']);
    // A new organization appears in the directory; the worker is stopped so that only publish can apply it.
    const worker = app.strapi.plugin('org-linker').service('worker');
    await worker.stop();
    try {
      await app.strapi.documents('api::organization.organization').create({ data: { name: 'Borealis Institute of Robotics', acronym: 'BIR' }, status: 'published' });
      await app.strapi.documents('api::article.article').publish({ documentId });
      const published = await readArticle(documentId, 'published');
      expect(linksIn(published.body).map((link) => link.text)).toEqual(['Borealis Institute of Robotics', 'WAITRO']);
      expect(mentionedNames(published)).toContain('Borealis Institute of Robotics');
      expect((await readArticle(documentId, 'draft')).body).toEqual(published.body);
    } finally {
      worker.start();
      await worker.idle();
    }
  });

  it('discarding a draft brings back the published body and relation', async () => {
    const { documentId } = await createArticle({ title: 'Discard me', body: [paragraph('WAITRO news.')] });
    await app
      .http()
      .put(`/api/articles/${documentId}?status=draft`)
      .set(auth())
      .send({ data: { body: [paragraph('Draft about CAS (Chinese Academy of Sciences) only.')] } })
      .expect(200);
    expect(mentionedNames(await readArticle(documentId, 'draft'))).toEqual(['Chinese Academy of Sciences']);
    await app.strapi.documents('api::article.article').discardDraft({ documentId });
    const draft = await readArticle(documentId, 'draft');
    expect(plainText(draft.body)).toBe('WAITRO news.');
    expect(mentionedNames(draft)).toEqual(['World Association of Industrial and Technological Research Organizations']);
  });

  it('sees, as middlewares, the actions that REST and the admin panel really send', async () => {
    seenActions.length = 0;
    const { documentId } = await createArticle({ title: 'Watched', body: [paragraph('WAITRO.')] });
    await app
      .http()
      .put(`/api/articles/${documentId}`)
      .set(auth())
      .send({ data: { title: 'Watched 2' } })
      .expect(200);
    const adminAuth = { Authorization: `Bearer ${admin.token}` };
    const base = '/content-manager/collection-types/api::article.article';
    const draft = await app
      .http()
      .put(`${base}/${documentId}?locale=en`)
      .set(adminAuth)
      .send({ title: 'Watched 3', body: [paragraph('CAS and WAITRO, with the Chinese Academy of Sciences.')], date: '2023-09-13' });
    expect(draft.status).toBe(200);
    const published = await app.http().post(`${base}/${documentId}/actions/publish?locale=en`).set(adminAuth).send({});
    expect(published.status).toBe(200);
    expect(seenActions).toEqual([
      // REST create publishes at once: one create with status published (the middleware links it).
      { action: 'create', status: 'published', hasBody: true },
      // REST update of a published article: one update with status published.
      { action: 'update', status: 'published', hasBody: false },
      // The admin panel saves the draft…
      { action: 'update', status: 'draft', hasBody: true },
      // …and its publish button first updates the draft with the form (here empty), then publishes.
      { action: 'update', status: 'draft', hasBody: false },
      { action: 'publish', status: undefined, hasBody: false },
    ]);
    expect(linksIn((await readArticle(documentId)).body).map((link) => link.text)).toEqual(['CAS', 'WAITRO']);
  });
});

describe('bad input', () => {
  it('refuses a body that is not valid blocks with 400 naming the place, and writes nothing', async () => {
    const { documentId } = await createArticle({ title: 'Valid first', body: [paragraph('WAITRO.')] });
    const before = await readArticle(documentId);
    for (const body of [[{ type: 'paragraph' }], [{ type: 'paragraph', children: [{ type: 'text' }] }], [{ type: 'marquee', children: [] }], 'not blocks']) {
      const response = await app.http().put(`/api/articles/${documentId}`).set(auth()).send({ data: { body } });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/^body/);
    }
    const after = await readArticle(documentId);
    expect(after.body).toEqual(before.body);
    expect(after.updatedAt).toBe(before.updatedAt);
  });

  it('refuses links that are not http(s), mailto or relative in the body', async () => {
    const response = await app
      .http()
      .post('/api/articles')
      .set(auth())
      .send({ data: { title: 'Script link', date: '2024-01-01', body: [paragraph({ type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', text: 'click' }] })] } });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^body\.0\.children\.0\.url/);
  });
});
