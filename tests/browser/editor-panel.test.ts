import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { linksIn } from '../helpers/blocks';
import { createApiTokenOverHttp, registerFirstAdmin, startChildApp, type ChildApp } from '../helpers/child-app';
import { readFixtureOrganizations, readSeedArticle, SEED_ORGANIZATIONS } from '../helpers/factories';
import { findRoot } from '../helpers/root';

/**
 * The editor's side, in a real browser: Debian's Chromium driven by playwright-core against
 * the built admin panel of an app started on a fresh SQLite database with the directory
 * fixture loaded. Screenshots of the panel, the settings, the relink page and the Chinese edit
 * view go to test-results/screenshots/ (ignored by git); `npm run screenshots` copies them to
 * docs/screenshots/ for the README.
 */

const SCREENSHOTS = path.join(findRoot(), 'test-results', 'screenshots');
const ADMIN = { email: 'admin@newsroom.test', password: 'Test-password-1' };
const TITLE = 'SYIIT joins WAITRO as a Full Member';
const IGNORED = 'Northeastern University';
const NEW_ORGANIZATION = 'Borealis Institute of Robotics';

let app: ChildApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let token: string;
let directory: string;
const consoleMessages: { type: string; text: string }[] = [];

/** The message ids react-intl reported missing that belong to us (our types, components, plugins). */
const OUR_KEYS =
  /^(content-manager\.content-types\.api::|content-manager\.components\.organization\.|org-linker\.|newsletter\.|newsroom\.|(Article|Author|Organization|Partnership|Alias)$)/;
/**
 * The admin's production build does not log react-intl's MISSING_TRANSLATION errors (only a
 * development build does), so the Chinese pages are also read for what a missing key shows: a
 * whole line of our English (a label, a content-type name, a plugin message) on a Chinese page.
 */
// Words that are also Strapi's own, untranslated in its zh-Hans (the "Draft" status badge).
const STRAPIS_OWN = new Set(['Draft']);
const readJson = (file: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(findRoot(), file), 'utf8')) as Record<string, string>;
const OUR_MESSAGES = ['src/admin/translations', 'src/plugins/org-linker/admin/src/translations', 'src/plugins/newsletter/admin/src/translations']
  .flatMap((folder) => {
    const english = readJson(`${folder}/en.json`);
    const chinese = readJson(`${folder}/zh-Hans.json`);
    return Object.keys(english)
      .filter((key) => !english[key].includes('{') && english[key] !== chinese[key])
      .map((key) => english[key]);
  })
  .filter((message) => !STRAPIS_OWN.has(message));
const englishLinesOn = async (target: Page): Promise<string[]> => {
  const lines = new Set((await target.locator('body').innerText()).split('\n').map((line) => line.replace(/\s*\*$/, '').trim()));
  return OUR_MESSAGES.filter((message) => lines.has(message));
};

const ourMissingTranslations = (): string[] => [
  ...new Set(
    consoleMessages
      .filter((message) => message.text.includes('MISSING_TRANSLATION'))
      .map((message) => /Missing message: "([^"]+)"/.exec(message.text)?.[1] ?? message.text)
      .filter((id) => OUR_KEYS.test(id))
  ),
];

const api = async <T>(url: string): Promise<T> => {
  const response = await fetch(`${app.baseUrl}${url}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};

beforeAll(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-browser-'));
  app = await startChildApp({ env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(directory, 'browser.db') }, serveAdminPanel: true, label: 'browser-app' });
  const adminToken = await registerFirstAdmin(app.baseUrl, ADMIN);
  token = await createApiTokenOverHttp(app.baseUrl, adminToken, 'browser test');
  for (const { parent: _parent, aliases, ...organization } of readFixtureOrganizations()) {
    const response = await fetch(`${app.baseUrl}/api/organizations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ data: { ...organization, aliases: (aliases ?? []).map((text) => ({ text })) } }),
    });
    if (!response.ok) throw new Error(`loading the directory: ${response.status} ${await response.text()}`);
  }
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  context = await browser.newContext({ viewport: { width: 1440, height: 1100 }, permissions: ['clipboard-read', 'clipboard-write'] });
  page = await context.newPage();
  page.on('console', (message) => consoleMessages.push({ type: message.type(), text: message.text() }));
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  fs.rmSync(directory, { recursive: true, force: true });
});

const organizationRow = (name: string) => page.getByTestId('org-linker-organization').filter({ hasText: name });

