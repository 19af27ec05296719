import { secret } from '../utils/secrets';
import { DEFAULT_TTL_SECONDS, previewKey } from './signature';

/** Lifetime of a preview URL: PREVIEW_URL_TTL_SECONDS, 10 s to 1 h, default 5 minutes. */
export const previewTtlSeconds = (environment: NodeJS.ProcessEnv = process.env): number => {
  const raw = environment.PREVIEW_URL_TTL_SECONDS;
  if (raw === undefined || raw.trim() === '') return DEFAULT_TTL_SECONDS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 10 || value > 3600) {
    throw new Error(`PREVIEW_URL_TTL_SECONDS: must be a whole number of seconds from 10 to 3600 (got ${JSON.stringify(raw)})`);
  }
  return value;
};

/** Preview URLs are signed with a key derived from ADMIN_JWT_SECRET (never sent to the admin bundle). */
export const previewSigningKey = (): Buffer => previewKey(secret('ADMIN_JWT_SECRET'));
