import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { adminSession } from '../helpers/admin';
import { articleData, organizationData } from '../helpers/factories';
import { grantAddedTypes } from '../../src/bootstrap/editor-permissions';

/**
 * Sectors: a taxonomy (English and Chinese name, slug) that articles and organizations pick
 * from, that the public reads and that sites filter by, over REST and GraphQL.
 */

const ARTICLE = 'api::article.article';
const ORGANIZATION = 'api::organization.organization';
const SECTOR = 'api::sector.sector';

let app: TestApp;
let token: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await startApp();
  token = await createApiToken(app.strapi, 'full-access');
  const sectors = app.strapi.documents(SECTOR);
  ids.energy = (await sectors.create({ data: { name: 'New energy', nameZh: '新能源' } })).documentId;
  ids.materials = (await sectors.create({ data: { name: 'Advanced materials', nameZh: '先进材料' } })).documentId;
  ids.robotics = (await sectors.create({ data: { name: 'Robotics' } })).documentId;
  const articles = app.strapi.documents(ARTICLE);
  ids.solar = (await articles.create({ data: articleData({ title: 'Solar cells', sectors: [ids.energy, ids.materials] }), status: 'published' })).documentId;
  ids.alloys = (await articles.create({ data: articleData({ title: 'Alloys', sectors: [ids.materials] }), status: 'published' })).documentId;
  ids.draft = (await articles.create({ data: articleData({ title: 'Hydrogen plans (draft)', sectors: [ids.energy] }) })).documentId;
  ids.lab = (await app.strapi.documents(ORGANIZATION).create({ data: organizationData({ name: 'Energy Lab', sectors: [ids.energy] }), status: 'published' })).documentId;
});
afterAll(() => app?.stop());

const auth = () => ({ Authorization: `Bearer ${token}` });
const titles = (body: { data: { title: string }[] }) => body.data.map((article) => article.title).sort();
const graphql = (query: string) => app.http().post('/graphql').send({ query });
/** The stored draft and published rows of an article with their sectors, to check a refused write changed nothing. */
const storedSectors = async (documentId: string) =>
  JSON.stringify(
    await app.strapi.db.query(ARTICLE).findMany({ where: { documentId }, populate: { sectors: { select: ['documentId'] } }, select: ['id', 'updatedAt'], orderBy: { id: 'asc' } })
  );