it('lets an editor see, steer and extend the organization links of a new article, before saving', async () => {
  // Log in.
  await page.goto(`${app.baseUrl}/admin`);
  await page.locator('input[name=email]').fill(ADMIN.email);
  await page.locator('input[name=password]').fill(ADMIN.password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL(/\/admin(\/)?$/);

  // The article list: no Media Library announcement, no guided tour over it (Strapi shows the
  // tour only in a development build such as `npm run develop`'s, so here that line only guards;
  // src/admin/quiet.test.ts checks the switch the tour reads).
  await page.goto(`${app.baseUrl}/admin/content-manager/collection-types/api::article.article`);
  await page.getByRole('heading', { name: 'Article' }).waitFor();
  // (The list is empty: its empty state, with the tour's first step anchored there before.)
  await page.waitForLoadState('networkidle', { timeout: 15000 }).catch(() => undefined);
  await expect(page.getByText(/Step \d+ of \d+/).count()).resolves.toBe(0);
  await expect(page.getByText('Introducing the new Media Library').count()).resolves.toBe(0);

  // A new article: title, date, and the seed article pasted into the body, plus a sentence
  // naming an organization that is not in the directory yet.
  await page.goto(`${app.baseUrl}/admin/content-manager/collection-types/api::article.article/create`);
  // The form may still be setting its initial values when the page appears (an announcement
  // banner loading first was seen to clear a title typed too early): wait for the panel, then type.
  await page.getByTestId('org-linker-summary').waitFor();
  await page.locator('input[name=title]').fill(TITLE);
  // The date picker parses what is typed, key by key.
  await page.locator('input[name=date]').click();
  await page.keyboard.type('09/13/2023');
  await page.keyboard.press('Enter');
  const editor = page.locator('[data-slate-editor=true]');
  await editor.click();
  // Slate needs a selection before a paste: type a character and take it back.
  await page.keyboard.type('x');
  await page.keyboard.press('Backspace');
  const text = `${readSeedArticle()}\n\nA delegation of the ${NEW_ORGANIZATION} (BIR) also attended.`;
  await page.evaluate((clipboard) => navigator.clipboard.writeText(clipboard), text);
  await page.keyboard.press('Control+V');

  // Before saving, the panel lists the 11 organizations the text names.
  await page.getByTestId('org-linker-summary').filter({ hasText: '11 organizations named, 11 linked' }).waitFor();
  await expect(page.getByTestId('org-linker-organization').count()).resolves.toBe(11);
  await expect(organizationRow('Shenyang Institute of Industrial Technology (SYIIT)').getByTestId('org-linker-status').innerText()).resolves.toBe('Will be linked');
  await expect(
    page
      .getByTestId('org-linker-suggestion')
      .filter({ hasText: `${NEW_ORGANIZATION} (BIR)` })
      .count()
  ).resolves.toBe(1);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'panel.png') });

  // Ignore one of them for this article.
  await organizationRow(IGNORED).getByRole('button', { name: 'Ignore' }).click();
  await organizationRow(IGNORED).getByTestId('org-linker-status').filter({ hasText: 'Ignored in this article' }).waitFor();
  await page.getByTestId('org-linker-summary').filter({ hasText: '11 organizations named, 10 linked' }).waitFor();

  // Add the missing organization to the directory: a draft opens in a new tab; publish it there.
  const [entry] = await Promise.all([
    context.waitForEvent('page'),
    page.getByTestId('org-linker-suggestion').filter({ hasText: NEW_ORGANIZATION }).getByRole('button', { name: 'Add to directory' }).click(),
  ]);
  await entry.waitForURL(/api::organization\.organization\/[a-z0-9]+/);
  await expect(entry.locator('input[name=name]').inputValue()).resolves.toBe(NEW_ORGANIZATION);
  await expect(entry.locator('input[name=acronym]').inputValue()).resolves.toBe('BIR');
  await entry.getByRole('button', { name: 'Publish' }).click();
  await entry.getByText('Published document').waitFor();
  await entry.close();

  // Back in the article: scanning again finds the new organization, to be linked.
  await page.bringToFront();
  await page.getByRole('button', { name: 'Scan again' }).click();
  await page.getByTestId('org-linker-summary').filter({ hasText: '12 organizations named, 11 linked' }).waitFor();
  await organizationRow(NEW_ORGANIZATION).getByTestId('org-linker-status').filter({ hasText: 'Will be linked' }).waitFor();

  // Save and publish the article (the title typed at the start is still there).
  await expect(page.locator('input[name=title]').inputValue()).resolves.toBe(TITLE);
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('Published document').waitFor();

  // The public API: the ignored organization is neither linked nor listed; all the others are, once.
  const { data } = await api<{ data: { body: unknown; mentionedOrganizations: { name: string; slug: string }[] }[] }>(
    `/api/articles?filters[title][$eq]=${encodeURIComponent(TITLE)}&populate[mentionedOrganizations][fields][0]=name&populate[mentionedOrganizations][fields][1]=slug`
  );
  expect(data).toHaveLength(1);
  const [article] = data;
  const expected = [...SEED_ORGANIZATIONS.filter((name) => name !== IGNORED), NEW_ORGANIZATION].sort();
  expect(article.mentionedOrganizations.map((organization) => organization.name).sort()).toEqual(expected);
  const links = linksIn(article.body);
  expect(links.map((link) => link.url).sort()).toEqual(article.mentionedOrganizations.map((organization) => `/organizations/${organization.slug}`).sort());
  expect(links.some((link) => link.text.includes(IGNORED))).toBe(false);
  expect(links.find((link) => link.url === '/organizations/borealis-institute-of-robotics')?.text).toBe(NEW_ORGANIZATION);
});

