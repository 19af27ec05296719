/**
 * The directory import's admin API (see contracts.ts): admin routes of the app (admin login,
 * JWT or admin API token as Strapi's admin routes take them; never a content-API token).
 *
 * Permission: the Content Manager's create AND update on organizations, each without a
 * condition (an author's "own entries only" does not count: an import writes anyone's
 * organization), plus publish when `publish` is asked. A super admin has them all.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { z } from 'zod';
import {
  IMPORT_API,
  importRequestSchema,
  jobIdSchema,
  listQuerySchema,
  uploadFieldsSchema,
  type DryRunResponse,
  type ImportFormatName,
  type JobResponse,
  type ListJobsResponse,
  type UploadInfo,
  type UploadResponse,
} from './contracts';
import { directoryImporter } from './importer';
import { ImportBusyError, importJobs, importSettings, reportView, type ImportJobs } from './import-jobs';
import { formatOfFile, MalformedFileError } from './read';

type Context = Parameters<Core.MiddlewareHandler>[0];

const ORGANIZATION = 'api::organization.organization';
const ACTIONS = {
  create: 'plugin::content-manager.explorer.create',
  update: 'plugin::content-manager.explorer.update',
  publish: 'plugin::content-manager.explorer.publish',
} as const;

/** The name of the import-jobs service (and worker) in Strapi's container: one per Strapi. */
export const IMPORT_JOBS = 'newsroom.directory-imports';

export const importJobsOf = (strapi: Core.Strapi): ImportJobs => {
  if (!strapi.has(IMPORT_JOBS)) strapi.add(IMPORT_JOBS, importJobs({ strapi }));
  return strapi.get<ImportJobs>(IMPORT_JOBS);
};

const problem = (field: string, message: string) => new errors.ValidationError(`${field}: ${message}`, { errors: [{ path: [field], message, name: 'ValidationError' }] });

const parse = <Schema extends z.ZodType>(schema: Schema, value: unknown, what: string): z.output<Schema> => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.length > 0 ? issue.path.map(String) : [what], message: issue.message, name: 'ValidationError' }));
  throw new errors.ValidationError(issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '), { errors: issues });
};

interface Rule {
  inverted?: boolean;
  conditions?: unknown;
}
interface Ability {
  rulesFor(action: string, subject: string): Rule[];
}

/** 403 unless the admin may import (create and update on organizations, publish if asked), unconditionally. */
const requirePermission = (ctx: Context, publish: boolean) => {
  const ability = (ctx.state as { userAbility?: Ability }).userAbility;
  const needed = [ACTIONS.create, ACTIONS.update, ...(publish ? [ACTIONS.publish] : [])];
  const missing = needed.filter((action) => !ability?.rulesFor(action, ORGANIZATION).some((rule) => !rule.inverted && !rule.conditions));
  if (missing.length > 0) {
    const message = `importing organizations needs the Content Manager's ${missing.map((action) => action.split('.').pop()).join(' and ')} permission on organizations (on every entry, not only one's own)`;
    throw new errors.PolicyError(`permission: ${message}`, { errors: [{ path: ['permission'], message, name: 'PolicyError' }] });
  }
};

/** The stored file of an upload id (the id is 32 hex digits: never a path of the caller's). */
const uploadPath = (id: string) => path.join(importSettings().dir, `${id}.upload`);
const metaPath = (id: string) => path.join(importSettings().dir, `${id}.json`);

const readUpload = async (id: string): Promise<UploadInfo & { file: string }> => {
  try {
    const info = JSON.parse(await fs.promises.readFile(metaPath(id), 'utf8')) as UploadInfo;
    await fs.promises.access(uploadPath(id));
    return { ...info, file: uploadPath(id) };
  } catch {
    throw problem('upload', `no upload ${id} (uploads are kept until their import runs, or a day)`);
  }
};

/** Uploads never imported are removed after a day. */
const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;
const sweepOldUploads = async () => {
  const dir = importSettings().dir;
  const names = await fs.promises.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const file = path.join(dir, name);
    const stat = await fs.promises.stat(file).catch(() => null);
    if (stat && Date.now() - stat.mtimeMs > UPLOAD_TTL_MS) await fs.promises.rm(file, { force: true }).catch(() => undefined);
  }
};

interface FormidableFile {
  filepath: string;
  originalFilename?: string | null;
  size: number;
}

const moveInto = async (from: string, to: string) => {
  try {
    await fs.promises.rename(from, to);
  } catch {
    // Another file system (os.tmpdir() to the app's folder).
    await fs.promises.copyFile(from, to);
    await fs.promises.rm(from, { force: true });
  }
};

