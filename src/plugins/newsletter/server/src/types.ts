import { z } from 'zod';
import { ARTICLE_EVENT_TYPES, DELIVERY_STATUSES, TEST_EVENT_TYPE, type ArticleEventType, type DeliveryStatus, type EventType } from '../../shared/contracts';

/**
 * A datetime as an ISO string. The query engine hands back ISO strings; the drivers below it give
 * Date objects (PostgreSQL) or epoch milliseconds (SQLite), which are accepted and turned into the same.
 */
export const isoTimestamp = z.union([z.string(), z.date(), z.number()]).transform((value) => (typeof value === 'string' ? value : new Date(value).toISOString()));
/** A boolean column: SQLite drivers give 0 or 1. */
const booleanColumn = z.union([z.boolean(), z.number().transform((value) => value !== 0)]);
const eventType = z.enum([...ARTICLE_EVENT_TYPES, TEST_EVENT_TYPE]);
export const eventTypeColumn = eventType;

/** Rows as the query engine returns them (datetimes as ISO strings), parsed with the schemas below. */
export interface EndpointRow {
  id: number;
  name: string;
  url: string;
  events: unknown;
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: string | null;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: string | null;
  secretHint: string | null;
  secretRotatedAt: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export interface EventRow {
  id: number;
  messageId: string;
  type: EventType;
  articleDocumentId: string | null;
  locale: string | null;
  contentHash: string | null;
  body: string;
  occurredAt: string;
}

export const endpointRow: z.ZodType<EndpointRow> = z.object({
  id: z.number(),
  name: z.string(),
  url: z.string(),
  events: z.unknown(),
  enabled: booleanColumn,
  disabledReason: z.string().nullable(),
  disabledAt: isoTimestamp.nullable(),
  secret: z.string(),
  previousSecret: z.string().nullable(),
  previousSecretExpiresAt: isoTimestamp.nullable(),
  secretHint: z.string().nullable(),
  secretRotatedAt: isoTimestamp.nullable(),
  createdAt: isoTimestamp.nullable(),
  updatedAt: isoTimestamp.nullable(),
});

export interface DeliveryRow {
  id: number;
  messageId: string;
  endpointId: number;
  eventType: EventType;
  articleDocumentId: string | null;
  locale: string | null;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastResponseBody: string | null;
  succeededAt: string | null;
  leaseOwner: string | null;
  leaseUntil: string | null;
  createdAt: string | null;
}

export const deliveryRow: z.ZodType<DeliveryRow> = z.object({
  id: z.number(),
  messageId: z.string(),
  endpointId: z.number(),
  eventType,
  articleDocumentId: z.string().nullable(),
  locale: z.string().nullable(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number(),
  nextAttemptAt: isoTimestamp.nullable(),
  lastAttemptAt: isoTimestamp.nullable(),
  lastStatusCode: z.number().nullable(),
  lastError: z.string().nullable(),
  lastResponseBody: z.string().nullable(),
  succeededAt: isoTimestamp.nullable(),
  leaseOwner: z.string().nullable(),
  leaseUntil: isoTimestamp.nullable(),
  createdAt: isoTimestamp.nullable(),
});

/** What the worker needs to send to an endpoint; secrets still sealed. */
export interface EndpointTarget {
  id: number;
  name: string;
  url: string;
  enabled: boolean;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: string | null;
}

/** One claimed delivery, ready to send: the lease is ours until leaseUntil. */
export interface Job {
  messageId: string;
  endpointId: number;
  eventType: EventType;
  /** Attempts already made before this one. */
  attempts: number;
  leaseOwner: string;
  leaseUntil: number;
  body: string;
  /** Null when the endpoint was deleted meanwhile. */
  endpoint: EndpointTarget | null;
}

export const endpointEvents = (row: Pick<EndpointRow, 'events'>): ArticleEventType[] =>
  Array.isArray(row.events) ? row.events.filter((event): event is ArticleEventType => typeof event === 'string') : [];

export const toTarget = (row: EndpointRow): EndpointTarget => ({
  id: row.id,
  name: row.name,
  url: row.url,
  enabled: row.enabled,
  secret: row.secret,
  previousSecret: row.previousSecret,
  previousSecretExpiresAt: row.previousSecretExpiresAt,
});
