import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { previewRequestSchema, type ArticleMentions, type GetConfig, type Preview } from '../../../shared/contracts';
import { inputsOfRow } from '../services/articles';
import { getService } from '../utils/get-service';
import { parseRequest } from '../utils/validate';

const mentionsQuerySchema = z.object({
  contentType: z.string().default('api::article.article'),
  locale: z.string().optional(),
  status: z.enum(['draft', 'published'], { error: 'must be "draft" or "published"' }).default('draft'),
});

/** Preview of unsaved text and the mentions of a saved article: what the editor panel shows. */
const analysisController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async config(ctx: Context) {
    const { contentTypes, urlTemplate } = await getService(strapi, 'directory').settings();
    ctx.body = { data: { contentTypes, urlTemplate } } satisfies GetConfig.Response;
  },

  async preview(ctx: Context) {
    const input = parseRequest(previewRequestSchema, ctx.request.body);
    const linker = getService(strapi, 'linker');
    const run = await linker.runtime();
    const scanned = linker.requireScanned(run.settings, input.contentType);
    const field = input.field ?? scanned.fields[0];
    if (!scanned.fields.includes(field)) throw new errors.ValidationError(`field: ${field} is not a scanned field of ${input.contentType}`);

    const stored = input.documentId
      ? await getService(strapi, 'articles').loadRow(input.contentType, { documentId: input.documentId, status: 'draft', ...(input.locale ? { locale: input.locale } : {}) }, [])
      : null;
    const storedInputs = inputsOfRow(stored);
    const changes = input.ignoredChanges;
    const ignored = input.ignoredOrganizations ?? [...new Set([...storedInputs.ignored.filter((id) => !changes?.disconnect.includes(id)), ...(changes?.connect ?? [])])];
    const inputs = {
      autolink: input.autolink ?? storedInputs.autolink,
      ignored,
      choices: input.organizationChoices ?? storedInputs.choices,
    };
    const linked = linker.linkFields(run, input.contentType, { [field]: input.value }, inputs);
    ctx.body = { data: linker.analysis(run, linked, inputs) } satisfies Preview.Response;
  },

  async mentions(ctx: Context) {
    const { documentId } = ctx.params as { documentId: string };
    const query = parseRequest(mentionsQuerySchema, ctx.query, 'query');
    const linker = getService(strapi, 'linker');
    const run = await linker.runtime();
    const scanned = linker.requireScanned(run.settings, query.contentType);
    const row = await getService(strapi, 'articles').loadRow(
      query.contentType,
      { documentId, status: query.status, ...(query.locale ? { locale: query.locale } : {}) },
      scanned.fields
    );
    if (!row) throw new errors.NotFoundError(`documentId: no ${query.status} ${query.contentType} ${documentId}${query.locale ? ` in ${query.locale}` : ''}`);
    const inputs = inputsOfRow(row);
    const linked = linker.linkFields(run, query.contentType, Object.fromEntries(scanned.fields.map((field) => [field, row[field]])), inputs);
    ctx.body = {
      data: { ...linker.analysis(run, linked, inputs), documentId, locale: row.locale ?? null, status: query.status },
    } satisfies ArticleMentions.Response;
  },
});

export default analysisController;
