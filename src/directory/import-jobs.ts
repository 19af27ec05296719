import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import type { ImportFormatName, ImportJob, ImportJobStatus, ImportReportView } from './contracts';
import { directoryImporter, type ImportProgress, type ImportReport } from './importer';
import { MalformedFileError } from './read';

/**
 * Background directory imports (the admin's Import page): a job row per import in the app's own
 * table `directory_import_jobs` (created at bootstrap; Strapi's schema sync leaves tables it did
 * not create alone), worked by one in-process worker per Strapi process. A job is claimed with a
 * lease (a conditional UPDATE only one process wins, renewed while it runs); progress and the
 * cursor (records applied for good) are saved after every batch, so after a crash or a SIGKILL
 * the next process to claim it resumes after the cursor. Only one import is open at a time: a
 * unique column set only while a job is pending or running.
 */

export const TABLE = 'directory_import_jobs';

const intSetting = (name: string, fallback: number, min: number, max: number): number => {
  const value = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isFinite(value) && value >= min ? Math.min(value, max) : fallback;
};

export const importSettings = () => ({
  /** Where uploads are kept until their import ends (not public; .tmp is ignored by git). */
  dir: path.resolve(process.env.DIRECTORY_IMPORT_DIR ?? path.join(process.cwd(), '.tmp', 'imports')),
  maxBytes: intSetting('DIRECTORY_IMPORT_MAX_BYTES', 50 * 1024 * 1024, 1, Number.MAX_SAFE_INTEGER),
  leaseMs: intSetting('DIRECTORY_IMPORT_LEASE_MS', 30_000, 500, 3_600_000),
  pollMs: intSetting('DIRECTORY_IMPORT_POLL_MS', 2_000, 50, 600_000),
  worker: process.env.DIRECTORY_IMPORT_WORKER !== 'false',
  /** A pause after each saved batch (tests, or to leave the database room on a busy site). */
  pauseMs: intSetting('DIRECTORY_IMPORT_PAUSE_MS', 0, 0, 60_000),
});

/** Refusals and actions kept on a finished job (the counts are complete). */
const STORED_LIST_LIMIT = 1000;
/** Failures (not a malformed file) retried this many times before the job is marked failed. */
const MAX_ATTEMPTS = 3;

const num = z.coerce.number();
const nullableNum = z.union([z.null(), z.coerce.number()]);
const row = z.object({
  id: num,
  status: z.enum(['pending', 'running', 'done', 'failed']),
  file_name: z.string(),
  stored_path: z.string(),
  size: num,
  format: z.enum(['ror', 'csv', 'json']),
  options: z.string(),
  phase: z.enum(['checking', 'importing', 'parents']).nullable(),
  read: num,
  total: nullableNum,
  cursor: num,
  created: num,
  changed: num,
  unchanged: num,
  skipped: num,
  refused: num,
  resumed_from: nullableNum,
  attempts: num,
  error: z.string().nullable(),
  relink_job: nullableNum,
  report: z.string().nullable(),
  lease_owner: z.string().nullable(),
  lease_until: nullableNum,
  created_at: num,
  started_at: nullableNum,
  finished_at: nullableNum,
});
type Row = z.infer<typeof row>;

const optionsSchema = z.object({ publish: z.boolean(), strict: z.boolean(), inactive: z.enum(['skip', 'import']) });
type JobOptions = z.infer<typeof optionsSchema>;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const toJob = (r: Row): ImportJob => ({
  id: r.id,
  status: r.status,
  fileName: r.file_name,
  size: r.size,
  format: r.format,
  options: optionsSchema.parse(JSON.parse(r.options)),
  phase: r.phase,
  read: r.read,
  total: r.total,
  cursor: r.cursor,
  created: r.created,
  changed: r.changed,
  unchanged: r.unchanged,
  skipped: r.skipped,
  refused: r.refused,
  resumedFrom: r.resumed_from,
  attempts: r.attempts,
  error: r.error,
  relinkJob: r.relink_job,
  report: r.report ? (JSON.parse(r.report) as ImportReportView) : null,
  createdAt: new Date(r.created_at).toISOString(),
  startedAt: iso(r.started_at),
  finishedAt: iso(r.finished_at),
});

/** The report as the admin sees it: no server path, lists capped. */
export const reportView = (report: ImportReport): ImportReportView => ({
  format: report.format,
  dryRun: report.dryRun,
  aborted: report.aborted,
  records: report.records,
  created: report.created,
  changed: report.changed,
  unchanged: report.unchanged,
  skipped: report.skipped,
  refused: report.refused.slice(0, STORED_LIST_LIMIT),
  refusedCount: report.refused.length,
  warnings: report.warnings.slice(0, STORED_LIST_LIMIT),
  actions: report.actions.slice(0, STORED_LIST_LIMIT),
  relinkJob: report.relinkJob,
  sectorsCreated: report.sectorsCreated,
});

/** Another import is queued or running (answered 409). */
export class ImportBusyError extends Error {
  constructor(readonly job: number | null) {
    super(`an import is already ${job === null ? 'queued or running' : `queued or running (job ${job})`}; start this one when it has ended`);
  }
}

