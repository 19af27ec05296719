import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import type { ArticleChange } from '../../../shared/contracts';
import type { PluginConfig } from '../config';
import { JOB_UID, PLUGIN_ID } from '../constants';
import { getService } from '../utils/get-service';
import { addToTotals, isReported, type JobRow } from './jobs';

/** Longest reason kept on a job (shown in the admin). */
const MAX_REASON = 500;

/**
 * The reason an admin can read: knex prefixes the database's error with the whole SQL
 * ("select … - no such table: x"), which for a large directory is kilobytes of names.
 */
export const reasonOf = (message: string): string => {
  const cut = message.lastIndexOf(' - ');
  const reason = message.length > MAX_REASON && cut >= 0 ? message.slice(cut + 3) : message;
  return reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON - 1)}…` : reason;
};

/** After this many failed attempts a job is marked failed instead of retried. */
const MAX_ATTEMPTS = 5;

/**
 * The background relinker inside each Strapi process. A job is claimed with a lease that
 * only one process can win (a conditional UPDATE); progress and the cursor are saved after
 * every batch, so a job survives a restart and is taken over when its process dies.
 */
const workerService = ({ strapi }: { strapi: Core.Strapi }) => {
  const owner = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let wakeAgain = false;
  let stopped = true;

  const config = () => strapi.config.get<PluginConfig>(`plugin::${PLUGIN_ID}`).worker;
  const leaseUntil = () => new Date(Date.now() + config().leaseMs);

  /** Takes the oldest unfinished job whose lease is free or expired. */
  const claim = async (): Promise<JobRow | null> => {
    const now = new Date();
    const claimable = { status: { $in: ['pending', 'running'] }, $or: [{ leaseUntil: { $null: true } }, { leaseUntil: { $lt: now } }] };
    const candidates = z
      .array(z.object({ id: z.coerce.number() }))
      .parse(await strapi.db.query(JOB_UID).findMany({ where: claimable, orderBy: { id: 'asc' }, limit: 5, select: ['id'] }));
    for (const candidate of candidates) {
      const { count } = await strapi.db.query(JOB_UID).updateMany({
        where: { id: candidate.id, ...claimable },
        data: { status: 'running', leaseOwner: owner, leaseUntil: leaseUntil() },
      });
      if (count === 1) return getService(strapi, 'jobs').findRow(candidate.id);
    }
    return null;
  };

  /** Saves progress if this process still holds the lease; false means another took over. */
  const saveProgress = async (job: JobRow, data: Record<string, unknown>): Promise<boolean> => {
    const { count } = await strapi.db.query(JOB_UID).updateMany({ where: { id: job.id, leaseOwner: owner }, data: { ...data, leaseUntil: leaseUntil() } });
    return count === 1;
  };

  const runJob = async (job: JobRow): Promise<void> => {
    const jobs = getService(strapi, 'jobs');
    const relink = getService(strapi, 'relink');
    let state = {
      total: job.total ?? (await jobs.countCandidates(job)),
      processed: job.processed ?? 0,
      changed: job.changed ?? 0,
      totals: job.totals ?? { articles: 0, added: 0, updated: 0, removed: 0 },
      changes: job.changes ?? ([] as ArticleChange[]),
      cursor: job.cursor,
      startedAt: job.startedAt ?? new Date(),
    };
    if (!(await saveProgress(job, state))) return;
    while (!stopped) {
      const batch = await jobs.nextBatch({ ...job, cursor: state.cursor }, config().batchSize);
      if (!batch) {
        await saveProgress(job, { ...state, status: 'done', finishedAt: new Date(), leaseOwner: null, error: null });
        return;
      }
      // One transaction per batch: the rows are read in one query and written set-based.
      const reported = (await relink.relinkRows(batch.uid, batch.ids, { apply: true, minDirectoryVersion: job.directoryVersion ?? 0 })).filter(isReported);
      state = {
        ...state,
        changed: state.changed + reported.length,
        totals: reported.reduce(addToTotals, state.totals),
        changes: [...state.changes, ...reported.slice(0, Math.max(0, jobs.MAX_RECORDED_CHANGES - state.changes.length))],
      };
      state = { ...state, processed: state.processed + batch.ids.length, cursor: batch.cursor, total: Math.max(state.total, state.processed + batch.ids.length) };
      if (!(await saveProgress(job, state))) return;
      if (config().pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, config().pauseMs));
    }
    // Stopping: hand the job back at once so the next start resumes from the saved cursor.
    await strapi.db.query(JOB_UID).updateMany({ where: { id: job.id, leaseOwner: owner }, data: { leaseOwner: null, leaseUntil: null } });
  };

  const fail = async (job: JobRow, error: unknown) => {
    const attempts = (job.attempts ?? 0) + 1;
    const full = error instanceof Error ? error.message : String(error);
    strapi.log.error(`[org-linker] relink job ${job.id} failed (attempt ${attempts}): ${full}`);
    const message = reasonOf(full);
    await strapi.db
      .query(JOB_UID)
      .updateMany({
        where: { id: job.id, leaseOwner: owner },
        data:
          attempts >= MAX_ATTEMPTS
            ? { attempts, status: 'failed', error: message, finishedAt: new Date(), leaseOwner: null }
            : // Retry after a pause (e.g. the database was restarting).
              { attempts, error: message, leaseUntil: new Date(Date.now() + Math.min(config().leaseMs, 5000)) },
      })
      .catch(() => undefined);
  };

  const drain = async () => {
    while (!stopped) {
      const job = await claim().catch((error: unknown) => {
        strapi.log.warn(`[org-linker] could not look for relink jobs: ${error instanceof Error ? error.message : String(error)}`);
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
    start() {
      if (!config().enabled || !stopped) return;
      stopped = false;
      timer = setInterval(wake, config().pollIntervalMs);
      timer.unref();
      wake();
    },
    wake,
    /** Finishes the current batch and saves progress; unfinished jobs resume later. */
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
    /** Resolves when no job is queued or running (used by tests and scripts). */
    async idle(timeoutMs = 30_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const open = await strapi.db.query(JOB_UID).count({ where: { status: { $in: ['pending', 'running'] } } });
        if (open === 0 && !running) return;
        if (Date.now() > deadline) throw new Error(`relink jobs still open after ${timeoutMs} ms`);
        wake();
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
  };
};

export type WorkerService = ReturnType<typeof workerService>;
export default workerService;
