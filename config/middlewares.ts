import os from 'node:os';
import type { Core } from '@strapi/strapi';
import { corsOrigins } from '../src/utils/cors';
import { uploadWriteStream } from '../src/utils/upload-stream';

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
  {
    // Only listed origins get CORS headers (and credentials); none by default in production (src/utils/cors.ts).
    name: 'strapi::cors',
    config: {
      origin: corsOrigins(env('CORS_ORIGINS', ''), { production: env('NODE_ENV') === 'production', port: env.int('PORT', 1337) }),
      credentials: true,
    },
  },
  'strapi::poweredBy',
  'strapi::query',
  {
    name: 'strapi::body',
    config: {
      // A news article is far below this; larger bodies get 413 before any work is done.
      jsonLimit: env('BODY_JSON_LIMIT', '2mb'),
      formLimit: env('BODY_FORM_LIMIT', '1mb'),
      textLimit: env('BODY_TEXT_LIMIT', '1mb'),
      // Each file of a multipart request (uploads); written to BODY_UPLOAD_DIR while the request runs.
      // A file cut off mid-upload (over the limit, the client gone) is removed once its stream has closed (src/utils/upload-stream.ts).
      formidable: {
        maxFileSize: env.int('BODY_FILE_LIMIT', 200 * 1024 * 1024),
        uploadDir: env('BODY_UPLOAD_DIR', os.tmpdir()),
        fileWriteStreamHandler: uploadWriteStream,
      },
    },
  },
  // Every file of a multipart request is removed when its response is decided (src/middlewares/upload-cleanup.ts).
  'global::upload-cleanup',
  // Over-deep bodies are refused before any other work (src/middlewares/write-limits.ts).
  'global::write-limits',
  // Bounded, prototype-safe REST queries and bodies (src/middlewares/query-guard.ts); after strapi::body.
  'global::query-guard',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