/** The run stopped on purpose: the process is stopping, or another process took the lease. */
class Interrupted extends Error {}

const reasonOf = (error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error);
  const cut = message.lastIndexOf(' - ');
  const reason = message.length > 500 && cut >= 0 ? message.slice(cut + 3) : message;
  return reason.slice(0, 500);
};

export const importJobs = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const owner = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let wakeAgain = false;
  let stopped = true;

  const ensureTable = async () => {
    if (await knex().schema.hasTable(TABLE)) return;
    try {
      await knex().schema.createTable(TABLE, (table) => {
        table.increments('id');
        table.string('status', 16).notNullable();
        // 1 while the job is pending or running, else null: unique, so one open import at a time.
        table.integer('active').nullable().unique();
        table.text('file_name').notNullable();
        table.text('stored_path').notNullable();
        table.bigInteger('size').notNullable();
        table.string('format', 8).notNullable();
        table.text('options').notNullable();
        table.string('phase', 16).nullable();
        table.integer('read').notNullable().defaultTo(0);
        table.integer('total').nullable();
        table.integer('cursor').notNullable().defaultTo(0);
        for (const count of ['created', 'changed', 'unchanged', 'skipped', 'refused']) table.integer(count).notNullable().defaultTo(0);
        table.integer('resumed_from').nullable();
        table.integer('attempts').notNullable().defaultTo(0);
        table.text('error').nullable();
        table.integer('relink_job').nullable();
        table.text('report').nullable();
        table.string('lease_owner', 255).nullable();
        table.bigInteger('lease_until').nullable();
        table.integer('created_by').nullable();
        table.bigInteger('created_at').notNullable();
        table.bigInteger('started_at').nullable();
        table.bigInteger('finished_at').nullable();
      });
    } catch (error) {
      // Another process made it in the meantime.
      if (!(await knex().schema.hasTable(TABLE))) throw error;
    }
  };

  const findRow = async (id: number): Promise<Row | null> => {
    const found: unknown = await knex()(TABLE).where({ id }).first();
    return found ? row.parse(found) : null;
  };

  const openJob = async (): Promise<number | null> => {
    const found: unknown = await knex()(TABLE).whereIn('status', ['pending', 'running']).orderBy('id').select('id').first();
    return found ? z.object({ id: num }).parse(found).id : null;
  };

  /** Saves data on the job if this process holds its lease (renewing it); false when it does not. */
  const save = async (id: number, data: Record<string, unknown>): Promise<boolean> => {
    const count = await knex()(TABLE)
      .where({ id, lease_owner: owner })
      .update({ ...data, lease_until: Date.now() + importSettings().leaseMs });
    return Number(count) === 1;
  };

  const removeFile = (file: string) => fs.promises.rm(file, { force: true }).catch(() => undefined);

  const runJob = async (job: Row) => {
    const options = optionsSchema.parse(JSON.parse(job.options));
    const resumed = job.started_at !== null;
    const startedAt = job.started_at ?? Date.now();
    if (!(await save(job.id, { started_at: startedAt, ...(resumed ? { resumed_from: job.cursor } : {}) }))) return;
    let lost = false;
    // The lease is renewed while the run works between two saves (the first pass, the directory read).
    const heartbeat = setInterval(
      () => {
        // A failed renewal (the database briefly away) is tried again at the next beat.
        save(job.id, {}).then(
          (held) => {
            if (!held) lost = true;
          },
          () => undefined
        );
      },
      Math.max(250, Math.floor(importSettings().leaseMs / 3))
    );
    heartbeat.unref();
    const onProgress = async (progress: ImportProgress) => {
      if (stopped || lost) throw new Interrupted(stopped ? 'stopping' : 'lease lost');
      const held = await save(job.id, {
        phase: progress.phase,
        read: progress.read,
        total: progress.total,
        cursor: progress.cursor,
        created: progress.created,
        changed: progress.changed,
        unchanged: progress.unchanged,
        skipped: progress.skipped,
        refused: progress.refused,
      });
      if (!held) {
        lost = true;
        throw new Interrupted('lease lost');
      }
      const { pauseMs } = importSettings();
      if (pauseMs > 0 && progress.phase === 'importing') await new Promise((resolve) => setTimeout(resolve, pauseMs));
    };
    try {
      const report = await directoryImporter({ strapi }).run({
        file: job.stored_path,
        format: job.format,
        publish: options.publish,
        strict: options.strict,
        inactive: options.inactive,
        onProgress,
        ...(resumed
          ? {
              resume: {
                cursor: job.cursor,
                counts: { created: job.created, changed: job.changed, unchanged: job.unchanged, skipped: job.skipped },
                since: new Date(startedAt),
              },
            }
          : {}),
      });
      const view = reportView(report);
      const finished = await save(job.id, {
        status: 'done',
        active: null,
        phase: null,
        read: report.records,
        total: report.records,
        cursor: report.records,
        created: report.created,
        changed: report.changed,
        unchanged: report.unchanged,
        skipped: report.skipped,
        refused: report.refused.length,
        relink_job: report.relinkJob,
        report: JSON.stringify({ ...view, file: undefined }),
        error: report.aborted ? `strict: ${report.refused.length} record(s) refused, nothing written` : null,
        finished_at: Date.now(),
        lease_owner: null,
        lease_until: null,
      });
      if (finished) await removeFile(job.stored_path);
    } finally {
      clearInterval(heartbeat);
    }
  };

  const fail = async (job: Row, error: unknown) => {
    if (error instanceof Interrupted) {
      // Hand the job back at once: the next start (or another process) resumes from the cursor.
      await knex()(TABLE).where({ id: job.id, lease_owner: owner }).update({ lease_owner: null, lease_until: null });
      return;
    }
    const attempts = job.attempts + 1;
    const final = error instanceof MalformedFileError || attempts >= MAX_ATTEMPTS;
    strapi.log.error(`[directory-import] job ${job.id} failed (attempt ${attempts}): ${error instanceof Error ? error.message : String(error)}`);
    await knex()(TABLE)
      .where({ id: job.id, lease_owner: owner })
      .update(
        final
          ? {
              attempts,
              status: 'failed',
              active: null,
              error: error instanceof MalformedFileError ? `malformed file: ${error.message}` : reasonOf(error),
              finished_at: Date.now(),
              lease_owner: null,
              lease_until: null,
            }
          : { attempts, error: reasonOf(error), lease_until: Date.now() + Math.min(importSettings().leaseMs, 5000) }
      )
      .catch(() => undefined);
    if (final) await removeFile(job.stored_path);
  };

  /** Takes the open job whose lease is free or ran out, if any. */
  const claim = async (): Promise<Row | null> => {
    const id = await openJob();
    if (id === null) return null;
    const now = Date.now();
    const count = await knex()(TABLE)
      .where({ id })
      .whereIn('status', ['pending', 'running'])
      .where((free) => {
        void free.whereNull('lease_until').orWhere('lease_until', '<', now);
      })
      .update({ status: 'running', lease_owner: owner, lease_until: now + importSettings().leaseMs });
    return Number(count) === 1 ? findRow(id) : null;
  };

  const drain = async () => {
    while (!stopped) {
      const job = await claim().catch((error: unknown) => {
        strapi.log.warn(`[directory-import] could not look for import jobs: ${reasonOf(error)}`);
        return null;
      });
      if (!job) return;
      try {
        await runJob(job);
      } catch (error) {
        await fail(job, error);
      }
    }
  };

  const wake = () => {
    if (stopped) return;
    if (running) {
      wakeAgain = true;
      return;
    }
    running = (async () => {
      do {
        wakeAgain = false;
        await drain();
      } while (wakeAgain && !stopped);
    })().finally(() => {
      running = null;
    });
  };

  return {
    owner,
    ensureTable,

    /** Queues an import of a stored upload; ImportBusyError while another is open. */
    async enqueue(input: { file: string; fileName: string; size: number; format: ImportFormatName; options: JobOptions; createdBy: number | null }): Promise<ImportJob> {
      const open = await openJob();
      if (open !== null) throw new ImportBusyError(open);
      let id: number;
      try {
        const inserted: unknown[] = await knex()(TABLE)
          .insert({
            status: 'pending' satisfies ImportJobStatus,
            active: 1,
            file_name: input.fileName,
            stored_path: input.file,
            size: input.size,
            format: input.format,
            options: JSON.stringify(input.options),
            created_by: input.createdBy,
            created_at: Date.now(),
          })
          .returning('id');
        const first = inserted[0];
        id = typeof first === 'object' && first !== null ? num.parse((first as { id: unknown }).id) : num.parse(first);
      } catch (error) {
        // The unique `active` column: another request queued one in the meantime.
        const other = await openJob();
        if (other !== null) throw new ImportBusyError(other);
        throw error;
      }
      // Answer with the job as queued, read before the worker can start it.
      const queued = toJob((await findRow(id))!);
      wake();
      return queued;
    },

    async get(id: number): Promise<ImportJob | null> {
      const found = await findRow(id);
      return found ? toJob(found) : null;
    },

    async list(limit: number): Promise<ImportJob[]> {
      const rows: unknown[] = await knex()(TABLE).orderBy('id', 'desc').limit(limit);
      return rows.map((r) => toJob(row.parse(r)));
    },

    start() {
      if (!importSettings().worker || !stopped) return;
      stopped = false;
      timer = setInterval(wake, importSettings().pollMs);
      timer.unref();
      wake();
    },
    wake,

    /** Stops after the current batch; an unfinished job is handed back and resumes later. */
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },

    /** Resolves when no import is open (tests and scripts). */
    async idle(timeoutMs = 60_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if ((await openJob()) === null && !running) return;
        if (Date.now() > deadline) throw new Error(`directory import still open after ${timeoutMs} ms`);
        wake();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
};

export type ImportJobs = ReturnType<typeof importJobs>;
