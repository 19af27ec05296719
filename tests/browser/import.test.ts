import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { registerFirstAdmin, startChildApp, type ChildApp } from '../helpers/child-app';
import { findRoot } from '../helpers/root';

/**
 * The directory import page (Settings → Organization linker → Import directory) in a real
 * browser: upload a small CSV, the dry run's counts, then the run's progress to done.
 * Screenshots go to test-results/screenshots/ (ignored by git).
 */

jest.setTimeout(180_000);

const SCREENSHOTS = path.join(findRoot(), 'test-results', 'screenshots');
const ADMIN = { email: 'admin@newsroom.test', password: 'Test-password-1' };
const RECORDS = 60;

let app: ChildApp;
let browser: Browser;
let page: Page;
let directory: string;
let csv: string;

beforeAll(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-import-browser-'));
  csv = path.join(directory, 'members.csv');
  const lines = ['name,acronym,country,wikidataId'];
  for (let index = 0; index < RECORDS; index += 1) lines.push(`Browser Member Institute ${index},BMI${index},CN,Q${900000 + index}`);
  lines.push(',NONAME,CN,');
  fs.writeFileSync(csv, `${lines.join('\n')}\n`);
  app = await startChildApp({
    env: {
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: path.join(directory, 'browser.db'),
      DIRECTORY_IMPORT_DIR: path.join(directory, 'uploads'),
      // Small batches with a pause: the progress bar is seen moving.
      DIRECTORY_IMPORT_BATCH: '10',
      DIRECTORY_IMPORT_PAUSE_MS: '300',
      DIRECTORY_IMPORT_POLL_MS: '100',
    },
    serveAdminPanel: true,
    label: 'import-browser',
  });
  await registerFirstAdmin(app.baseUrl, ADMIN);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  page = await (await browser.newContext({ viewport: { width: 1440, height: 1100 } })).newPage();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  fs.rmSync(directory, { recursive: true, force: true });
});

it('uploads a CSV, shows the dry run, then runs it with a progress bar to done', async () => {
  await page.goto(`${app.baseUrl}/admin`);
  await page.locator('input[name=email]').fill(ADMIN.email);
  await page.locator('input[name=password]').fill(ADMIN.password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL(/\/admin(\/)?$/);

  // The link sits in the org-linker's settings section.
  await page.goto(`${app.baseUrl}/admin/settings`);
  await page.getByRole('link', { name: 'Import directory' }).click();
  await page.waitForURL(/\/admin\/settings\/directory-import$/);
  await page.getByRole('heading', { name: 'Import directory' }).waitFor();

  await page.getByTestId('directory-import-file').setInputFiles(csv);
  await page.getByRole('checkbox', { name: 'Publish what is created or changed' }).click();
  await page.getByRole('button', { name: 'Dry run' }).click();
  const plan = page.getByTestId('directory-import-plan');
  await plan.waitFor();
  await expect(plan.getByTestId('directory-import-count-created').innerText()).resolves.toContain(String(RECORDS));
  await expect(plan.getByTestId('directory-import-count-refused').innerText()).resolves.toContain('1');
  // The refused record, by its line, with the reason.
  await expect(
    plan
      .getByRole('row')
      .filter({ hasText: String(RECORDS + 2) })
      .first()
      .innerText()
  ).resolves.toMatch(/name/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'import-dry-run.png'), fullPage: true });

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const job = page.getByTestId('directory-import-job');
  await job.waitFor();
  // Mid-way: the bar between 0 and 100 % at least once.
  const bar = job.getByRole('progressbar');
  let sawProgress = false;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const value = Number(await bar.getAttribute('aria-valuenow'));
    if (value > 0 && value < 100) sawProgress = true;
    if (value === 100) break;
    await page.waitForTimeout(100);
  }
  expect(sawProgress).toBe(true);
  await expect(page.getByTestId('directory-import-job-status').innerText()).resolves.toBe(`Done: members.csv, ${RECORDS + 1} records`);
  await expect(job.getByTestId('directory-import-count-created').innerText()).resolves.toContain(String(RECORDS));
  await job.getByText(/Relink job #\d+/).waitFor();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'import-done.png'), fullPage: true });

  // Published (the option was ticked): the public API lists them.
  const count = await fetch(`${app.baseUrl}/api/organizations?pagination[pageSize]=1`).then((response) => response.json() as Promise<{ meta: { pagination: { total: number } } }>);
  expect(count.meta.pagination.total).toBe(RECORDS);
});
