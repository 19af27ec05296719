import { hidden } from '../hidden';

/** The outbox: one row per article event (per locale), written in the publish's transaction. */
export default {
  kind: 'collectionType',
  collectionName: 'newsletter_events',
  info: { singularName: 'event', pluralName: 'events', displayName: 'Newsletter event' },
  options: { draftAndPublish: false },
  pluginOptions: hidden,
  attributes: {
    messageId: { type: 'string', required: true },
    type: { type: 'string', required: true },
    articleDocumentId: { type: 'string' },
    locale: { type: 'string' },
    // Fingerprint of the published content: an unchanged re-publish announces nothing.
    contentHash: { type: 'string' },
    // The exact JSON sent, as text: every attempt sends (and signs) the same bytes.
    body: { type: 'text', required: true },
    occurredAt: { type: 'datetime', required: true },
  },
  indexes: [
    { name: 'newsletter_events_message_idx', columns: ['message_id'], type: 'unique' },
    { name: 'newsletter_events_article_idx', columns: ['article_document_id', 'locale'] },
  ],
};
