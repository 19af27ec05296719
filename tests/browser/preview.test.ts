import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { linksIn } from '../helpers/blocks';
import { createApiTokenOverHttp, registerFirstAdmin, startChildApp, type ChildApp } from '../helpers/child-app';
import { readFixtureOrganizations } from '../helpers/factories';
import { findRoot } from '../helpers/root';

/**
 * The article preview in a real browser: an editor opens a saved draft, clicks "Open preview"
 * and the admin frames the app's signed preview page, with the organization links and their
 * addresses visible (the admin's CSP lets the frame in, the page's own CSP lets the admin frame it).
 */

const ADMIN = { email: 'admin@newsroom.test', password: 'Test-password-1' };
const TITLE = 'Preview: SYIIT joins WAITRO';
const TITLE_ZH = '预览：SYIIT 加入 WAITRO';
/** Pictures for the README (`npm run screenshots` copies them to docs/screenshots/); ignored by git here. */
const SCREENSHOTS = path.join(findRoot(), 'test-results', 'screenshots');

let app: ChildApp;
let browser: Browser;
let page: Page;
let token: string;
let directory: string;

const send = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
  const response = await fetch(`${app.baseUrl}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};

beforeAll(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-preview-browser-'));
  app = await startChildApp({ env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(directory, 'browser.db') }, serveAdminPanel: true, label: 'preview-app' });
  const adminToken = await registerFirstAdmin(app.baseUrl, ADMIN);
  token = await createApiTokenOverHttp(app.baseUrl, adminToken, 'preview browser test');
  for (const { parent: _parent, aliases, ...organization } of readFixtureOrganizations()) {
    await send('POST', '/api/organizations', { data: { ...organization, aliases: (aliases ?? []).map((text) => ({ text })) } });
  }
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  page = await (await browser.newContext({ viewport: { width: 1440, height: 1100 } })).newPage();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
});

let articleId: string;

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  fs.rmSync(directory, { recursive: true, force: true });
});

it('shows a saved draft in the admin preview, with the organization links and their addresses', async () => {
  const author = await send<{ data: { documentId: string } }>('POST', '/api/authors', { data: { name: 'Li Wei' } });
  const { data: article } = await send<{ data: { documentId: string; body: unknown } }>('POST', '/api/articles?status=draft', {
    data: {
      title: TITLE,
      date: '2023-09-13',
      author: author.data.documentId,
      body: [{ type: 'paragraph', children: [{ type: 'text', text: 'The Shenyang Institute of Industrial Technology is now a Full Member of WAITRO.' }] }],
    },
  });
  articleId = article.documentId;
  const links = linksIn(article.body);
  expect(links.length).toBe(2);

  await page.goto(`${app.baseUrl}/admin`);
  await page.locator('input[name=email]').fill(ADMIN.email);
  await page.locator('input[name=password]').fill(ADMIN.password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL(/\/admin(\/)?$/);

  await page.goto(`${app.baseUrl}/admin/content-manager/collection-types/api::article.article/${article.documentId}?plugins[i18n][locale]=en`);
  await page.getByRole('link', { name: 'Open preview' }).click();
  const iframe = page.getByTestId('preview-iframe');
  await iframe.waitFor();
  expect(await iframe.getAttribute('src')).toMatch(new RegExp(`/preview/articles/${article.documentId}\\?locale=en&status=draft&expires=\\d+&signature=`));
  const frame = page.frameLocator('[data-testid=preview-iframe]');
  await frame.locator('h1').filter({ hasText: TITLE }).waitFor();
  await expect(frame.locator('.author').innerText()).resolves.toBe('Li Wei');
  for (const { url, text } of links) {
    await expect(frame.locator(`a[href="${url}"]`).innerText()).resolves.toBe(text);
    await expect(frame.locator('.href', { hasText: url }).first().isVisible()).resolves.toBe(true);
  }
  await expect(frame.locator('.organizations li').count()).resolves.toBe(2);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'preview-en.png') });
});

it('shows the Chinese version in the Chinese admin, with its labels in Chinese and its links live', async () => {
  // The Chinese localization of the same article, a draft.
  const { data: article } = await send<{ data: { body: unknown } }>('PUT', `/api/articles/${articleId}?locale=zh-Hans&status=draft`, {
    data: {
      title: TITLE_ZH,
      date: '2023-09-13',
      body: [{ type: 'paragraph', children: [{ type: 'text', text: '沈阳工业技术研究院（SYIIT）已成为 WAITRO 的正式会员。' }] }],
    },
  });
  const links = linksIn(article.body);
  expect(links.map((link) => link.text)).toEqual(['SYIIT', 'WAITRO']);

  // The admin language is kept in localStorage (what the profile page's "Interface language" sets).
  await page.evaluate(() => window.localStorage.setItem('strapi-admin-language', 'zh-Hans'));
  await page.goto(`${app.baseUrl}/admin/content-manager/collection-types/api::article.article/${articleId}?plugins[i18n][locale]=zh-Hans`);
  await page.locator('a[href*="/preview"]').first().click();
  const iframe = page.getByTestId('preview-iframe');
  await iframe.waitFor();
  expect(await iframe.getAttribute('src')).toMatch(new RegExp(`/preview/articles/${articleId}\\?locale=zh-Hans&status=draft&expires=\\d+&signature=`));
  const frame = page.frameLocator('[data-testid=preview-iframe]');
  await frame.locator('h1').filter({ hasText: TITLE_ZH }).waitFor();
  await expect(frame.locator('html').getAttribute('lang')).resolves.toBe('zh-Hans');
  await expect(frame.getByText('文中提及的机构').count()).resolves.toBe(1);
  for (const { url, text } of links) {
    await expect(frame.locator(`a[href="${url}"]`).innerText()).resolves.toBe(text);
  }
  await expect(frame.locator('.organizations li').count()).resolves.toBe(2);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'preview-zh.png') });
});
