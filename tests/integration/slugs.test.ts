import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { articleData, organizationData } from '../helpers/factories';

let app: TestApp;
let token: string;

beforeAll(async () => {
  app = await startApp();
  token = await createApiToken(app.strapi, 'full-access');
});
afterAll(() => app?.stop());

const post = (plural: string, data: Record<string, unknown>, query = '') => app.http().post(`/api/${plural}${query}`).set('Authorization', `Bearer ${token}`).send({ data });

describe('slugs', () => {
  it('makes a lowercase, strict slug from the title of an article created without one', async () => {
    const response = await post('articles', articleData({ title: 'SYIIT Joins WAITRO: a “Full Member” at last!' }));
    expect(response.status).toBe(201);
    expect(response.body.data.slug).toBe('syiit-joins-waitro-a-full-member-at-last');
  });

  it('makes colliding slugs unique with -2, -3', async () => {
    const slugs: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await post('organizations', organizationData({ name: i === 0 ? 'Borealis Lab' : `Borealis Lab${'!'.repeat(i)}` }));
      expect(response.status).toBe(201);
      slugs.push(response.body.data.slug);
    }
    expect(slugs).toEqual(['borealis-lab', 'borealis-lab-2', 'borealis-lab-3']);
  });

  it('counts drafts as taken, and keeps a document its own slug on update', async () => {
    const draft = await post('articles', articleData({ title: 'Draft Slug Story' }), '?status=draft');
    expect(draft.body.data.slug).toBe('draft-slug-story');
    const second = await post('articles', articleData({ title: 'Draft Slug Story' }));
    expect(second.body.data.slug).toBe('draft-slug-story-2');
    const renamed = await app
      .http()
      .put(`/api/articles/${draft.body.data.documentId}?status=draft`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: 'A new title' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data.slug).toBe('draft-slug-story');
  });

  it('replaces the stored slug with one sent on update, and makes a new one from the title when it is cleared', async () => {
    const put = (documentId: string, data: Record<string, unknown>) => app.http().put(`/api/organizations/${documentId}`).set('Authorization', `Bearer ${token}`).send({ data });
    const created = await post('organizations', organizationData({ name: 'Slug Keeper Institute' }));
    expect(created.body.data.slug).toBe('slug-keeper-institute');
    const { documentId } = created.body.data;

    const replaced = await put(documentId, { slug: 'skinst' });
    expect(replaced.status).toBe(200);
    expect(replaced.body.data.slug).toBe('skinst');
    // A rename alone keeps the replaced slug (published URLs stay stable).
    expect((await put(documentId, { name: 'Slug Renamed Institute' })).body.data.slug).toBe('skinst');
    for (const cleared of ['', null]) {
      await put(documentId, { slug: 'skinst' }).expect(200);
      const response = await put(documentId, { slug: cleared });
      expect({ cleared, status: response.status, slug: response.body.data?.slug }).toEqual({ cleared, status: 200, slug: 'slug-renamed-institute' });
    }
    const stored = await app.strapi.db.query('api::organization.organization').findMany({ where: { documentId }, select: ['slug'] });
    expect(stored.map((row) => row.slug)).toEqual(['slug-renamed-institute', 'slug-renamed-institute']);
  });

  it('falls back to the type name when the title has no Latin letters', async () => {
    const response = await post('articles', articleData({ title: '沈阳工业技术研究院加入世界工业技术研究组织协会' }));
    expect(response.status).toBe(201);
    expect(response.body.data.slug).toMatch(/^article(-\d+)?$/);
  });

  it('accepts a well-formed explicit slug as given', async () => {
    const response = await post('authors', { name: 'Ada Writer', slug: 'ada' });
    expect(response.status).toBe(201);
    expect(response.body.data.slug).toBe('ada');
  });

  it.each(['Not A Slug', 'trailing-', 'double--hyphen', 'ünïcode', 'UPPER'])('refuses the malformed explicit slug %p', async (slug) => {
    const before = await app.strapi.db.query('api::author.author').count();
    const response = await post('authors', { name: 'Some Writer', slug });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^slug: must be lowercase letters, digits and single hyphens/);
    expect(await app.strapi.db.query('api::author.author').count()).toBe(before);
  });

  it('refuses an explicit slug that another entry uses', async () => {
    await post('authors', { name: 'First Writer', slug: 'taken-slug' });
    const response = await post('authors', { name: 'Second Writer', slug: 'taken-slug' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe('slug: "taken-slug" is already used by another entry');
  });

  it('gives localized articles their own slug space per locale', async () => {
    const english = await post('articles', articleData({ title: 'Bilingual Story' }));
    expect(english.body.data.slug).toBe('bilingual-story');
    const chinese = await app
      .http()
      .put(`/api/articles/${english.body.data.documentId}?locale=zh-Hans`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: 'Bilingual Story', date: '2024-05-01' } });
    expect(chinese.status).toBe(200);
    expect(chinese.body.data.locale).toBe('zh-Hans');
    expect(chinese.body.data.slug).toBe('bilingual-story');
  });
});
