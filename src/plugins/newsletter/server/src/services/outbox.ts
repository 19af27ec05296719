import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { TEST_EVENT_TYPE, type ArticleEventType, type EventType } from '../../../shared/contracts';
import { ARTICLE_UID, DELIVERY_UID, EVENT_UID } from '../constants';
import { endpointEvents, eventTypeColumn, toTarget, type EndpointRow, type Job } from '../types';
import { articleEventData, articleRow, buildPayload, contentHash, type ArticleRow } from '../utils/payload';
import { newMessageId } from '../utils/signing';
import { getService } from '../utils';

/** A published version that appeared (publish) or disappeared (unpublish, delete). */
export interface ArticleChange {
  kind: 'publish' | 'unpublish';
  row: ArticleRow;
}

interface NewEvent {
  messageId: string;
  type: EventType;
  articleDocumentId: string | null;
  locale: string | null;
  contentHash: string | null;
  body: string;
  occurredAt: Date;
}

/** Earlier article events of the documents being changed. */
const historyRows = z.array(z.object({ type: eventTypeColumn, articleDocumentId: z.string(), locale: z.string().nullable(), contentHash: z.string().nullable() }));

/** Everything a payload or a fingerprint needs, read in one go. */
const ARTICLE_READ = {
  select: ['id', 'documentId', 'locale', 'title', 'slug', 'excerpt', 'date', 'body'],
  populate: {
    sectors: { select: ['slug', 'name', 'nameZh'] },
    author: { select: ['documentId', 'name', 'slug'] },
    mentionedOrganizations: { select: ['documentId', 'name', 'acronym', 'slug', 'rorId', 'wikidataId'] },
    cover: { select: ['id'] },
  },
};

// Identifies this process in lease owners: host, pid and a random part (pids are reused).
const PROCESS_ID = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
let leaseSequence = 0;
/** A lease owner token unique to one claim or one transaction. */
export const newLeaseToken = (): string => `${PROCESS_ID}:${(leaseSequence += 1)}`;

const key = (documentId: string | null, locale: string | null) => `${documentId ?? ''}\u0000${locale ?? ''}`;

/**
 * Writes events and their deliveries. Called inside the publish's transaction: they commit
 * or roll back with it. Deliveries are inserted already leased to this process, which sends
 * them as soon as the transaction commits; if this process dies first, the lease expires
 * and any process resumes them.
 */
const createOutboxService = ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => getService(strapi, 'settings').get();

  /** Inserts events and one delivery per (event, subscribed endpoint): two statements. */
  const write = async (events: NewEvent[], endpointsFor: (event: NewEvent) => EndpointRow[]): Promise<Job[]> => {
    if (events.length === 0) return [];
    await strapi.db.query(EVENT_UID).createMany({ data: events });
    // Without a worker here, deliveries are left unleased for the worker of another process.
    const { workerEnabled, leaseMs } = settings();
    const token = newLeaseToken();
    const now = Date.now();
    const leaseUntil = now + leaseMs;
    const jobs: Job[] = events.flatMap((event) =>
      endpointsFor(event).map((endpoint) => ({
        messageId: event.messageId,
        endpointId: endpoint.id,
        eventType: event.type,
        attempts: 0,
        leaseOwner: token,
        leaseUntil,
        body: event.body,
        endpoint: toTarget(endpoint),
      }))
    );
    if (jobs.length === 0) return [];
    const byMessage = new Map(events.map((event) => [event.messageId, event]));
    await strapi.db.query(DELIVERY_UID).createMany({
      data: jobs.map((job) => ({
        messageId: job.messageId,
        endpointId: job.endpointId,
        eventType: job.eventType,
        articleDocumentId: byMessage.get(job.messageId)?.articleDocumentId ?? null,
        locale: byMessage.get(job.messageId)?.locale ?? null,
        status: workerEnabled ? 'delivering' : 'pending',
        attempts: 0,
        nextAttemptAt: new Date(now),
        leaseOwner: workerEnabled ? token : null,
        leaseUntil: workerEnabled ? new Date(leaseUntil) : null,
      })),
    });
    return workerEnabled ? jobs : [];
  };

  return {
    /** Published versions with what the payload needs; `where` selects the rows. */
    async readArticles(where: Record<string, unknown>): Promise<ArticleRow[]> {
      return z.array(articleRow).parse(await strapi.db.query(ARTICLE_UID).findMany({ where: { ...where, publishedAt: { $notNull: true } }, ...ARTICLE_READ }));
    },

    /**
     * Decides the event of each change and records it. A first publish (no earlier
     * article.published for that document and locale) is article.published; a publish
     * whose content differs from the last announced one, or that follows an unpublish, is
     * article.updated; an identical re-publish announces nothing. Removing a published
     * version is article.unpublished.
     */
    async recordArticleChanges(changes: ArticleChange[]): Promise<Job[]> {
      if (changes.length === 0) return [];
      const documentIds = [...new Set(changes.map((change) => change.row.documentId))];
      const history = historyRows.parse(
        await strapi.db.query(EVENT_UID).findMany({
          where: { articleDocumentId: { $in: documentIds } },
          select: ['type', 'articleDocumentId', 'locale', 'contentHash'],
          orderBy: { id: 'asc' },
        })
      );
      const published = new Set<string>();
      const last = new Map<string, { type: EventType; contentHash: string | null }>();
      for (const event of history) {
        const id = key(event.articleDocumentId, event.locale);
        if (event.type === 'article.published') published.add(id);
        last.set(id, event);
      }

      const occurredAt = new Date();
      const urls = settings();
      const events: NewEvent[] = [];
      for (const { kind, row } of changes) {
        const id = key(row.documentId, row.locale);
        const hash = contentHash(row);
        let type: ArticleEventType | null;
        if (kind === 'unpublish') type = 'article.unpublished';
        else if (!published.has(id)) type = 'article.published';
        else if (last.get(id)?.type === 'article.unpublished' || last.get(id)?.contentHash !== hash) type = 'article.updated';
        else type = null;
        if (!type) continue;
        const messageId = newMessageId();
        events.push({
          messageId,
          type,
          articleDocumentId: row.documentId,
          locale: row.locale,
          contentHash: hash,
          body: JSON.stringify(buildPayload(type, occurredAt, articleEventData(row, urls))),
          occurredAt,
        });
        // Two changes of one version in one call (rare) must see each other.
        if (type === 'article.published') published.add(id);
        last.set(id, { type, contentHash: hash });
      }
      if (events.length === 0) return [];
      const endpoints = await getService(strapi, 'endpoints').subscribedTo([...new Set(events.map((event) => event.type as ArticleEventType))]);
      return write(events, (event) => endpoints.filter((endpoint) => endpointEvents(endpoint).includes(event.type as ArticleEventType)));
    },

    /** A webhook.test message for one endpoint, through the same durable path. */
    async recordTestEvent(endpoint: EndpointRow): Promise<{ messageId: string; jobs: Job[] }> {
      const occurredAt = new Date();
      const messageId = newMessageId();
      const data = { endpointId: endpoint.id, endpointName: endpoint.name, message: 'Test event from Newsroom: signatures and delivery work.' };
      const event: NewEvent = {
        messageId,
        type: TEST_EVENT_TYPE,
        articleDocumentId: null,
        locale: null,
        contentHash: null,
        body: JSON.stringify(buildPayload(TEST_EVENT_TYPE, occurredAt, data)),
        occurredAt,
      };
      return { messageId, jobs: await write([event], () => [endpoint]) };
    },
  };
};

export type OutboxService = ReturnType<typeof createOutboxService>;
export default createOutboxService;
