import type { Core } from '@strapi/strapi';
import { secret } from '../src/utils/secrets';
import { createPreviewHandler } from '../src/preview/handler';

const originOf = (url: string): string[] => {
  try {
    return url ? [new URL(url).origin] : [];
  } catch {
    return [];
  }
};

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Admin => ({
  auth: {
    secret: secret('ADMIN_JWT_SECRET'),
  },
  apiToken: {
    salt: secret('API_TOKEN_SALT'),
  },
  transfer: {
    token: {
      salt: secret('TRANSFER_TOKEN_SALT'),
    },
  },
  secrets: {
    encryptionKey: secret('ENCRYPTION_KEY'),
  },
  // The article preview is served by the app itself (src/preview): a signed, short-lived URL.
  preview: {
    enabled: env.bool('PREVIEW_ENABLED', true),
    config: {
      // The admin shows the preview in a frame; the page comes from this server (PUBLIC_URL when set).
      allowedOrigins: ["'self'", ...originOf(env('PUBLIC_URL', ''))],
      handler: createPreviewHandler({ publicUrl: env('PUBLIC_URL', '') }),
    },
  },
  autoOpen: false,
  flags: {
    nps: env.bool('FLAG_NPS', false),
    promoteEE: env.bool('FLAG_PROMOTE_EE', false),
    docLinks: env.bool('FLAG_DOC_LINKS', false),
  },
});

export default config;
