import { startApp, type TestApp } from '../helpers/app';
import { loadDemoContent } from '../../src/demo/load';
import { demoOrganizations, demoSectors } from '../../src/demo/content';

let app: TestApp;

const counts = async (strapi: TestApp['strapi']) => ({
  sectors: await strapi.db.query('api::sector.sector').count(),
  organizations: await strapi.db.query('api::organization.organization').count(),
  partnerships: await strapi.db.query('api::partnership.partnership').count(),
  articles: await strapi.db.query('api::article.article').count(),
  authors: await strapi.db.query('api::author.author').count(),
});

beforeAll(async () => {
  app = await startApp({ demo: true });
});
afterAll(() => app?.stop());

describe('demo content', () => {
  it('serves the demo article with its author and the organizations it names', async () => {
    const response = await app.http().get('/api/articles?populate=*');
    expect(response.status).toBe(200);
    expect(response.body.data).toHaveLength(1);
    const [article] = response.body.data;
    expect(article).toMatchObject({ title: 'SYIIT becomes a Full Member of WAITRO', date: '2023-09-13', slug: 'syiit-becomes-a-full-member-of-waitro' });
    expect(article.author).toMatchObject({ name: 'Jerin Saviour', slug: 'jerin-saviour' });
    expect(article.author).not.toHaveProperty('email');
    expect(article.mentionedOrganizations.map((o: { name: string }) => o.name).sort()).toEqual(demoOrganizations.map((o) => o.name).sort());
  });

  it('publishes the 11 organizations with their parents and the 9 partnerships of the article', async () => {
    const organizations = await app.http().get('/api/organizations?populate[parent][fields][0]=acronym&pagination[pageSize]=50');
    expect(organizations.body.data).toHaveLength(11);
    const imr = organizations.body.data.find((o: { acronym: string }) => o.acronym === 'IMR');
    expect(imr.parent.acronym).toBe('CAS');

    const partnerships = await app.http().get('/api/partnerships?populate=*&pagination[pageSize]=50');
    expect(partnerships.body.data).toHaveLength(9);
    const membership = partnerships.body.data.find((p: { kind: string }) => p.kind === 'membership');
    expect(membership).toMatchObject({ role: 'Full Member', startDate: '2023-09-13', status: 'active', title: 'SYIIT — WAITRO · Full Member' });
    // Every partnership has a readable, distinct name (the admin shows it instead of "Untitled").
    const titles = partnerships.body.data.map((p: { title: string }) => p.title);
    expect(titles.every((title: string) => /^SYIIT — \S.* · \S/.test(title))).toBe(true);
    expect(new Set(titles).size).toBe(9);
    expect(membership.organization.acronym).toBe('SYIIT');
    expect(membership.partner.acronym).toBe('WAITRO');
    expect(membership.announcement.slug).toBe('syiit-becomes-a-full-member-of-waitro');
    const kinds = partnerships.body.data.map((p: { kind: string }) => p.kind).sort();
    expect(kinds).toEqual([
      'communication-mechanism',
      'communication-mechanism',
      'communication-mechanism',
      'communication-mechanism',
      'founded-by',
      'membership',
      'strategic-agreement',
      'strategic-agreement',
      'strategic-agreement',
    ]);
  });

  it("files the article and SYIIT under the seed's five sectors, in English and Chinese", async () => {
    const sectors = await app.http().get('/api/sectors?sort=slug&pagination[pageSize]=50');
    expect(sectors.body.data.map(({ slug, name, nameZh }: Record<string, string>) => ({ slug, name, nameZh }))).toEqual(
      [...demoSectors].sort((a, b) => a.slug.localeCompare(b.slug))
    );
    expect(sectors.body.data.map((sector: { nameZh: string }) => sector.nameZh).sort()).toEqual(['信息技术', '先进材料', '新能源', '智能制造', '生物医药'].sort());
    const article = await app.http().get('/api/articles?filters[sectors][slug][$eq]=new-energy&populate[sectors][fields][0]=slug');
    expect(article.body.data.map((entry: { slug: string }) => entry.slug)).toEqual(['syiit-becomes-a-full-member-of-waitro']);
    expect(article.body.data[0].sectors.map((sector: { slug: string }) => sector.slug).sort()).toEqual(demoSectors.map((sector) => sector.slug).sort());
    const organizations = await app.http().get('/api/organizations?filters[sectors][slug][$eq]=biomedicine&populate[sectors][fields][0]=slug');
    expect(organizations.body.data.map((organization: { acronym: string }) => organization.acronym)).toEqual(['SYIIT']);
    expect(organizations.body.data[0].sectors).toHaveLength(5);
  });

  it('never duplicates anything when loaded again, forced or not', async () => {
    const before = await counts(app.strapi);
    expect(await loadDemoContent(app.strapi)).toMatchObject({ loaded: false });
    expect(await loadDemoContent(app.strapi, { force: true })).toEqual({
      loaded: true,
      created: { sectors: 0, organizations: 0, partnerships: 0, articles: 0, authors: 0 },
    });
    expect(await counts(app.strapi)).toEqual(before);
  });

  it('does not load again on a restart over the same database', async () => {
    const before = await counts(app.strapi);
    const database = app.database;
    await app.stop({ drop: false });
    app = await startApp({ demo: true, database });
    expect(await counts(app.strapi)).toEqual(before);
  });
});