describe('the Sector type', () => {
  it('is read by the public, with its English and Chinese names and a slug made from the name', async () => {
    const response = await app.http().get('/api/sectors?sort=name&fields[0]=name&fields[1]=nameZh&fields[2]=slug');
    expect(response.status).toBe(200);
    expect(response.body.data.map(({ name, nameZh, slug }: Record<string, string>) => ({ name, nameZh, slug }))).toEqual([
      { name: 'Advanced materials', nameZh: '先进材料', slug: 'advanced-materials' },
      { name: 'New energy', nameZh: '新能源', slug: 'new-energy' },
      { name: 'Robotics', nameZh: null, slug: 'robotics' },
    ]);
    expect((await app.http().get(`/api/sectors/${ids.energy}`)).body.data.slug).toBe('new-energy');
  });

  it('is not written by the public', async () => {
    expect(
      (
        await app
          .http()
          .post('/api/sectors')
          .send({ data: { name: 'Intruder' } })
      ).status
    ).toBe(403);
    expect(await app.strapi.db.query(SECTOR).count({ where: { name: 'Intruder' } })).toBe(0);
  });

  it('refuses a second sector of the same name (letter case and spaces aside), naming the field', async () => {
    const response = await app
      .http()
      .post('/api/sectors')
      .set(auth())
      .send({ data: { name: '  new ENERGY ' } });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe('name: a sector named "New energy" already exists');
    const empty = await app
      .http()
      .post('/api/sectors')
      .set(auth())
      .send({ data: { name: ' ' } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/^name: /);
    expect(await app.strapi.db.query(SECTOR).count()).toBe(3);
  });
});

describe('sites filter by sector', () => {
  it('REST: /api/articles?filters[sectors][slug][$eq]=new-energy lists the published articles of the sector', async () => {
    const energy = await app.http().get('/api/articles?filters[sectors][slug][$eq]=new-energy');
    expect(energy.status).toBe(200);
    // The draft filed under the same sector is not there.
    expect(titles(energy.body)).toEqual(['Solar cells']);
    expect(energy.body.meta.pagination.total).toBe(1);
    const materials = await app.http().get('/api/articles?filters[sectors][slug][$eq]=advanced-materials&populate[sectors][fields][0]=slug&populate[sectors][fields][1]=nameZh');
    expect(titles(materials.body)).toEqual(['Alloys', 'Solar cells']);
    const solar = materials.body.data.find((article: { title: string }) => article.title === 'Solar cells');
    expect(solar.sectors.map((sector: { slug: string; nameZh: string }) => [sector.slug, sector.nameZh]).sort()).toEqual([
      ['advanced-materials', '先进材料'],
      ['new-energy', '新能源'],
    ]);
    expect(titles((await app.http().get('/api/articles?filters[sectors][slug][$eq]=robotics')).body)).toEqual([]);
  });

  it('REST: organizations by sector', async () => {
    const response = await app.http().get('/api/organizations?filters[sectors][slug][$eq]=new-energy');
    expect(response.body.data.map((organization: { name: string }) => organization.name)).toEqual(['Energy Lab']);
  });

  it('GraphQL: articles(filters: { sectors: { slug: { eq: "new-energy" } } })', async () => {
    const response = await graphql('{ articles(filters: { sectors: { slug: { eq: "new-energy" } } }) { title sectors(sort: "slug") { slug name nameZh } } }');
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.articles).toEqual([
      {
        title: 'Solar cells',
        sectors: [
          { slug: 'advanced-materials', name: 'Advanced materials', nameZh: '先进材料' },
          { slug: 'new-energy', name: 'New energy', nameZh: '新能源' },
        ],
      },
    ]);
    const sectors = await graphql('{ sectors(sort: "name") { name slug } }');
    expect(sectors.body.data.sectors.map((sector: { slug: string }) => sector.slug)).toEqual(['advanced-materials', 'new-energy', 'robotics']);
  });
});

describe('writing an article’s sectors', () => {
  it('sets them by documentId, connects and disconnects', async () => {
    const put = (sectors: unknown) => app.http().put(`/api/articles/${ids.alloys}?populate[sectors][fields][0]=slug`).set(auth()).send({ data: { sectors } });
    const slugs = (body: { data: { sectors: { slug: string }[] } }) => body.data.sectors.map((sector) => sector.slug).sort();
    expect(slugs((await put([ids.robotics, ids.materials]).expect(200)).body)).toEqual(['advanced-materials', 'robotics']);
    expect(slugs((await put({ connect: [ids.energy], disconnect: [ids.robotics] }).expect(200)).body)).toEqual(['advanced-materials', 'new-energy']);
    expect(slugs((await put([ids.materials]).expect(200)).body)).toEqual(['advanced-materials']);
  });

  it.each([
    ['an unknown sector', ['no-such-sector'], 'sectors.0: there is no sector "no-such-sector"'],
    ['an unknown sector to connect', { connect: [{ documentId: 'nope' }] }, 'sectors.connect.0: there is no sector "nope"'],
    ['a plain string', 'new-energy', 'sectors: must be a list of documentIds, or { connect, disconnect, set }'],
    ['an object without connect, disconnect or set', { slug: 'new-energy' }, 'sectors: must be a list of documentIds, or { connect, disconnect, set }'],
    ['a list of names', [{ name: 'New energy' }], 'sectors: must be a list of documentIds, or { connect, disconnect, set }'],
  ])('refuses %s with 400 naming the field, and keeps the stored article', async (_label, sectors, message) => {
    const before = await storedSectors(ids.solar);
    const response = await app.http().put(`/api/articles/${ids.solar}`).set(auth()).send({ data: { sectors } });
    expect(response.status).toBe(400);
    if (typeof message === 'string') expect(response.body.error.message).toBe(message);
    else expect(response.body.error.message).toMatch(message);
    expect(await storedSectors(ids.solar)).toBe(before);
  });
});

