import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { ImportJob, ImportReportView } from '../../src/directory/contracts';
import { IMPORT_JOBS } from '../../src/directory/admin-api';
import type { ImportJobs } from '../../src/directory/import-jobs';
import { directoryImporter } from '../../src/directory/importer';
import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { adminSession, type AdminSession } from '../helpers/admin';
import { paragraph } from '../helpers/blocks';

/**
 * The directory import through the admin API (src/directory/admin-api.ts): upload, dry run,
 * background job and its progress, the one-at-a-time rule, refusals and permissions.
 */

const ORGANIZATION = 'api::organization.organization';
const RECORDS = 120;

let app: TestApp;
let superAdmin: AdminSession;
let editor: AdminSession;
let author: AdminSession;
let tmp: string;
let membersCsv: string;

/** A member list: every tenth record is the parent of the next nine (named by Wikidata id). */
const memberCsv = (count: number): string => {
  const lines = ['name,acronym,aliases,country,wikidataId,parent'];
  for (let index = 0; index < count; index += 1) {
    const parent = index % 10 === 0 ? '' : `Q${700000 + index - (index % 10)}`;
    lines.push(`Admin Import Institute ${index},AII${index},Institute number ${index},CN,Q${700000 + index},${parent}`);
  }
  return `${lines.join('\n')}\n`;
};

