import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ImportJob } from '../../src/directory/contracts';
import { directoryImporter } from '../../src/directory/importer';
import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { paragraph } from '../helpers/blocks';
import { createApiTokenOverHttp, registerFirstAdmin, startChildApp, type ChildApp } from '../helpers/child-app';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

/**
 * A background directory import killed with SIGKILL mid-run: the restarted process resumes
 * the job after its saved cursor (not from the start) and the directory ends as an
 * uninterrupted import leaves it; the articles naming organizations imported before the kill
 * are relinked too.
 */

jest.setTimeout(240_000);

const RECORDS = 1000;

let database: TestDatabase;
let child: ChildApp;
let admin: string;
let token: string;
let tmp: string;
let file: string;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const call = async <T>(route: string, { method = 'GET', as = admin, body }: { method?: string; as?: string; body?: unknown } = {}): Promise<T> => {
  const response = await fetch(`${child.baseUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${as}`, ...(body instanceof FormData || body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
};

const job = async (id: number) => (await call<{ data: ImportJob }>(`/directory-import/jobs/${id}`)).data;

/** Every tenth record is the parent of the next nine, named by its Wikidata id. */
const writeMembers = (target: string) => {
  const lines = ['name,acronym,aliases,country,wikidataId,parent'];
  for (let index = 0; index < RECORDS; index += 1) {
    const parent = index % 10 === 0 ? '' : `Q${800000 + index - (index % 10)}`;
    lines.push(`Resume Institute ${index},RI${index},Resume alias ${index},DE,Q${800000 + index},${parent}`);
  }
  fs.writeFileSync(target, `${lines.join('\n')}\n`);
};

interface Organization {
  name: string;
  acronym: string | null;
  slug: string;
  country: string | null;
  wikidataId: string | null;
  aliases: { text: string; language: string | null }[];
  parent: { name: string } | null;
}

/** The published directory as the content API gives it, sorted by name. */
const directoryOf = async (baseUrl: string, apiToken: string) => {
  const all: Organization[] = [];
  for (let page = 1; ; page += 1) {
    const response = await fetch(
      `${baseUrl}/api/organizations?pagination[page]=${page}&pagination[pageSize]=100&sort=name&fields[0]=name&fields[1]=acronym&fields[2]=slug&fields[3]=country&fields[4]=wikidataId&populate[aliases]=true&populate[parent][fields][0]=name`,
      { headers: { authorization: `Bearer ${apiToken}` } }
    );
    const body = (await response.json()) as { data: (Organization & { id?: number; documentId?: string })[]; meta: { pagination: { pageCount: number } } };
    if (!response.ok) throw new Error(`organizations: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
    all.push(
      ...body.data.map((organization) => ({
        name: organization.name,
        acronym: organization.acronym,
        slug: organization.slug,
        country: organization.country,
        wikidataId: organization.wikidataId,
        aliases: organization.aliases.map((alias) => ({ text: alias.text, language: alias.language ?? null })),
        parent: organization.parent ? { name: organization.parent.name } : null,
      }))
    );
    if (page >= body.meta.pagination.pageCount) return all;
  }
};

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'directory-import-resume-'));
  file = path.join(tmp, 'members.csv');
  writeMembers(file);
  database = await createTestDatabase('import-resume');
  child = await startChildApp({
    env: {
      ...database.env,
      // Small batches, a pause after each and a short lease: the kill lands mid-run and the
      // restarted process takes the job over soon after.
      DIRECTORY_IMPORT_BATCH: '100',
      DIRECTORY_IMPORT_PAUSE_MS: '100',
      DIRECTORY_IMPORT_LEASE_MS: '1500',
      DIRECTORY_IMPORT_POLL_MS: '100',
      DIRECTORY_IMPORT_DIR: path.join(tmp, 'uploads'),
    },
    label: 'import-resume',
  });
  admin = await registerFirstAdmin(child.baseUrl);
  token = await createApiTokenOverHttp(child.baseUrl, admin);
});

afterAll(async () => {
  await child?.stop();
  await database?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('SIGKILL during a background directory import', () => {
  it('resumes after its saved cursor and ends with the directory an uninterrupted import makes', async () => {
    const article = await call<{ data: { documentId: string } }>('/api/articles', {
      method: 'POST',
      as: token,
      body: { data: { title: 'Early member', date: '2024-03-03', body: [paragraph('Resume Institute 5 joined the network.')] } },
    });

    const form = new FormData();
    form.append('file', new Blob([fs.readFileSync(file)], { type: 'text/csv' }), 'members.csv');
    const upload = await call<{ data: { id: string; format: string } }>('/directory-import/uploads', { method: 'POST', body: form });
    expect(upload.data.format).toBe('csv');
    const started = (await call<{ data: ImportJob }>('/directory-import/jobs', { method: 'POST', body: { upload: upload.data.id, format: 'csv', publish: true } })).data;

    // Kill once some batches are applied for good, well before the end.
    let seen = await job(started.id);
    const deadline = Date.now() + 90_000;
    while (seen.cursor < 200 && seen.status !== 'done' && Date.now() < deadline) {
      await sleep(25);
      seen = await job(started.id);
    }
    await child.kill();
    expect(seen.status).toBe('running');
    expect(seen.cursor).toBeGreaterThanOrEqual(200);
    expect(seen.cursor).toBeLessThan(RECORDS);

    await child.restart();
    const end = Date.now() + 120_000;
    let finished = await job(started.id);
    while (finished.status !== 'done' && finished.status !== 'failed' && Date.now() < end) {
      await sleep(200);
      finished = await job(started.id);
    }
    expect(finished).toMatchObject({ status: 'done', total: RECORDS, cursor: RECORDS, refused: 0, error: null });
    // Resumed from the cursor saved before the kill (at least what the last poll saw), not from 0:
    // the records before it were not counted again (created stays the file's count, none "unchanged").
    expect(finished.resumedFrom).toBeGreaterThanOrEqual(seen.cursor);
    expect(finished.resumedFrom).toBeLessThan(RECORDS);
    expect(finished).toMatchObject({ created: RECORDS, changed: 0, unchanged: 0 });

    // The relink job of the resumed run covers the organizations created before the kill too.
    expect(finished.relinkJob).toEqual(expect.any(Number));
    let relink = (await call<{ data: { status: string } }>(`/org-linker/relink/jobs/${finished.relinkJob}`)).data;
    while (relink.status !== 'done' && Date.now() < end) {
      await sleep(200);
      relink = (await call<{ data: { status: string } }>(`/org-linker/relink/jobs/${finished.relinkJob}`)).data;
    }
    const linked = await call<{ data: { mentionedOrganizations: { name: string }[] } }>(
      `/api/articles/${article.data.documentId}?status=draft&populate[mentionedOrganizations][fields][0]=name`,
      { as: token }
    );
    expect(linked.data.mentionedOrganizations.map((organization) => organization.name)).toEqual(['Resume Institute 5']);

    const resumed = await directoryOf(child.baseUrl, token);
    expect(resumed).toHaveLength(RECORDS);

    // The same file imported without interruption, on a fresh database.
    let baseline: TestApp | undefined;
    try {
      baseline = await startApp({ env: { DIRECTORY_IMPORT_WORKER: 'false' } });
      const report = await directoryImporter({ strapi: baseline.strapi }).run({ file, format: 'csv', publish: true });
      expect(report).toMatchObject({ created: RECORDS, refused: [] });
      const uninterrupted = await directoryOf(baseline.baseUrl, await createApiToken(baseline.strapi, 'full-access'));
      expect(resumed).toEqual(uninterrupted);
    } finally {
      await baseline?.stop();
    }
  });
});
