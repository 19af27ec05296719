import type { ArticleEventType, DeliveryStatus, EventType } from '../../shared/contracts';

/** Rows as the query engine returns them (datetimes as ISO strings). */
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
