/**
 * The article preview: an admin gets a signed URL through the admin API (Strapi's own preview
 * route, which runs config/admin.ts's handler), and the app serves the draft on it — and to
 * nobody without a valid, unexpired signature for exactly that document.
 */
import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { adminSession, loginAdmin, type AdminSession } from '../helpers/admin';
import { linksIn } from '../helpers/blocks';
import { loadFixtureDirectory } from '../helpers/factories';
import { previewKey, previewPath, signPreview } from '../../src/preview/signature';
import { secret } from '../../src/utils/secrets';

let app: TestApp;
let superAdmin: AdminSession;
let editor: AdminSession;
let readToken: string;
let draftId: string;
let otherDraftId: string;

const ARTICLE = 'api::article.article';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>';

const paragraph = (...children: object[]) => ({ type: 'paragraph', children });
const text = (value: string) => ({ type: 'text', text: value });

beforeAll(async () => {
  app = await startApp();
  await loadFixtureDirectory(app.strapi);
  superAdmin = await adminSession(app, 'strapi-super-admin');
  editor = await adminSession(app, 'strapi-editor');
  readToken = await createApiToken(app.strapi, 'read-only');
  const author = await app.strapi.documents('api::author.author').create({ data: { name: 'Li Wei' } });
  const draft = await app.strapi.documents(ARTICLE).create({
    data: {
      title: `Draft: SIIT joins WAITRO ${XSS}`,
      date: '2023-09-13',
      author: author.documentId,
      body: [paragraph(text('The Shenyang Institute of Industrial Technology is now a Full Member of WAITRO.')) as never, paragraph(text(XSS)) as never],
    },
    locale: 'en',
    status: 'draft',
  });
  draftId = draft.documentId;
  await app.strapi.documents(ARTICLE).update({
    documentId: draftId,
    locale: 'zh-Hans',
    data: { title: '沈阳工业技术研究院加入WAITRO', date: '2023-09-13', author: author.documentId, body: [paragraph(text('沈阳工业技术研究院成为WAITRO正式会员。')) as never] },
    status: 'draft',
  });
  const other = await app.strapi.documents(ARTICLE).create({
    data: { title: 'Another secret draft', date: '2024-01-01', body: [paragraph(text('Embargoed.')) as never] },
    locale: 'en',
    status: 'draft',
  });
  otherDraftId = other.documentId;
});
afterAll(() => app?.stop());

const previewUrlFor = async (session: AdminSession, documentId: string, locale = 'en') =>
  app.http().get(`/content-manager/preview/url/${ARTICLE}`).query({ documentId, locale, status: 'draft' }).set(bearer(session.token));

const signedUrl = async (documentId = draftId, locale = 'en'): Promise<string> => {
  const response = await previewUrlFor(superAdmin, documentId, locale);
  expect(response.status).toBe(200);
  return response.body.data.url as string;
};

const withQuery = (url: string, change: (query: URLSearchParams) => void): string => {
  const parsed = new URL(url, 'http://x');
  change(parsed.searchParams);
  return `${parsed.pathname}?${parsed.searchParams.toString()}`;
};

describe('getting a preview URL', () => {
  it('is offered to an admin through the admin API, signed and short-lived', async () => {
    const url = await signedUrl();
    expect(url).toMatch(new RegExp(`^/preview/articles/${draftId}\\?`));
    const query = new URL(url, 'http://x').searchParams;
    expect(query.get('locale')).toBe('en');
    expect(query.get('status')).toBe('draft');
    expect(query.get('signature')).toMatch(/^[\w-]{43}$/);
    const expires = Number(query.get('expires'));
    expect(expires - Date.now() / 1000).toBeGreaterThan(250);
    expect(expires - Date.now() / 1000).toBeLessThanOrEqual(300);
  });

  it('is offered to an editor too', async () => {
    const response = await previewUrlFor(editor, draftId);
    expect(response.status).toBe(200);
    expect(response.body.data.url).toContain(`/preview/articles/${draftId}?`);
  });

  it('is not given to an admin who may not read articles', async () => {
    const role = await app.strapi.service('admin::role').create({ name: `No articles ${Date.now()}`, description: 'test: no permissions' });
    const hashed = await app.strapi.service('admin::auth').hashPassword('Test-password-1');
    const email = `no-articles-${process.pid}@newsroom.test`;
    await app.strapi.db.query('admin::user').create({ data: { email, password: hashed, firstname: 'No', lastname: 'Articles', isActive: true, roles: [role.id] } });
    const session = await loginAdmin(app, { email, password: 'Test-password-1' });
    const response = await previewUrlFor(session, draftId);
    expect(response.status).toBe(204);
    expect(response.body).toEqual({});
  });

  it('is never given to anonymous callers or content-API tokens', async () => {
    for (const headers of [{}, bearer(readToken)]) {
      const response = await app.http().get(`/content-manager/preview/url/${ARTICLE}`).query({ documentId: draftId, locale: 'en', status: 'draft' }).set(headers);
      expect(response.status).toBe(401);
    }
  });
});

