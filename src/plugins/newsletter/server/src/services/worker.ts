import type { Core } from '@strapi/strapi';
import type { Job } from '../types';
import { createHttpClient, type HttpClient, type HttpResult } from '../utils/http-client';
import { classifyResult, recordAttempt } from '../utils/outcome';
import { signatureHeader } from '../utils/signing';
import { getService } from '../utils';

/** A lease must outlive the attempt by at least this much, or it is extended first. */
const LEASE_MARGIN_MS = 2_000;

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The in-process delivery worker. Deliveries reach it two ways: straight from a committed
 * publish (already leased to this process), and by polling for due ones (retries, and
 * anything a crashed or stopped process left behind once its lease expired). It sends at
 * most maxConcurrency at once and maxConcurrencyPerEndpoint per endpoint.
 */
const createWorkerService = ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => getService(strapi, 'settings').get();
  const store = () => getService(strapi, 'deliveries');
  const endpoints = () => getService(strapi, 'endpoints');

  let running = false;
  let http: HttpClient | undefined;
  const queues = new Map<number, Job[]>();
  const active = new Map<number, number>();
  let activeTotal = 0;
  let queuedTotal = 0;
  const inflight = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Infinity;
  let ticking = false;
  let tickAgain = false;
  let backlog = false;

  /** Runs a tick at `at` unless one is already due sooner. */
  const scheduleAt = (at: number) => {
    if (!running || at >= timerAt) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(
      () => {
        timer = undefined;
        timerAt = Infinity;
        void tick();
      },
      Math.max(0, at - Date.now())
    );
    timer.unref();
  };

  const enqueue = (jobs: Job[]) => {
    for (const job of jobs) {
      const queue = queues.get(job.endpointId) ?? [];
      queue.push(job);
      queues.set(job.endpointId, queue);
      queuedTotal += 1;
    }
    pump();
  };

  const takeQueued = (filter: (job: Job) => boolean = () => true): Job[] => {
    const taken: Job[] = [];
    for (const [endpointId, queue] of queues) {
      const keep = queue.filter((job) => !filter(job));
      taken.push(...queue.filter(filter));
      if (keep.length > 0) queues.set(endpointId, keep);
      else queues.delete(endpointId);
    }
    queuedTotal -= taken.length;
    return taken;
  };

  /** Starts queued jobs while there is room, round-robin over endpoints. */
  const pump = () => {
    const { maxConcurrency, maxConcurrencyPerEndpoint } = settings();
    let started = true;
    while (running && started && activeTotal < maxConcurrency) {
      started = false;
      for (const [endpointId, queue] of queues) {
        if (activeTotal >= maxConcurrency) break;
        if ((active.get(endpointId) ?? 0) >= maxConcurrencyPerEndpoint) continue;
        const job = queue.shift();
        if (!job) continue;
        if (queue.length === 0) queues.delete(endpointId);
        queuedTotal -= 1;
        active.set(endpointId, (active.get(endpointId) ?? 0) + 1);
        activeTotal += 1;
        started = true;
        const run = attempt(job).finally(() => {
          inflight.delete(run);
          active.set(endpointId, (active.get(endpointId) ?? 1) - 1);
          activeTotal -= 1;
          pump();
          if (backlog) scheduleAt(Date.now());
        });
        inflight.add(run);
      }
    }
  };

  const send = async (job: Job & { endpoint: NonNullable<Job['endpoint']> }, client: HttpClient): Promise<HttpResult> => {
    let secrets: string[];
    try {
      secrets = endpoints().signingSecrets(job.endpoint);
    } catch (error) {
      return { error: errorText(error), durationMs: 0 };
    }
    const timestamp = Math.floor(Date.now() / 1000);
    return client.post(
      job.endpoint.url,
      {
        'webhook-id': job.messageId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signatureHeader(secrets, job.messageId, timestamp, job.body),
      },
      job.body
    );
  };

  /** One attempt of one delivery, recorded under its lease. Never throws. */
  const attempt = async (job: Job): Promise<void> => {
    const label = `${job.messageId} → endpoint ${job.endpointId}`;
    try {
      const client = http;
      if (!client) return;
      const { endpoint } = job;
      if (!endpoint || !endpoint.enabled) {
        await store().park(job, endpoint ? 'endpoint is disabled' : 'endpoint was deleted');
        return;
      }
      if (job.leaseUntil - Date.now() < settings().timeoutMs + LEASE_MARGIN_MS) {
        const leaseUntil = await store().extendLease(job);
        if (leaseUntil === null) {
          strapi.log.debug(`[newsletter] ${label}: lease lost before sending; another process has it`);
          return;
        }
        job.leaseUntil = leaseUntil;
      }
      if (!(await store().beginAttempt(job))) {
        strapi.log.debug(`[newsletter] ${label}: lease lost before sending; another process has it`);
        return;
      }
      // recordAttempt below counts this same attempt (attemptsBefore + 1): stored once, counted once.
      const result = await send({ ...job, endpoint }, client);
      const now = Date.now();
      const outcome = classifyResult(result, now);
      const record = recordAttempt(outcome, { attemptsBefore: job.attempts, schedule: settings().retrySchedule, now, responseBody: result.body });
      const kept = await store().record(job, record);
      if (!kept) strapi.log.warn(`[newsletter] ${label}: the delivery changed during the attempt (lease expired, or endpoint deleted); its result was not recorded`);

      if (outcome.kind === 'gone') {
        await endpoints().disable(job.endpointId, `receiver answered 410 Gone at ${new Date(now).toISOString()}`);
        // Jobs for that endpoint already waiting here are not sent either.
        const parked = takeQueued((queued) => queued.endpointId === job.endpointId);
        await Promise.all(parked.map((queued) => store().park(queued, 'endpoint disabled (410 Gone)')));
        strapi.log.warn(`[newsletter] endpoint ${job.endpointId} ("${endpoint.name}") answered 410 Gone and was disabled`);
      } else if (record.status === 'pending' && record.nextAttemptAt) {
        scheduleAt(record.nextAttemptAt.getTime());
        strapi.log.debug(`[newsletter] ${label}: attempt ${record.attempts} failed (${record.lastError}); next at ${record.nextAttemptAt.toISOString()}`);
      } else if (record.status === 'failed') {
        strapi.log.warn(`[newsletter] ${label}: failed after ${record.attempts} attempts (${record.lastError}); replay it from the delivery log`);
      }
    } catch (error) {
      // The lease runs out and the delivery is resumed; nothing else to do here.
      strapi.log.error(`[newsletter] ${label}: ${errorText(error)}`);
    }
  };

  const tick = async (): Promise<void> => {
    if (!running) return;
    if (ticking) {
      tickAgain = true;
      return;
    }
    ticking = true;
    try {
      const room = settings().maxConcurrency * 2 - activeTotal - queuedTotal;
      backlog = room <= 0;
      if (room > 0) {
        const { jobs, more } = await store().claimDue(room);
        backlog = more;
        enqueue(jobs);
      }
    } catch (error) {
      strapi.log.error(`[newsletter] could not claim deliveries: ${errorText(error)}`);
    } finally {
      ticking = false;
    }
    if (tickAgain || (backlog && activeTotal < settings().maxConcurrency)) {
      tickAgain = false;
      scheduleAt(Date.now());
    }
    scheduleAt(Date.now() + settings().pollIntervalMs);
  };

  return {
    /** Starts polling; the first tick resumes whatever is due or abandoned. */
    start() {
      if (running || !settings().workerEnabled) return;
      const { allowList, timeoutMs, maxConcurrencyPerEndpoint } = settings();
      http = createHttpClient({ allowList, timeoutMs, maxSocketsPerHost: maxConcurrencyPerEndpoint });
      running = true;
      scheduleAt(Date.now());
    },

    /** Stops claiming, hands back what was not started, waits for attempts in flight. */
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      timerAt = Infinity;
      const waiting = takeQueued();
      try {
        await store().release(waiting);
      } catch (error) {
        strapi.log.warn(`[newsletter] could not release ${waiting.length} leases (they expire on their own): ${errorText(error)}`);
      }
      await Promise.allSettled([...inflight]);
      http?.destroy();
      http = undefined;
    },

    /** Jobs leased to this process by a committed transaction: send them now. */
    dispatch(jobs: Job[]) {
      if (jobs.length === 0) return;
      if (!running) {
        // Not sending here: give them back so that any process may (their lease would expire anyway).
        store()
          .release(jobs)
          .catch((error: unknown) => strapi.log.warn(`[newsletter] could not release leases: ${errorText(error)}`));
        return;
      }
      enqueue(jobs);
    },

    /** Polls now (after a replay, or when more work may be due). */
    wake() {
      scheduleAt(Date.now());
    },

    isRunning: () => running,

    /**
     * Resolves once nothing is due in the outbox and this worker has nothing queued, in flight
     * or being claimed: whatever a publish would send has been sent (tests and scripts wait on
     * it before asserting that nothing more arrives). Retries scheduled later are not waited for.
     */
    async idle(timeoutMs = 30_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      const busy = () => activeTotal > 0 || queuedTotal > 0 || ticking;
      for (;;) {
        // Checked again after the count: a commit may hand this worker deliveries meanwhile.
        if (!busy() && (await store().countDue()) === 0 && !busy()) return;
        if (Date.now() > deadline) throw new Error(`[newsletter] worker still busy after ${timeoutMs} ms (${activeTotal} in flight, ${queuedTotal} queued)`);
        scheduleAt(Date.now());
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
};

export type WorkerService = ReturnType<typeof createWorkerService>;
export default createWorkerService;
