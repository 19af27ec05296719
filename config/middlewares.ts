import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  'strapi::logger',
  {
    // Bounds the content reads in flight so that saves are not starved (src/middlewares/read-gate.ts).
    name: 'global::read-gate',
    config: { concurrency: env.int('READ_CONCURRENCY', 8), maxWaiting: env.int('READ_QUEUE_MAX', 1000), turnBudgetMs: env.int('READ_TURN_MS', 50) },
  },
  // Both outside strapi::errors so that they see the formatted error response.
  'global::database-outage',
  'global::field-error-messages',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  {
    name: 'strapi::body',
    config: {
      // A news article is far below this; larger bodies get 413 before any work is done.
      jsonLimit: env('BODY_JSON_LIMIT', '2mb'),
      formLimit: env('BODY_FORM_LIMIT', '1mb'),
      textLimit: env('BODY_TEXT_LIMIT', '1mb'),
    },
  },
  // Over-deep bodies are refused before any other work (src/middlewares/write-limits.ts).
  'global::write-limits',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
