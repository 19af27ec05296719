import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import type { DryRun, GetJob, ListJobs, RelinkArticle, RetryJob, StartRelink } from '../../../shared/contracts';
import { isReported } from '../services/jobs';
import { getService } from '../utils/get-service';
import { parseRequest } from '../utils/validate';

const articleRelinkSchema = z.object({
  contentType: z.string().default('api::article.article'),
  locale: z.string().optional(),
});

const jobIdSchema = z.object({ id: z.coerce.number({ error: 'must be a job id' }).int({ error: 'must be a job id' }).positive({ error: 'must be a job id' }) });
const listSchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

/** Relinking: dry run, run (a background job), progress, and one article now. */
const relinkController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async dryRun(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'jobs').dryRun() } satisfies DryRun.Response;
  },

  async run(ctx: Context) {
    ctx.status = 202;
    ctx.body = { data: await getService(strapi, 'jobs').startRelinkAll() } satisfies StartRelink.Response;
  },

  async jobs(ctx: Context) {
    const { limit } = parseRequest(listSchema, ctx.query, 'query');
    ctx.body = { data: await getService(strapi, 'jobs').list(limit) } satisfies ListJobs.Response;
  },

  async job(ctx: Context) {
    const { id } = parseRequest(jobIdSchema, ctx.params, 'params');
    const job = await getService(strapi, 'jobs').get(id);
    if (!job) throw new errors.NotFoundError(`id: no relink job ${id}`);
    ctx.body = { data: job } satisfies GetJob.Response;
  },

  async retry(ctx: Context) {
    const { id } = parseRequest(jobIdSchema, ctx.params, 'params');
    const job = await getService(strapi, 'jobs').retry(id);
    if (!job) throw new errors.NotFoundError(`id: no relink job ${id}`);
    ctx.status = 202;
    ctx.body = { data: job } satisfies RetryJob.Response;
  },

  async article(ctx: Context) {
    const { documentId } = ctx.params as { documentId: string };
    const input = parseRequest(articleRelinkSchema, { ...(ctx.request.body ?? {}), ...ctx.query });
    getService(strapi, 'linker').requireScanned(await getService(strapi, 'directory').settings(), input.contentType);
    const rows = z.array(z.object({ id: z.coerce.number() })).parse(
      await strapi.db.query(input.contentType).findMany({
        where: { documentId, ...(input.locale ? { locale: input.locale } : {}) },
        select: ['id'],
        orderBy: { id: 'asc' },
      })
    );
    if (rows.length === 0) throw new errors.NotFoundError(`documentId: no ${input.contentType} ${documentId}${input.locale ? ` in ${input.locale}` : ''}`);
    const relinked = await getService(strapi, 'relink').relinkRows(
      input.contentType,
      rows.map((row) => row.id),
      { apply: true }
    );
    const changes = relinked.filter(isReported);
    ctx.body = { data: { changes } } satisfies RelinkArticle.Response;
  },
});

export default relinkController;
