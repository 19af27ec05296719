import { DELIVERY_STATUSES } from '../../../../shared/contracts';
import { hidden } from '../hidden';

/**
 * One delivery per endpoint per event. Plain integer/string references (not Strapi
 * relations) so that an event's deliveries are inserted with a single statement.
 */
export default {
  kind: 'collectionType',
  collectionName: 'newsletter_deliveries',
  info: { singularName: 'delivery', pluralName: 'deliveries', displayName: 'Newsletter delivery' },
  options: { draftAndPublish: false },
  pluginOptions: hidden,
  attributes: {
    messageId: { type: 'string', required: true },
    endpointId: { type: 'integer', required: true },
    eventType: { type: 'string', required: true },
    articleDocumentId: { type: 'string' },
    locale: { type: 'string' },
    status: { type: 'enumeration', enum: [...DELIVERY_STATUSES], required: true, default: 'pending' },
    attempts: { type: 'integer', required: true, default: 0 },
    nextAttemptAt: { type: 'datetime' },
    lastAttemptAt: { type: 'datetime' },
    lastStatusCode: { type: 'integer' },
    lastError: { type: 'text' },
    lastResponseBody: { type: 'text' },
    succeededAt: { type: 'datetime' },
    leaseOwner: { type: 'string' },
    leaseUntil: { type: 'datetime' },
  },
  indexes: [
    { name: 'newsletter_deliveries_due_idx', columns: ['status', 'next_attempt_at'] },
    { name: 'newsletter_deliveries_lease_idx', columns: ['lease_owner'] },
    { name: 'newsletter_deliveries_message_idx', columns: ['message_id', 'endpoint_id'], type: 'unique' },
    { name: 'newsletter_deliveries_endpoint_idx', columns: ['endpoint_id', 'status'] },
  ],
};
