import { adminSession, type AdminSession } from '../helpers/admin';
import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { organizationData } from '../helpers/factories';
import { backfillPartnershipTitles } from '../../src/documents/partnership-title';

const PARTNERSHIP = 'api::partnership.partnership';

let app: TestApp;
let token: string;
let admin: AdminSession;

beforeAll(async () => {
  app = await startApp();
  token = await createApiToken(app.strapi, 'full-access');
  admin = await adminSession(app);
});
afterAll(() => app?.stop());

const send = (method: 'post' | 'put', path: string, data: Record<string, unknown>) => app.http()[method](`/api/${path}`).set('Authorization', `Bearer ${token}`).send({ data });

/** Every stored version (draft and published) of a partnership, by its database rows. */
const storedTitles = async (documentId: string): Promise<string[]> => {
  const rows = (await app.strapi.db.query(PARTNERSHIP).findMany({ where: { documentId }, select: ['title'] })) as { title: string }[];
  return rows.map((row) => row.title);
};

describe('partnership title', () => {
  let syiit: string;
  let waitro: string;
  let partnership: string;

  beforeAll(async () => {
    syiit = (await send('post', 'organizations', organizationData({ name: 'Shenyang Institute of Industrial Technology Test', acronym: 'SYIITT' }))).body.data.documentId;
    waitro = (await send('post', 'organizations', organizationData({ name: 'World Association Test' }))).body.data.documentId;
  });

  it('is made on create from the sides and the role, whatever title was sent', async () => {
    const response = await send('post', 'partnerships', { organization: syiit, partner: waitro, kind: 'membership', role: 'Full Member', title: 'typed by hand' });
    expect(response.status).toBe(201);
    partnership = response.body.data.documentId;
    expect(response.body.data.title).toBe('SYIITT — World Association Test · Full Member');
    expect(await storedTitles(partnership)).toEqual(['SYIITT — World Association Test · Full Member', 'SYIITT — World Association Test · Full Member']);
  });

  it('follows an update of the partnership (the kind label when the role is cleared)', async () => {
    const response = await send('put', `partnerships/${partnership}`, { role: null, kind: 'communication-mechanism' });
    expect(response.status).toBe(200);
    expect(response.body.data.title).toBe('SYIITT — World Association Test · Communication mechanism');
    expect(new Set(await storedTitles(partnership))).toEqual(new Set(['SYIITT — World Association Test · Communication mechanism']));
  });

  it('is refreshed when a side organization is renamed or given an acronym, on draft and published versions', async () => {
    expect((await send('put', `organizations/${waitro}`, { acronym: 'WAITROT' })).status).toBe(200);
    expect((await send('put', `organizations/${syiit}`, { acronym: null, name: 'Shenyang Institute Renamed' })).status).toBe(200);
    expect(new Set(await storedTitles(partnership))).toEqual(new Set(['Shenyang Institute Renamed — WAITROT · Communication mechanism']));
    const read = await app.http().get(`/api/partnerships/${partnership}`);
    expect(read.body.data.title).toBe('Shenyang Institute Renamed — WAITROT · Communication mechanism');
  });

  it('a draft-only rename changes the draft title and leaves the published one', async () => {
    await app.strapi.documents('api::organization.organization').update({ documentId: waitro, data: { acronym: 'WAITRO2' } });
    const rows = (await app.strapi.db.query(PARTNERSHIP).findMany({ where: { documentId: partnership }, select: ['title', 'publishedAt'] })) as {
      title: string;
      publishedAt: string | null;
    }[];
    expect(rows.find((row) => row.publishedAt === null)?.title).toBe('Shenyang Institute Renamed — WAITRO2 · Communication mechanism');
    expect(rows.find((row) => row.publishedAt !== null)?.title).toBe('Shenyang Institute Renamed — WAITROT · Communication mechanism');
    await app.strapi.documents('api::organization.organization').publish({ documentId: waitro });
    expect(new Set(await storedTitles(partnership))).toEqual(new Set(['Shenyang Institute Renamed — WAITRO2 · Communication mechanism']));
  });

  it('fills titles stored before titles existed (the start-up backfill)', async () => {
    await app.strapi.db.query(PARTNERSHIP).updateMany({ where: { documentId: partnership }, data: { title: null } });
    expect(await backfillPartnershipTitles(app.strapi)).toBe(2);
    expect(new Set(await storedTitles(partnership))).toEqual(new Set(['Shenyang Institute Renamed — WAITRO2 · Communication mechanism']));
  });

  it('is the entry name in the admin: mainField of partnerships and of the relations that show them, read-only, listed', async () => {
    const auth = { Authorization: `Bearer ${admin.token}` };
    const own = await app.http().get(`/content-manager/content-types/${PARTNERSHIP}/configuration`).set(auth);
    expect(own.status).toBe(200);
    const configuration = own.body.data.contentType;
    expect(configuration.settings.mainField).toBe('title');
    expect(configuration.metadatas.title.edit.editable).toBe(false);
    expect(configuration.layouts.list).toEqual(['title', 'kind', 'status', 'startDate']);
    const article = (await app.http().get('/content-manager/content-types/api::article.article/configuration').set(auth)).body.data.contentType;
    expect(article.metadatas.partnerships.edit.mainField).toBe('title');
    const organization = (await app.http().get('/content-manager/content-types/api::organization.organization/configuration').set(auth)).body.data.contentType;
    expect(organization.metadatas.partnerships.edit.mainField).toBe('title');
    expect(organization.metadatas.partnerIn.edit.mainField).toBe('title');
    // The relation picker lists partnerships by their title.
    const picker = await app.http().get('/content-manager/relations/api::organization.organization/partnerships').set(auth);
    expect(picker.status).toBe(200);
    expect(picker.body.results.map((entry: { title?: string }) => entry.title)).toContain('Shenyang Institute Renamed — WAITRO2 · Communication mechanism');
  });
});
