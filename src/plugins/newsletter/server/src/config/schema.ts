import { z } from 'zod';
import { parseAllowList } from '../utils/address';
import { parseDuration } from '../utils/duration';

const DEFAULT_RETRY_SCHEDULE = '5s,5m,30m,2h,5h,10h,10h';

/** "a,b" or ["a", "b"], as env strings or config arrays, without empty parts. */
const list = z
  .union([z.string(), z.array(z.string())], { error: 'must be a comma-separated string or a list of strings' })
  .transform((value) => (Array.isArray(value) ? value : value.split(',')).map((part) => part.trim()).filter(Boolean));

const toMs = (value: string | number, what: string, context: z.RefinementCtx): number => {
  const ms = parseDuration(value);
  if (ms === undefined) {
    context.addIssue({ code: 'custom', message: `"${value}" is not a duration (${what}; e.g. 250ms, 5s, 5m, 2h, 1d)` });
    return 0;
  }
  return ms;
};

const duration = (what: string) =>
  z.union([z.string(), z.number()], { error: 'must be a duration such as "15s" or a number of milliseconds' }).transform((value, context) => toMs(value, what, context));

/** "5s,5m,30m" or ["5s", 300000]: a list of delays in milliseconds. */
const durations = (what: string) =>
  z.union([z.string(), z.array(z.union([z.string(), z.number()]))], { error: 'must be a comma-separated list of durations' }).transform((value, context) =>
    (typeof value === 'string' ? value.split(',') : value)
      .map((part) => (typeof part === 'string' ? part.trim() : part))
      .filter((part) => part !== '')
      .map((part) => toMs(part, what, context))
  );

const positiveInt = z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1');

const urlTemplate = z.string({ error: 'must be a string' }).refine((value) => value.includes('{slug}'), 'must contain {slug}');

/**
 * The plugin settings (config/plugins.ts → newsletter.config), validated at startup.
 * Every field has a default, so an empty config is a working production config.
 */
export const configSchema = z
  .object({
    /** Public site, used to build article and organization links in payloads. */
    siteUrl: z
      .string({ error: 'must be a string' })
      .default('http://localhost:1337')
      .refine((value) => /^https?:\/\/[^/]/.test(value), 'must be an http(s) URL')
      .transform((value) => value.replace(/\/+$/, '')),
    /** {siteUrl}, {locale}, {slug} and {documentId} are replaced. */
    articleUrlTemplate: urlTemplate.default('{siteUrl}/{locale}/articles/{slug}'),
    organizationUrlTemplate: urlTemplate.default('{siteUrl}/organizations/{slug}'),
    /** Delays between attempts; the first attempt is immediate. */
    retrySchedule: durations('retrySchedule')
      .prefault(DEFAULT_RETRY_SCHEDULE)
      .refine((schedule) => schedule.length > 0, 'must have at least one delay'),
    timeoutMs: duration('timeoutMs').default(15_000),
    pollIntervalMs: duration('pollIntervalMs').default(1_000),
    /** How long a claimed delivery stays with one process; another one resumes it after that. */
    leaseMs: duration('leaseMs').default(60_000),
    /** After a rotation, deliveries are signed with both secrets for this long. */
    secretOverlapMs: duration('secretOverlapMs').default(24 * 3_600_000),
    /** Addresses or CIDR ranges that may be targeted although loopback/private/link-local. */
    allowedPrivateTargets: list.default([]).superRefine((entries, context) => {
      try {
        parseAllowList(entries);
      } catch (error) {
        context.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
      }
    }),
    maxConcurrency: positiveInt.default(20),
    maxConcurrencyPerEndpoint: positiveInt.default(4),
    /** Run the delivery worker in this process (off for a process that must only write events). */
    workerEnabled: z
      .union([z.boolean(), z.enum(['true', 'false'])], { error: 'must be true or false' })
      .default(true)
      .transform((value) => value === true || value === 'true'),
  })
  .strict()
  .refine((config) => config.leaseMs > config.timeoutMs + 1000, {
    message: 'leaseMs must exceed timeoutMs by more than a second, or a slow delivery could be sent twice',
    path: ['leaseMs'],
  });

export type NewsletterConfig = z.output<typeof configSchema>;