it('changes the link address on the settings page, with a live example', async () => {
  await page.goto(`${app.baseUrl}/admin/settings/org-linker`);
  await page.getByText('Example: /organizations/chinese-academy-of-sciences').waitFor();
  await page.locator('input[name=urlTemplate]').fill('/network/{slug}');
  await page.getByText('Example: /network/chinese-academy-of-sciences').waitFor();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'settings.png') });
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Settings saved. Run a relink to apply them to existing articles.').waitFor();
});

it('shows what a relink would change, runs it, and follows it to the end', async () => {
  await page.goto(`${app.baseUrl}/admin/settings/org-linker-relink`);
  await page.getByRole('button', { name: 'Dry run' }).click();
  const plan = page.getByTestId('org-linker-plan');
  await plan.waitFor();
  // The article's draft and published versions: their 11 links move to the new address.
  await expect(plan.innerText()).resolves.toContain('A relink now would change 2 of the 2 article versions');
  await expect(plan.getByRole('row').count()).resolves.toBe(3);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByTestId('org-linker-job').filter({ hasText: 'Done: 2 of 2 versions changed' }).waitFor();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'relink.png') });
  const { data } = await api<{ data: { body: unknown }[] }>(`/api/articles?filters[title][$eq]=${encodeURIComponent(TITLE)}`);
  const urls = linksIn(data[0].body).map((link) => link.url);
  expect(urls).toHaveLength(11);
  expect(urls.every((url) => url.startsWith('/network/'))).toBe(true);
});

it("shows the editors' admin in Chinese, with no translation of ours missing", async () => {
  consoleMessages.length = 0;
  // The admin language is kept in localStorage (what the profile page's "Interface language" sets).
  await page.evaluate(() => window.localStorage.setItem('strapi-admin-language', 'zh-Hans'));
  await page.goto(`${app.baseUrl}/admin/content-manager/collection-types/api::article.article`);
  // The list's columns: title, date, author (and Strapi's status and locales), in Chinese.
  await page.locator('thead').getByText('文章显示日期').waitFor();
  await expect(page.locator('thead').getByText('网址别名').count()).resolves.toBe(0);
  await page.getByRole('link', { name: '机构' }).first().waitFor();
  await page.goto(`${app.baseUrl}/admin/content-manager/collection-types/api::article.article/create`);
  await page.getByTestId('org-linker-summary').waitFor();
  await page.getByText('每次保存时根据正文自动更新；请查看“机构”面板。').waitFor();
  // Field labels, as shown (a required one ends with "*").
  const shown = new Set((await page.locator('body').innerText()).split('\n').map((line) => line.replace(/\s*\*$/, '').trim()));
  expect(['标题', '文章显示日期', '领域', '提到的机构（自动）', '宣布的合作关系'].filter((label) => !shown.has(label))).toEqual([]);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'edit-zh.png') });
  const english: Record<string, string[]> = { article: await englishLinesOn(page) };
  for (const uid of ['api::organization.organization', 'api::partnership.partnership', 'api::author.author', 'api::sector.sector']) {
    await page.goto(`${app.baseUrl}/admin/content-manager/collection-types/${uid}/create`);
    await page.locator('form').first().waitFor();
    await page.waitForLoadState('networkidle', { timeout: 15000 }).catch(() => undefined);
    english[uid] = await englishLinesOn(page);
  }
  await page.getByText('网址别名').first().waitFor();
  for (const route of ['settings/org-linker', 'settings/org-linker-relink', 'plugins/newsletter']) {
    await page.goto(`${app.baseUrl}/admin/${route}`);
    await page.waitForLoadState('networkidle', { timeout: 15000 }).catch(() => undefined);
    english[route] = await englishLinesOn(page);
  }
  expect(english).toEqual(Object.fromEntries(Object.keys(english).map((key) => [key, []])));
  expect(ourMissingTranslations()).toEqual([]);
});
