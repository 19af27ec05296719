import { hidden } from '../hidden';

export default {
  kind: 'collectionType',
  collectionName: 'newsletter_endpoints',
  info: { singularName: 'endpoint', pluralName: 'endpoints', displayName: 'Newsletter endpoint' },
  options: { draftAndPublish: false },
  pluginOptions: hidden,
  attributes: {
    name: { type: 'string', required: true, maxLength: 100 },
    url: { type: 'text', required: true },
    events: { type: 'json', required: true },
    enabled: { type: 'boolean', default: true, required: true },
    disabledReason: { type: 'string' },
    disabledAt: { type: 'datetime' },
    // AES-256-GCM sealed (see utils/encryption); private keeps them out of any generic sanitized output.
    secret: { type: 'text', private: true, required: true },
    previousSecret: { type: 'text', private: true },
    previousSecretExpiresAt: { type: 'datetime' },
    secretHint: { type: 'string' },
    secretRotatedAt: { type: 'datetime' },
  },
};
