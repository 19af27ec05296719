import { z } from 'zod';
import { settingsSchema, type Settings } from '../../../shared/contracts';
import { validateUrlTemplate } from '../core';

const workerSchema = z.object({
  /** Off in processes that must not relink in the background (e.g. a read-only replica). */
  enabled: z.boolean(),
  /** How often an idle worker looks for jobs another process queued. */
  pollIntervalMs: z.number().int().min(10).max(60_000),
  /** Article rows relinked per batch, in one transaction; progress and the resume cursor are saved after each. */
  batchSize: z.number().int().min(1).max(1000),
  /** A job whose worker stops renewing this lease (a killed process) is taken over. */
  leaseMs: z.number().int().min(100).max(3_600_000),
  /** A pause between batches, so that a bulk relink leaves room to editors' saves (SQLite has one writer). */
  pauseMs: z.number().int().min(0).max(60_000),
});

const directorySchema = z.object({
  /** Published organizations read per query when the automaton is built (their aliases follow in one query, whatever the size). */
  pageSize: z.number().int().min(1).max(50_000),
});

export const pluginConfigSchema = settingsSchema.extend({ worker: workerSchema, directory: directorySchema });
export type PluginConfig = z.infer<typeof pluginConfigSchema>;

const intFromEnv = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return process.env[name] !== undefined && Number.isInteger(value) && value >= 0 ? value : fallback;
};

export const defaultSettings: Settings = {
  mode: 'first',
  maxLinks: null,
  linkInHeadings: false,
  urlTemplate: '/organizations/{slug}',
  contentTypes: [{ uid: 'api::article.article', fields: ['body'] }],
};

export default {
  default: (): PluginConfig => ({
    ...defaultSettings,
    directory: { pageSize: intFromEnv('ORG_LINKER_DIRECTORY_PAGE', 5000) || 5000 },
    worker: {
      enabled: process.env.ORG_LINKER_WORKER !== 'false',
      pollIntervalMs: intFromEnv('ORG_LINKER_POLL_MS', 2000),
      batchSize: intFromEnv('ORG_LINKER_BATCH_SIZE', 200),
      leaseMs: intFromEnv('ORG_LINKER_LEASE_MS', 30_000),
      pauseMs: intFromEnv('ORG_LINKER_BATCH_PAUSE_MS', 0),
    },
  }),
  validator(config: unknown) {
    const result = pluginConfigSchema.safeParse(config);
    if (!result.success) {
      throw new Error(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    }
    validateUrlTemplate(result.data.urlTemplate);
  },
};