describe('the preview page', () => {
  it('shows the draft as a reader will see it: title, date, author, body with linked organizations (addresses visible), organizations named', async () => {
    const response = await app.http().get(await signedUrl());
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    const html = response.text;
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>Draft: SIIT joins WAITRO &lt;script&gt;');
    expect(html).toContain('<time datetime="2023-09-13">13 September 2023</time>');
    expect(html).toContain('By <span class="author">Li Wei</span>');
    // The body as stored: the engine's links, with their addresses shown.
    const stored = await app.strapi.documents(ARTICLE).findOne({ documentId: draftId, locale: 'en', status: 'draft', populate: ['mentionedOrganizations'] });
    const links = linksIn(stored?.body);
    expect(links.map((link) => link.text)).toEqual(['Shenyang Institute of Industrial Technology', 'WAITRO']);
    for (const { url, text: name } of links) {
      expect(url).toMatch(/^\/organizations\/[a-z-]+$/);
      expect(html).toContain(`<a href="${url}" title="${url}">${name}</a> <span class="href">${url}</span>`);
    }
    expect(html).toContain('<h2>Organizations named</h2>');
    for (const organization of stored?.mentionedOrganizations ?? []) expect(html).toContain(`<li>${organization.name}`);
    expect(stored?.mentionedOrganizations?.length).toBeGreaterThanOrEqual(2);
  });

  it('is never indexed or cached, and allows no script', async () => {
    const response = await app.http().get(await signedUrl());
    expect(response.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(response.headers['cache-control']).toBe('private, no-store');
    const csp = response.headers['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src|unsafe-inline/);
    expect(response.text).toContain('<meta name="robots" content="noindex, nofollow">');
  });

  it('renders an XSS payload from the editor inert', async () => {
    const html = (await app.http().get(await signedUrl())).text;
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;');
  });

  it('has Chinese labels for the Chinese version', async () => {
    const html = (await app.http().get(await signedUrl(draftId, 'zh-Hans'))).text;
    expect(html).toContain('<html lang="zh-Hans">');
    expect(html).toContain('<h1>沈阳工业技术研究院加入WAITRO</h1>');
    expect(html).toContain('2023年9月13日');
    expect(html).toContain('作者 <span class="author">Li Wei</span>');
    expect(html).toContain('<h2>文中提及的机构</h2>');
  });
});

describe('refusals', () => {
  const expectRefused = async (path: string, status: number, parameter: string) => {
    const response = await app.http().get(path);
    expect(response.status).toBe(status);
    expect(response.body.error.message).toContain(`${parameter}:`);
    expect(response.body.error.details.errors[0].path).toEqual([parameter]);
    expect(response.text).not.toContain('SIIT');
    expect(response.text).not.toContain('secret draft');
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.headers['x-robots-tag']).toBe('noindex, nofollow');
  };

  it('refuses an unsigned URL', async () => {
    await expectRefused(
      withQuery(await signedUrl(), (query) => query.delete('signature')),
      403,
      'signature'
    );
    await expectRefused(`/preview/articles/${draftId}`, 403, 'signature');
  });

  it('refuses a tampered URL: signature, status, locale or expiry changed', async () => {
    const url = await signedUrl();
    await expectRefused(
      withQuery(url, (query) => query.set('signature', `${query.get('signature')!.slice(0, -2)}AA`)),
      403,
      'signature'
    );
    await expectRefused(
      withQuery(url, (query) => query.set('status', 'published')),
      403,
      'signature'
    );
    await expectRefused(
      withQuery(url, (query) => query.set('locale', 'zh-Hans')),
      403,
      'signature'
    );
    await expectRefused(
      withQuery(url, (query) => query.set('expires', String(Number(query.get('expires')) + 86400))),
      403,
      'signature'
    );
  });

  it('refuses an expired URL', async () => {
    // Signed by the server's own key, expired a second ago.
    const path = previewPath({ documentId: draftId, locale: 'en', status: 'draft' }, previewKey(secret('ADMIN_JWT_SECRET')), Date.now() / 1000 - 301, 300);
    await expectRefused(path, 403, 'expires');
  });

  it('does not let the holder of one preview URL read another draft', async () => {
    const url = new URL(await signedUrl(), 'http://x');
    await expectRefused(`/preview/articles/${otherDraftId}${url.search}`, 403, 'signature');
    // The same reader through the content API sees no draft either.
    const api = await app.http().get(`/api/articles/${otherDraftId}`).query({ status: 'draft' }).set(bearer(readToken));
    expect(api.status).toBe(403);
    const anonymous = await app.http().get(`/api/articles/${otherDraftId}`);
    expect(anonymous.status).toBe(404);
  });

  it('answers 404 naming the document for a signed URL whose version does not exist', async () => {
    const expires = Math.floor(Date.now() / 1000) + 60;
    const target = { documentId: otherDraftId, locale: 'zh-Hans', status: 'draft' as const };
    const signature = signPreview(target, expires, previewKey(secret('ADMIN_JWT_SECRET')));
    await expectRefused(`/preview/articles/${otherDraftId}?locale=zh-Hans&status=draft&expires=${expires}&signature=${signature}`, 404, 'documentId');
  });
});