const handlers = (strapi: Core.Strapi) => ({
  upload: async (ctx: Context): Promise<void> => {
    const request = ctx.request as unknown as { files?: Record<string, FormidableFile | FormidableFile[]>; body?: unknown };
    const files = request.files ?? {};
    const temporary = Object.values(files).flatMap((value) => (Array.isArray(value) ? value : [value]));
    try {
      requirePermission(ctx, false);
      const given = files.file;
      if (!given) throw problem('file', 'missing: send the file as the multipart field "file"');
      if (Array.isArray(given)) throw problem('file', 'send one file only');
      const others = Object.keys(files).filter((name) => name !== 'file');
      if (others.length > 0) throw problem(others[0], 'unknown file field (only "file")');
      const { format: asked } = parse(uploadFieldsSchema, request.body ?? {}, 'body');
      const name = (given.originalFilename ?? 'upload').slice(0, 255);
      const { maxBytes, dir } = importSettings();
      if (given.size > maxBytes)
        throw new errors.PayloadTooLargeError(`file: ${given.size} bytes, more than the ${maxBytes} bytes allowed (DIRECTORY_IMPORT_MAX_BYTES)`, {
          errors: [{ path: ['file'], message: `${given.size} bytes, more than the ${maxBytes} bytes allowed (DIRECTORY_IMPORT_MAX_BYTES)`, name: 'PayloadTooLargeError' }],
        });
      if (given.size === 0) throw problem('file', 'is empty');
      const format: ImportFormatName | null = asked ?? formatOfFile(name);
      await fs.promises.mkdir(dir, { recursive: true });
      await sweepOldUploads();
      const id = randomBytes(16).toString('hex');
      await moveInto(given.filepath, uploadPath(id));
      const info: UploadInfo = { id, name, size: given.size, format };
      await fs.promises.writeFile(metaPath(id), JSON.stringify(info));
      ctx.status = 201;
      ctx.body = { data: info } satisfies UploadResponse;
    } finally {
      for (const file of temporary) await fs.promises.rm(file.filepath, { force: true }).catch(() => undefined);
    }
  },

  dryRun: async (ctx: Context): Promise<void> => {
    requirePermission(ctx, false);
    const input = parse(importRequestSchema, ctx.request.body ?? {}, 'body');
    if (input.publish) requirePermission(ctx, true);
    const upload = await readUpload(input.upload);
    try {
      const report = await directoryImporter({ strapi }).run({
        file: upload.file,
        format: input.format,
        dryRun: true,
        publish: input.publish,
        inactive: input.inactive,
      });
      ctx.body = { data: reportView(report) } satisfies DryRunResponse;
    } catch (error) {
      if (error instanceof MalformedFileError) throw problem('file', `malformed ${input.format} file: ${error.message}`);
      throw error;
    }
  },

  start: async (ctx: Context): Promise<void> => {
    requirePermission(ctx, false);
    const input = parse(importRequestSchema, ctx.request.body ?? {}, 'body');
    if (input.publish) requirePermission(ctx, true);
    const upload = await readUpload(input.upload);
    const user = (ctx.state as { user?: { id?: number } }).user;
    try {
      const job = await importJobsOf(strapi).enqueue({
        file: upload.file,
        fileName: upload.name,
        size: upload.size,
        format: input.format,
        options: { publish: input.publish, strict: input.strict, inactive: input.inactive },
        createdBy: typeof user?.id === 'number' ? user.id : null,
      });
      await fs.promises.rm(metaPath(input.upload), { force: true });
      ctx.status = 202;
      ctx.body = { data: job } satisfies JobResponse;
    } catch (error) {
      if (!(error instanceof ImportBusyError)) throw error;
      ctx.status = 409;
      ctx.body = {
        data: null,
        error: {
          status: 409,
          name: 'ConflictError',
          message: `upload: ${error.message}`,
          details: { errors: [{ path: ['upload'], message: error.message, name: 'ConflictError' }], job: error.job },
        },
      };
    }
  },

  list: async (ctx: Context): Promise<void> => {
    requirePermission(ctx, false);
    const { limit } = parse(listQuerySchema, ctx.query, 'query');
    ctx.body = { data: await importJobsOf(strapi).list(limit) } satisfies ListJobsResponse;
  },

  get: async (ctx: Context): Promise<void> => {
    requirePermission(ctx, false);
    const { id } = parse(jobIdSchema, ctx.params, 'id');
    const job = await importJobsOf(strapi).get(id);
    if (!job) throw new errors.NotFoundError(`id: no import job ${id}`, { errors: [{ path: ['id'], message: `no import job ${id}`, name: 'NotFoundError' }] });
    ctx.body = { data: job } satisfies JobResponse;
  },
});

/** Registers the routes (in the app's register()). */
export const registerDirectoryImportRoutes = (strapi: Core.Strapi): void => {
  const handle = handlers(strapi);
  const route = (method: 'GET' | 'POST', routePath: string, handler: (ctx: Context) => Promise<void>) => ({
    method,
    path: `${IMPORT_API}${routePath}`,
    handler,
    info: { type: 'admin' },
    config: { policies: ['admin::isAuthenticatedAdmin'] },
  });
  strapi.server.routes({
    type: 'admin',
    prefix: '',
    routes: [
      route('POST', '/uploads', handle.upload),
      route('POST', '/dry-run', handle.dryRun),
      route('POST', '/jobs', handle.start),
      route('GET', '/jobs', handle.list),
      route('GET', '/jobs/:id', handle.get),
    ],
  });
};

/** Creates the jobs table and starts the worker (in the app's bootstrap); stopped in destroy(). */
export const startDirectoryImports = async (strapi: Core.Strapi): Promise<void> => {
  const jobs = importJobsOf(strapi);
  await jobs.ensureTable();
  jobs.start();
};

export const stopDirectoryImports = (strapi: Core.Strapi): Promise<void> => importJobsOf(strapi).stop();