/** Where strapi::body writes the files of multipart requests (BODY_UPLOAD_DIR). */
const multipartDir = () => path.join(tmp, 'multipart');
const FILE_LIMIT = 1_000_000;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'directory-import-admin-'));
  fs.mkdirSync(multipartDir());
  app = await startApp({
    env: {
      DIRECTORY_IMPORT_BATCH: '25',
      DIRECTORY_IMPORT_POLL_MS: '100',
      DIRECTORY_IMPORT_PAUSE_MS: '100',
      DIRECTORY_IMPORT_MAX_BYTES: '100000',
      DIRECTORY_IMPORT_DIR: path.join(tmp, 'uploads'),
      BODY_UPLOAD_DIR: multipartDir(),
      BODY_FILE_LIMIT: String(FILE_LIMIT),
    },
  });
  superAdmin = await adminSession(app, 'strapi-super-admin');
  editor = await adminSession(app, 'strapi-editor');
  author = await adminSession(app, 'strapi-author');
  membersCsv = path.join(tmp, 'members.csv');
  fs.writeFileSync(membersCsv, memberCsv(RECORDS));
});
afterAll(async () => {
  await app?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const bearer = (session: AdminSession) => ({ Authorization: `Bearer ${session.token}` });
const organizations = () => app.strapi.db.query(ORGANIZATION).count({});
/** Files kept in DIRECTORY_IMPORT_DIR (uploads and their descriptions). */
const keptFiles = () => (fs.existsSync(path.join(tmp, 'uploads')) ? fs.readdirSync(path.join(tmp, 'uploads')).length : 0);

const upload = async (file: string, as: AdminSession = superAdmin, fields: Record<string, string> = {}) => {
  let call = app.http().post('/directory-import/uploads').set(bearer(as));
  for (const [name, value] of Object.entries(fields)) call = call.field(name, value);
  return call.attach('file', file);
};
const uploadId = async (file: string) => {
  const response = await upload(file);
  expect(response.status).toBe(201);
  return response.body.data.id as string;
};
const job = async (id: number): Promise<ImportJob> => (await app.http().get(`/directory-import/jobs/${id}`).set(bearer(superAdmin))).body.data as ImportJob;
const untilDone = async (id: number): Promise<{ final: ImportJob; seen: ImportJob[] }> => {
  const seen: ImportJob[] = [];
  const deadline = Date.now() + 45_000;
  for (;;) {
    const current = await job(id);
    seen.push(current);
    if (current.status === 'done' || current.status === 'failed' || Date.now() > deadline) return { final: current, seen };
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
};

describe('who may import', () => {
  const routes = [
    { method: 'post' as const, path: '/directory-import/dry-run' },
    { method: 'post' as const, path: '/directory-import/jobs' },
    { method: 'get' as const, path: '/directory-import/jobs' },
    { method: 'get' as const, path: '/directory-import/jobs/1' },
    { method: 'post' as const, path: '/directory-import/uploads' },
  ];

  it.each(routes)('answers 401 to $method $path without an admin login, even with a full-access content-API token', async ({ method, path: route }) => {
    const token = await createApiToken(app.strapi, 'full-access');
    const send = (headers: Record<string, string>) => (method === 'get' ? app.http().get(route) : app.http().post(route)).set(headers);
    expect((await send({})).status).toBe(401);
    expect((await send({ Authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it('answers 403 to an author (own entries only), naming the permission, and writes no upload', async () => {
    const before = keptFiles();
    const response = await upload(membersCsv, author);
    expect(response.status).toBe(403);
    expect(response.body.error.message).toMatch(/^permission: importing organizations needs the Content Manager's create and update permission/);
    expect(keptFiles()).toBe(before);
    const list = await app.http().get('/directory-import/jobs').set(bearer(author));
    expect(list.status).toBe(403);
  });

  it('lets an editor (create, update and publish on every organization) upload and dry-run', async () => {
    const response = await upload(membersCsv, editor);
    expect(response.status).toBe(201);
    const dry = await app.http().post('/directory-import/dry-run').set(bearer(editor)).send({ upload: response.body.data.id, format: 'csv', publish: true });
    expect(dry.status).toBe(200);
    expect(dry.body.data.created).toBe(RECORDS);
  });
});

describe('the files of multipart requests', () => {
  const file = (bytes: number) => Buffer.alloc(bytes, 'x');
  const multipartFiles = () => fs.readdirSync(multipartDir());
  /**
   * The response can reach the client before the cut-off file's stream has closed and removed
   * it: wait for the folder to be as it was, up to a deadline (a file that stays still fails).
   */
  const expectFolderBackTo = async (before: string[]) => {
    const deadline = Date.now() + 5000;
    while (multipartFiles().length > before.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(multipartFiles()).toEqual(before);
  };

  it.each([
    ['a stranger to the import', '/directory-import/uploads', 'file', {}, 401],
    ['a stranger to the content API', '/api/articles', 'file', {}, 403],
    ['a stranger, in the field Strapi cleans itself', '/api/articles', 'files', {}, 403],
    ['a stranger to the Content Manager', '/content-manager/collection-types/api::article.article', 'file', {}, 401],
    ['an admin, in a field the import refuses', '/directory-import/uploads', 'attachment', 'superAdmin', 400],
  ] as const)('leaves no file on disk after a refused upload: %s', async (_who, route, field, as, status) => {
    const before = multipartFiles();
    const headers = as === 'superAdmin' ? bearer(superAdmin) : {};
    const response = await app
      .http()
      .post(route)
      .set(headers)
      .attach(field, file(64 * 1024), 'members.csv');
    expect(response.status).toBe(status);
    expect(multipartFiles()).toEqual(before);
  });

  it('keeps an accepted upload where the import keeps uploads, and nothing in the multipart folder', async () => {
    const before = keptFiles();
    const leftBefore = multipartFiles();
    expect((await upload(membersCsv)).status).toBe(201);
    expect(keptFiles()).toBe(before + 2); // the file and its description
    expect(multipartFiles()).toEqual(leftBefore);
  });

  it("stores a media library upload (Strapi's own `files` field) whole, and leaves nothing in the multipart folder", async () => {
    const before = multipartFiles();
    // A PDF: the media library takes images and PDFs only (config/plugins.ts), and stores PDFs as sent.
    const pdf = Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n${'% filler\n'.repeat(2000)}%%EOF\n`);
    const response = await app.http().post('/upload').set(bearer(superAdmin)).attach('files', pdf, 'note.pdf');
    expect(response.status).toBe(201);
    const [stored] = response.body as { id: number; url: string; name: string }[];
    try {
      expect(stored.name).toBe('note.pdf');
      const served = await app.http().get(stored.url).buffer(true);
      expect(served.status).toBe(200);
      expect(Buffer.compare(served.body as Buffer, pdf)).toBe(0);
      await expectFolderBackTo(before);
    } finally {
      await app.http().delete(`/upload/files/${stored.id}`).set(bearer(superAdmin)); // public/uploads is the app's own
    }
  });

  it('refuses a file over BODY_FILE_LIMIT with 413 naming the body and the setting, and leaves nothing', async () => {
    const before = multipartFiles();
    const response = await app
      .http()
      .post('/directory-import/uploads')
      .set(bearer(superAdmin))
      .attach('file', file(FILE_LIMIT + 1), 'members.csv');
    expect(response.status).toBe(413);
    expect(response.body.error.message).toBe(`body: a file in it is too large, over the ${FILE_LIMIT} bytes allowed for one file (BODY_FILE_LIMIT)`);
    expect(response.body.error.details.errors).toEqual([expect.objectContaining({ path: ['body'] })]);
    await expectFolderBackTo(before);
  });

  it('leaves nothing of an upload whose client goes away in the middle of the file', async () => {
    const before = multipartFiles();
    const boundary = 'newsroom-cut-off';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="members.csv"\r\nContent-Type: text/csv\r\n\r\n`;
    const url = new URL('/directory-import/uploads', app.baseUrl);
    const request = http.request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: { ...bearer(superAdmin), 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(FILE_LIMIT) },
    });
    request.on('error', () => undefined); // the socket is destroyed on purpose
    request.write(head);
    request.write(file(1024));
    // Once the server has begun the file (waited for, up to a deadline), the client is gone.
    const deadline = Date.now() + 5000;
    while (multipartFiles().length === before.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(multipartFiles()).toHaveLength(before.length + 1); // the partial file is there
    request.destroy();
    await expectFolderBackTo(before);
  });
});

describe('bad requests name the field and the problem', () => {
  it('refuses a request without a file (400 file)', async () => {
    const response = await app.http().post('/directory-import/uploads').set(bearer(superAdmin)).field('format', 'csv');
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe('file: missing: send the file as the multipart field "file"');
  });

  it('refuses an unknown format name (400 format)', async () => {
    const response = await upload(membersCsv, superAdmin, { format: 'xlsx' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe('format: must be one of ror, csv, json');
    const id = await uploadId(membersCsv);
    const dry = await app.http().post('/directory-import/dry-run').set(bearer(superAdmin)).send({ upload: id, format: 'xml' });
    expect(dry.status).toBe(400);
    expect(dry.body.error.message).toBe('format: must be one of ror, csv, json');
  });

  it('refuses a file over DIRECTORY_IMPORT_MAX_BYTES (413 file) and keeps nothing of it', async () => {
    const big = path.join(tmp, 'big.csv');
    fs.writeFileSync(big, memberCsv(2000));
    expect(fs.statSync(big).size).toBeGreaterThan(100000);
    const before = keptFiles();
    const response = await upload(big);
    expect(keptFiles()).toBe(before);
    expect(response.status).toBe(413);
    expect(response.body.error.message).toMatch(/^file: \d+ bytes, more than the 100000 bytes allowed \(DIRECTORY_IMPORT_MAX_BYTES\)$/);
  });

  it('refuses an unknown upload id and an unknown body field (400 upload, 400 body)', async () => {
    const missing = await app
      .http()
      .post('/directory-import/dry-run')
      .set(bearer(superAdmin))
      .send({ upload: '0'.repeat(32), format: 'csv' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/^upload: no upload 0{32}/);
    const traversal = await app.http().post('/directory-import/jobs').set(bearer(superAdmin)).send({ upload: '../../etc/passwd', format: 'csv' });
    expect(traversal.status).toBe(400);
    expect(traversal.body.error.message).toBe('upload: must be the id of an upload');
    const unknown = await app
      .http()
      .post('/directory-import/dry-run')
      .set(bearer(superAdmin))
      .send({ upload: '0'.repeat(32), format: 'csv', overwrite: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe('body: unknown field(s): overwrite');
  });

  it('refuses a malformed file in a dry run (400 file, with the reason) and writes nothing', async () => {
    const bad = path.join(tmp, 'bad.csv');
    fs.writeFileSync(bad, 'name,colour\nA,red\n');
    const before = await organizations();
    const response = await app
      .http()
      .post('/directory-import/dry-run')
      .set(bearer(superAdmin))
      .send({ upload: await uploadId(bad), format: 'csv' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^file: malformed csv file: line 1: .*colour/);
    expect(await organizations()).toBe(before);
  });

  it('marks a background job of a malformed file failed with the reason', async () => {
    const bad = path.join(tmp, 'bad.json');
    fs.writeFileSync(bad, '{"not": "an array"');
    const started = await app
      .http()
      .post('/directory-import/jobs')
      .set(bearer(superAdmin))
      .send({ upload: await uploadId(bad), format: 'json' });
    expect(started.status).toBe(202);
    const { final } = await untilDone(started.body.data.id as number);
    expect(final.status).toBe('failed');
    expect(final.error).toMatch(/^malformed file: not a JSON array of records/);
  });
});

describe('dry run, then run in the background', () => {
  let articleId: string;

  beforeAll(async () => {
    const token = await createApiToken(app.strapi, 'full-access');
    const response = await app
      .http()
      .post('/api/articles')
      .set({ Authorization: `Bearer ${token}` })
      .send({ data: { title: 'Members', date: '2024-02-02', body: [paragraph('Admin Import Institute 7 joined the network.')] } });
    expect(response.status).toBe(201);
    articleId = response.body.data.documentId as string;
  });

  it('a dry run reports what would happen, with refusals by line, and writes nothing', async () => {
    const withBad = path.join(tmp, 'with-bad.csv');
    fs.writeFileSync(withBad, `${memberCsv(RECORDS)},NOPE,,,,\nAdmin Import Institute 3,,,,Q700003,\n`);
    const before = await organizations();
    const response = await app
      .http()
      .post('/directory-import/dry-run')
      .set(bearer(superAdmin))
      .send({ upload: await uploadId(withBad), format: 'csv', publish: true });
    expect(response.status).toBe(200);
    const report = response.body.data as ImportReportView;
    expect(report).toMatchObject({ dryRun: true, records: RECORDS + 2, created: RECORDS, changed: 0, unchanged: 0, refusedCount: 2 });
    expect(report.refused.map((refusal) => refusal.position)).toEqual([RECORDS + 2, RECORDS + 3]);
    expect(report.refused[0].reason).toMatch(/name/);
    expect(report.refused[1].reason).toMatch(/duplicate of record/);
    expect(report.actions[0]).toEqual({ position: 2, name: 'Admin Import Institute 0', action: 'created', fields: [] });
    expect(await organizations()).toBe(before);
  });

  it('runs as a job whose progress moves batch by batch to done, queues one relink job and ends as the CLI importer would', async () => {
    const id = await uploadId(membersCsv);
    const started = await app.http().post('/directory-import/jobs').set(bearer(superAdmin)).send({ upload: id, format: 'csv', publish: true });
    expect(started.status).toBe(202);
    expect(started.body.data).toMatchObject({ status: 'pending', fileName: 'members.csv', format: 'csv', options: { publish: true, strict: false, inactive: 'skip' } });
    const { final, seen } = await untilDone(started.body.data.id as number);
    expect(final).toMatchObject({ status: 'done', total: RECORDS, cursor: RECORDS, created: RECORDS, changed: 0, unchanged: 0, refused: 0, error: null, resumedFrom: null });
    expect(final.report).toMatchObject({ created: RECORDS, refusedCount: 0, warnings: [] });
    // Saved per batch (25 records): some poll saw a cursor strictly between 0 and the end.
    expect(seen.some((state) => state.cursor > 0 && state.cursor < RECORDS)).toBe(true);
    // The upload is gone once imported.
    expect((await app.http().post('/directory-import/jobs').set(bearer(superAdmin)).send({ upload: id, format: 'csv' })).status).toBe(400);

    // One relink job for the whole import; it links the article that names a new organization.
    expect(final.relinkJob).toEqual(expect.any(Number));
    await app.strapi.plugin('org-linker').service<{ idle(): Promise<void> }>('worker').idle();
    const relink = await app.http().get(`/org-linker/relink/jobs/${final.relinkJob}`).set(bearer(superAdmin));
    expect(relink.body.data).toMatchObject({ kind: 'directory-import', status: 'done' });
    const article = await app.strapi.documents('api::article.article').findOne({ documentId: articleId, populate: { mentionedOrganizations: { fields: ['name'] } } });
    expect((article?.mentionedOrganizations as { name: string }[]).map((organization) => organization.name)).toEqual(['Admin Import Institute 7']);

    // Parents resolved, everything published.
    const child = await app.strapi.documents(ORGANIZATION).findFirst({ filters: { wikidataId: 'Q700017' }, status: 'published', populate: { parent: true } });
    expect((child?.parent as { name: string } | null)?.name).toBe('Admin Import Institute 10');

    // The CLI's importer on the same file finds nothing left to do.
    const again = await directoryImporter({ strapi: app.strapi }).run({ file: membersCsv, format: 'csv', publish: true });
    expect(again).toMatchObject({ created: 0, changed: 0, unchanged: RECORDS, refused: [] });

    const list = await app.http().get('/directory-import/jobs?limit=2').set(bearer(superAdmin));
    expect(list.status).toBe(200);
    expect((list.body.data as ImportJob[])[0].id).toBe(final.id);
  });

  it('queues one import at a time: a second start while one is open is refused with 409 naming it', async () => {
    const jobs = app.strapi.get<ImportJobs>(IMPORT_JOBS);
    await jobs.stop();
    try {
      const first = await app
        .http()
        .post('/directory-import/jobs')
        .set(bearer(superAdmin))
        .send({ upload: await uploadId(membersCsv), format: 'csv' });
      expect(first.status).toBe(202);
      const second = await app
        .http()
        .post('/directory-import/jobs')
        .set(bearer(superAdmin))
        .send({ upload: await uploadId(membersCsv), format: 'csv' });
      expect(second.status).toBe(409);
      expect(second.body.error.message).toBe(`upload: an import is already queued or running (job ${first.body.data.id}); start this one when it has ended`);
    } finally {
      jobs.start();
    }
    await jobs.idle();
    const last = (await app.http().get('/directory-import/jobs?limit=1').set(bearer(superAdmin))).body.data[0] as ImportJob;
    expect(last).toMatchObject({ status: 'done', created: 0, unchanged: RECORDS });
  });
});
