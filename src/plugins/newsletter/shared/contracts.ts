/**
 * The newsletter plugin's admin API contract, shared by the server (validation) and the
 * admin panel (types). zod is the single source: request types are inferred from the
 * schemas that validate them.
 */
import { z } from 'zod';

export const PLUGIN_ID = 'newsletter';

export const ARTICLE_EVENT_TYPES = ['article.published', 'article.updated', 'article.unpublished'] as const;
export type ArticleEventType = (typeof ARTICLE_EVENT_TYPES)[number];
/** Sent by "Send test event"; endpoints always receive it, whatever they subscribe to. */
export const TEST_EVENT_TYPE = 'webhook.test';
export type EventType = ArticleEventType | typeof TEST_EVENT_TYPE;

export const DELIVERY_STATUSES = ['pending', 'delivering', 'succeeded', 'failed', 'disabled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const PERMISSIONS = {
  read: 'plugin::newsletter.read',
  manage: 'plugin::newsletter.manage',
} as const;

/* ------------------------------------------------------------------ payloads */

export interface OrganizationRef {
  name: string;
  acronym: string | null;
  slug: string | null;
  url: string | null;
  /** Nine-character ROR id (https://ror.org/…), when the directory has it. */
  rorId: string | null;
  /** Wikidata item id (Q…), when the directory has it. */
  wikidataId: string | null;
}

/** A sector the article is filed under (sites filter by its slug). */
export interface SectorRef {
  slug: string | null;
  name: string;
  /** The Chinese name, when the sector has one. */
  nameZh: string | null;
}

export interface ArticleEventData {
  documentId: string;
  title: string;
  slug: string | null;
  excerpt: string | null;
  date: string | null;
  url: string | null;
  author: { name: string; slug: string | null } | null;
  organizations: OrganizationRef[];
  sectors: SectorRef[];
  locale: string | null;
}

/** What a receiver gets, in the Standard Webhooks shape { type, timestamp, data }. */
export interface WebhookPayload<TData = ArticleEventData> {
  type: EventType;
  timestamp: string;
  data: TData;
}

/* ------------------------------------------------------------------ requests */

const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

export const endpointFields = {
  name: z.string({ error: 'must be a string' }).trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
  url: z.string({ error: 'must be a string' }).trim().min(1, 'is required').max(2048, 'must be at most 2048 characters').refine(isHttpUrl, 'must be an http:// or https:// URL'),
  events: z
    .array(z.enum(ARTICLE_EVENT_TYPES, { error: `must be one of ${ARTICLE_EVENT_TYPES.join(', ')}` }), { error: 'must be a list of event types' })
    .min(1, 'must list at least one event')
    .refine((events) => new Set(events).size === events.length, 'must not repeat an event'),
  enabled: z.boolean({ error: 'must be true or false' }),
};

export const createEndpointSchema = z.strictObject({
  name: endpointFields.name,
  url: endpointFields.url,
  events: endpointFields.events,
  enabled: endpointFields.enabled.optional(),
});

export const updateEndpointSchema = z
  .strictObject({
    name: endpointFields.name.optional(),
    url: endpointFields.url.optional(),
    events: endpointFields.events.optional(),
    enabled: endpointFields.enabled.optional(),
  })
  .refine((data) => Object.keys(data).length > 0, 'send at least one of name, url, events, enabled');

const positiveInt = (max?: number) => {
  const base = z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1');
  return max ? base.max(max, `must be at most ${max}`) : base;
};

export const listDeliveriesQuerySchema = z.strictObject({
  status: z.enum(DELIVERY_STATUSES, { error: `must be one of ${DELIVERY_STATUSES.join(', ')}` }).optional(),
  endpointId: positiveInt().optional(),
  page: positiveInt().default(1),
  pageSize: positiveInt(100).default(20),
});

// Not strict: the router may add its own params (e.g. "0" for a wildcard).
export const idParamSchema = z.object({ id: positiveInt() });

/* ------------------------------------------------------------------ responses */

export interface Endpoint {
  id: number;
  name: string;
  url: string;
  events: ArticleEventType[];
  enabled: boolean;
  /** Why the endpoint was disabled (a 410 from the receiver, or by hand), or null. */
  disabledReason: string | null;
  disabledAt: string | null;
  /** The secret, masked: "whsec_…" and its last four characters. */
  secretHint: string;
  secretRotatedAt: string | null;
  /** While set and in the future, deliveries are signed with the previous secret too. */
  previousSecretExpiresAt: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export interface DeliverySummary {
  id: number;
  endpointId: number;
  endpointName: string | null;
  eventType: EventType;
  /** The webhook-id header: the same on every attempt. */
  messageId: string;
  documentId: string | null;
  locale: string | null;
  status: DeliveryStatus;
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  succeededAt: string | null;
  createdAt: string | null;
}

export interface DeliveryDetail extends DeliverySummary {
  payload: unknown;
  lastResponseBody: string | null;
}

export interface Pagination {
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
}

export namespace ListEndpoints {
  export interface Response {
    data: Endpoint[];
  }
}

export namespace GetEndpoint {
  export interface Response {
    data: Endpoint;
  }
}

export namespace CreateEndpoint {
  export type Request = { body: z.input<typeof createEndpointSchema> };
  /** The only response, with RotateSecret's, that ever contains the secret. */
  export interface Response {
    data: Endpoint & { secret: string };
  }
}

export namespace UpdateEndpoint {
  export type Request = { body: z.input<typeof updateEndpointSchema> };
  export interface Response {
    data: Endpoint;
  }
}

export namespace DeleteEndpoint {
  export interface Response {
    data: { id: number };
  }
}

export namespace RotateSecret {
  export interface Response {
    data: Endpoint & { secret: string };
  }
}

export namespace SendTestEvent {
  export interface Response {
    data: DeliverySummary;
  }
}

export namespace ListDeliveries {
  export type Query = z.input<typeof listDeliveriesQuerySchema>;
  export interface Response {
    data: DeliverySummary[];
    pagination: Pagination;
  }
}

export namespace GetDelivery {
  export interface Response {
    data: DeliveryDetail;
  }
}

export namespace ReplayDelivery {
  export interface Response {
    data: DeliverySummary;
  }
}