describe('the admin edit view', () => {
  it('shows sectors by name, and no raw JSON box for the ambiguity choices (which stay in the API)', async () => {
    const admin = await adminSession(app, 'strapi-editor');
    const auth = { Authorization: `Bearer ${admin.token}` };
    const article = (await app.http().get(`/content-manager/content-types/${ARTICLE}/configuration`).set(auth)).body.data.contentType;
    const shown = article.layouts.edit.flat().map((field: { name: string }) => field.name);
    expect(shown).toContain('sectors');
    expect(shown).not.toContain('organizationChoices');
    expect(article.metadatas.organizationChoices.edit.visible).toBe(false);
    expect(article.metadatas.sectors.edit.mainField).toBe('name');
    const organization = (await app.http().get(`/content-manager/content-types/${ORGANIZATION}/configuration`).set(auth)).body.data.contentType;
    expect(organization.metadatas.sectors.edit.mainField).toBe('name');
    const sector = (await app.http().get(`/content-manager/content-types/${SECTOR}/configuration`).set(auth)).body.data.contentType;
    expect(sector.layouts.list).toEqual(['name', 'nameZh', 'slug']);
    // The field is still in the API.
    const read = await app
      .http()
      .get(`/api/articles/${ids.solar}?fields[0]=organizationChoices`)
      .set({ Authorization: `Bearer ${token}` });
    expect(read.body.data).toHaveProperty('organizationChoices');
  });
});

describe('admin permissions on a database set up before sectors existed', () => {
  it('gives the Editor and Author roles the Sector permissions once, as a new database has them', async () => {
    const editor = await adminSession(app, 'strapi-editor');
    const author = await adminSession(app, 'strapi-author');
    const list = (session: { token: string }) =>
      app
        .http()
        .get(`/content-manager/collection-types/${SECTOR}`)
        .set({ Authorization: `Bearer ${session.token}` });
    expect((await list(editor)).status).toBe(200);
    const roles = (await app.strapi.db.query('admin::role').findMany({ where: { code: { $in: ['strapi-editor', 'strapi-author'] } }, select: ['id'] })).map(
      (role) => role.id as number
    );
    const sectorPermissions = () => app.strapi.db.query('admin::permission').count({ where: { subject: SECTOR, role: { id: { $in: roles } } } });
    const given = await sectorPermissions();
    // As an older database has it: no permission on the type, nothing recorded.
    await app.strapi.db.query('admin::permission').deleteMany({ where: { subject: SECTOR, role: { id: { $in: roles } } } });
    await app.strapi.store({ type: 'app', name: 'newsroom', key: 'added-type-permissions' }).delete({});
    expect((await list(editor)).status).toBe(403);

    await grantAddedTypes(app.strapi);
    expect(await sectorPermissions()).toBe(given);
    expect((await list(editor)).status).toBe(200);
    // Authors see the sectors they created (none here), like every type on a new database.
    expect((await list(author)).status).toBe(200);
    const created = await app
      .http()
      .post(`/content-manager/collection-types/${SECTOR}`)
      .set({ Authorization: `Bearer ${editor.token}` })
      .send({ name: 'Made by an editor' });
    expect(created.status).toBe(201);

    // Once: what an administrator takes away later stays taken away.
    await app.strapi.db.query('admin::permission').deleteMany({ where: { subject: SECTOR, role: { id: { $in: roles } } } });
    await grantAddedTypes(app.strapi);
    expect(await sectorPermissions()).toBe(0);
  });
});
