import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import type { DeliveryDetail, DeliverySummary, listDeliveriesQuerySchema, Pagination } from '../../../shared/contracts';
import { DELIVERY_UID, EVENT_UID } from '../constants';
import { deliveryRow, toTarget, type DeliveryRow, type EndpointRow, type Job } from '../types';
import { fieldValidationError } from '../utils/errors';
import type { AttemptRecord } from '../utils/outcome';
import { getService } from '../utils';
import { newLeaseToken } from './outbox';

type ListQuery = z.output<typeof listDeliveriesQuerySchema>;

const REPLAYABLE = new Set(['failed', 'disabled', 'succeeded']);

const deliveryRows = z.array(deliveryRow);
const eventBodyRow = z.object({ messageId: z.string(), body: z.string() });
const idRows = z.array(z.object({ id: z.number() }));

/** Due: waiting (or in flight) with no live lease, its time come. Leases of dead processes expire into this. */
const dueWhere = (now: Date) => ({
  status: { $in: ['pending', 'delivering'] },
  nextAttemptAt: { $lte: now },
  $or: [{ leaseUntil: { $null: true } }, { leaseUntil: { $lt: now } }],
});

/** One delivery, held under one lease: the lease owner is part of every write the worker makes. */
const held = (job: Pick<Job, 'messageId' | 'endpointId' | 'leaseOwner'>) => ({
  messageId: job.messageId,
  endpointId: job.endpointId,
  leaseOwner: job.leaseOwner,
});

const createDeliveriesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => getService(strapi, 'settings').get();
  const deliveries = () => strapi.db.query(DELIVERY_UID);

  const summarize = (row: DeliveryRow, names: Map<number, EndpointRow>): DeliverySummary => ({
    id: row.id,
    endpointId: row.endpointId,
    endpointName: names.get(row.endpointId)?.name ?? null,
    eventType: row.eventType,
    messageId: row.messageId,
    documentId: row.articleDocumentId ?? null,
    locale: row.locale ?? null,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: settings().maxAttempts,
    nextAttemptAt: row.status === 'pending' || row.status === 'delivering' ? (row.nextAttemptAt ?? null) : null,
    lastAttemptAt: row.lastAttemptAt ?? null,
    lastStatusCode: row.lastStatusCode ?? null,
    lastError: row.lastError ?? null,
    succeededAt: row.succeededAt ?? null,
    createdAt: row.createdAt ?? null,
  });

  const find = async (id: number): Promise<DeliveryRow> => {
    const row = deliveryRow.nullable().parse(await deliveries().findOne({ where: { id } }));
    if (!row) throw new errors.NotFoundError(`delivery ${id} does not exist`);
    return row;
  };

  /** Rows + their event bodies + their endpoints → jobs (three queries whatever the count). */
  const toJobs = async (rows: DeliveryRow[]): Promise<Job[]> => {
    if (rows.length === 0) return [];
    const events = z
      .array(eventBodyRow)
      .parse(await strapi.db.query(EVENT_UID).findMany({ where: { messageId: { $in: [...new Set(rows.map((row) => row.messageId))] } }, select: ['messageId', 'body'] }));
    const bodies = new Map(events.map((event) => [event.messageId, event.body]));
    const endpoints = await getService(strapi, 'endpoints').targets(rows.map((row) => row.endpointId));
    return rows.flatMap((row) => {
      const body = bodies.get(row.messageId);
      if (body === undefined || !row.leaseOwner || !row.leaseUntil) return [];
      const endpoint = endpoints.get(row.endpointId);
      return [
        {
          messageId: row.messageId,
          endpointId: row.endpointId,
          eventType: row.eventType,
          attempts: row.attempts,
          leaseOwner: row.leaseOwner,
          leaseUntil: Date.parse(row.leaseUntil),
          body,
          endpoint: endpoint ? toTarget(endpoint) : null,
        },
      ];
    });
  };

  return {
    /**
     * Claims up to `limit` due deliveries for this process. The conditional UPDATE repeats
     * the due condition, so when two processes race for a row only one matches it (on
     * PostgreSQL the loser waits for the row lock, re-reads the row and no longer matches;
     * SQLite serialises writers). Each claim has its own lease token, read back after.
     */
    async claimDue(limit: number): Promise<{ jobs: Job[]; more: boolean }> {
      if (limit <= 0) return { jobs: [], more: true };
      const now = new Date();
      const candidates = idRows.parse(
        await deliveries().findMany({
          where: dueWhere(now),
          select: ['id'],
          orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }],
          limit,
        })
      );
      if (candidates.length === 0) return { jobs: [], more: false };
      const token = newLeaseToken();
      const { count } = await deliveries().updateMany({
        where: { $and: [{ id: { $in: candidates.map((candidate) => candidate.id) } }, dueWhere(now)] },
        data: { status: 'delivering', leaseOwner: token, leaseUntil: new Date(now.getTime() + settings().leaseMs) },
      });
      // More may be due when the page was full, or another process won some of these rows.
      const more = candidates.length === limit || count < candidates.length;
      if (count === 0) return { jobs: [], more };
      const rows = deliveryRows.parse(await deliveries().findMany({ where: { leaseOwner: token } }));
      return { jobs: await toJobs(rows), more };
    },

    /** Deliveries waiting to be sent now or being sent, by any process (0: the outbox is drained). */
    async countDue(): Promise<number> {
      return deliveries().count({ where: { status: { $in: ['pending', 'delivering'] }, $or: [{ nextAttemptAt: { $null: true } }, { nextAttemptAt: { $lte: new Date() } }] } });
    },

    /** Lengthens a lease we still hold; false when it was lost (expired and taken over). */
    async extendLease(job: Job): Promise<number | null> {
      const now = Date.now();
      const leaseUntil = now + settings().leaseMs;
      const { count } = await deliveries().updateMany({
        where: { ...held(job), leaseUntil: { $gt: new Date(now) } },
        data: { leaseUntil: new Date(leaseUntil) },
      });
      return count === 1 ? leaseUntil : null;
    },

    /**
     * Counts an attempt before its request is sent, so that the log counts every request that
     * may have reached the receiver, even when the process dies before the answer is stored.
     * False when the lease was lost (then nothing is sent).
     */
    async beginAttempt(job: Job): Promise<boolean> {
      const now = new Date();
      const { count } = await deliveries().updateMany({
        where: { ...held(job), leaseUntil: { $gt: now } },
        data: { attempts: job.attempts + 1, lastAttemptAt: now },
      });
      return count === 1;
    },

    /** Stores an attempt's result; false when the lease was lost meanwhile. */
    async record(job: Job, attempt: AttemptRecord): Promise<boolean> {
      const { count } = await deliveries().updateMany({ where: held(job), data: attempt });
      return count === 1;
    },

    /** Marks a delivery whose endpoint is gone or disabled without sending it. */
    async park(job: Job, reason: string): Promise<void> {
      await deliveries().updateMany({
        where: held(job),
        data: { status: 'disabled', lastError: reason, nextAttemptAt: null, leaseOwner: null, leaseUntil: null },
      });
    },

    /** Gives back leases of jobs never started (shutdown), so another process can take them at once. */
    async release(jobs: Job[]): Promise<void> {
      if (jobs.length === 0) return;
      await deliveries().updateMany({
        where: { $or: jobs.map(held) },
        data: { status: 'pending', leaseOwner: null, leaseUntil: null },
      });
    },

    async list(query: ListQuery): Promise<{ data: DeliverySummary[]; pagination: Pagination }> {
      const where: Record<string, unknown> = {};
      if (query.status) where.status = query.status;
      if (query.endpointId) where.endpointId = query.endpointId;
      const { results, pagination } = await deliveries().findPage({ where, orderBy: { id: 'desc' }, page: query.page, pageSize: query.pageSize });
      const rows = deliveryRows.parse(results);
      const names = await getService(strapi, 'endpoints').targets(rows.map((row) => row.endpointId));
      return { data: rows.map((row) => summarize(row, names)), pagination };
    },

    async get(id: number): Promise<DeliveryDetail> {
      const row = await find(id);
      const event = eventBodyRow
        .pick({ body: true })
        .nullable()
        .parse(await strapi.db.query(EVENT_UID).findOne({ where: { messageId: row.messageId }, select: ['body'] }));
      const names = await getService(strapi, 'endpoints').targets([row.endpointId]);
      let payload: unknown = null;
      try {
        payload = event ? JSON.parse(event.body) : null;
      } catch {
        payload = event?.body ?? null;
      }
      return { ...summarize(row, names), payload, lastResponseBody: row.lastResponseBody ?? null };
    },

    /**
     * Sends a finished delivery again from a fresh schedule, with the same webhook-id (it is
     * the same message: a receiver that already processed it can recognise it).
     */
    async replay(id: number): Promise<DeliverySummary> {
      const row = await find(id);
      if (!REPLAYABLE.has(row.status)) {
        throw fieldValidationError([{ path: ['status'], message: `a ${row.status} delivery is already on its way; only failed, disabled or succeeded ones can be replayed` }]);
      }
      const endpoints = await getService(strapi, 'endpoints').targets([row.endpointId]);
      const endpoint = endpoints.get(row.endpointId);
      if (!endpoint) throw fieldValidationError([{ path: ['endpointId'], message: `endpoint ${row.endpointId} no longer exists` }]);
      if (!endpoint.enabled) throw fieldValidationError([{ path: ['endpointId'], message: `endpoint "${endpoint.name}" is disabled; enable it before replaying` }]);
      const { count } = await deliveries().updateMany({
        where: { id, status: row.status },
        data: { status: 'pending', attempts: 0, nextAttemptAt: new Date(), leaseOwner: null, leaseUntil: null, succeededAt: null },
      });
      if (count === 0) throw fieldValidationError([{ path: ['status'], message: 'the delivery changed meanwhile; reload and try again' }]);
      // Answer with the state the replay wrote, read before the worker can move it on.
      const replayed = summarize(await find(id), endpoints);
      getService(strapi, 'worker').wake();
      return replayed;
    },

    async summaryOf(messageId: string, endpointId: number): Promise<DeliverySummary> {
      const row = deliveryRow.nullable().parse(await deliveries().findOne({ where: { messageId, endpointId } }));
      if (!row) throw new errors.NotFoundError(`no delivery of ${messageId} to endpoint ${endpointId}`);
      const endpoints = await getService(strapi, 'endpoints').targets([endpointId]);
      return summarize(row, endpoints);
    },
  };
};

export type DeliveriesService = ReturnType<typeof createDeliveriesService>;
export default createDeliveriesService;
