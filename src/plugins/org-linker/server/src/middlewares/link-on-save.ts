import type { Core, Modules, UID } from '@strapi/strapi';
import { LINKER_ATTRIBUTES } from '../constants';
import { parseChoices, type LinkInputs } from '../services/linker';
import { getService } from '../utils/get-service';

type Data = Record<string, unknown>;
type Context = Modules.Documents.Middleware.Context;

/** The attributes whose change means the stored links must be recomputed. */
const LINKER_INPUTS = [LINKER_ATTRIBUTES.autolink, LINKER_ATTRIBUTES.ignored, LINKER_ATTRIBUTES.choices, LINKER_ATTRIBUTES.mentioned];

const refDocumentId = async (strapi: Core.Strapi, ref: unknown): Promise<string | null> => {
  if (typeof ref === 'string') return /^\d+$/.test(ref) ? refDocumentId(strapi, Number(ref)) : ref;
  if (typeof ref === 'number') {
    const row = await strapi.db.query('api::organization.organization').findOne({ where: { id: ref }, select: ['documentId'] });
    return (row?.documentId as string | undefined) ?? null;
  }
  if (ref && typeof ref === 'object') {
    const record = ref as { documentId?: unknown; id?: unknown };
    if (typeof record.documentId === 'string') return record.documentId;
    if (record.id !== undefined) return refDocumentId(strapi, record.id);
  }
  return null;
};

const documentIds = async (strapi: Core.Strapi, refs: unknown): Promise<string[]> => {
  const list = Array.isArray(refs) ? refs : refs === undefined || refs === null ? [] : [refs];
  const ids = await Promise.all(list.map((ref) => refDocumentId(strapi, ref)));
  return ids.filter((id): id is string => id !== null);
};

/**
 * The ignored organizations after a write: a relation value may replace the list (array,
 * { set }) or change it ({ connect, disconnect }, as the admin panel sends).
 */
const nextIgnored = async (strapi: Core.Strapi, value: unknown, stored: string[]): Promise<string[]> => {
  if (value === null) return [];
  if (Array.isArray(value)) return documentIds(strapi, value);
  if (typeof value !== 'object') return documentIds(strapi, value);
  const change = value as { set?: unknown; connect?: unknown; disconnect?: unknown };
  if (change.set !== undefined) return documentIds(strapi, change.set);
  const removed = new Set(await documentIds(strapi, change.disconnect));
  const added = await documentIds(strapi, change.connect);
  return [...new Set([...stored.filter((id) => !removed.has(id)), ...added])];
};

const localeOf = async (strapi: Core.Strapi, uid: string, params: { locale?: unknown }): Promise<string | null> => {
  const localized = Boolean((strapi.contentType(uid as UID.ContentType).pluginOptions as { i18n?: { localized?: boolean } } | undefined)?.i18n?.localized);
  if (!localized) return null;
  if (typeof params.locale === 'string' && params.locale !== '*') return params.locale;
  return (await strapi.plugin('i18n').service('locales').getDefaultLocale()) as string;
};

/**
 * create / update: when the write carries a scanned field (or changes what linking depends on),
 * link it with the current directory and set mentionedOrganizations to exactly what it names,
 * before the write happens. Writes that touch none of it pass through untouched.
 */
const linkWrite = async (strapi: Core.Strapi, context: Context, fields: string[]) => {
  const params = context.params as { data?: Data; documentId?: string; locale?: unknown };
  const data = params.data;
  if (!data || typeof data !== 'object') return;
  const touchesField = fields.some((field) => field in data);
  const touchesInputs = LINKER_INPUTS.some((name) => name in data);
  if (!touchesField && !touchesInputs) return;

  const linker = getService(strapi, 'linker');
  const locale = await localeOf(strapi, context.uid, params);
  const stored =
    context.action === 'update' && params.documentId
      ? await linker.loadRow(context.uid, { documentId: params.documentId, publishedAt: null, ...(locale ? { locale } : {}) }, touchesField ? [] : fields)
      : null;
  const storedInputs = linker.inputsOfRow(stored);
  const inputs: LinkInputs = {
    autolink: LINKER_ATTRIBUTES.autolink in data ? data[LINKER_ATTRIBUTES.autolink] !== false : storedInputs.autolink,
    ignored: LINKER_ATTRIBUTES.ignored in data ? await nextIgnored(strapi, data[LINKER_ATTRIBUTES.ignored], storedInputs.ignored) : storedInputs.ignored,
    choices: LINKER_ATTRIBUTES.choices in data ? parseChoices(data[LINKER_ATTRIBUTES.choices]) : storedInputs.choices,
  };
  const values = Object.fromEntries(fields.map((field) => [field, field in data ? data[field] : stored?.[field]]));
  const linked = linker.linkFields(await linker.runtime(), context.uid, values, inputs);

  for (const field of fields) {
    if (field in linked.values && (field in data || linked.changedFields.includes(field))) data[field] = linked.values[field];
  }
  data[LINKER_ATTRIBUTES.mentioned] = { set: linked.mentioned.map((documentId) => ({ documentId })) };
  data[LINKER_ATTRIBUTES.searchText] = linked.searchText;
};

/** publish: relink the drafts being published, so the published version is current too. */
const relinkDraftsBeforePublish = async (strapi: Core.Strapi, context: Context) => {
  const params = context.params as { documentId?: string; locale?: unknown };
  if (!params.documentId) return;
  const where: Data = { documentId: params.documentId, publishedAt: null };
  if (params.locale !== '*') {
    const locales = Array.isArray(params.locale) ? params.locale : [await localeOf(strapi, context.uid, params)];
    if (locales[0] !== null) where.locale = { $in: locales };
  }
  const drafts = await strapi.db.query(context.uid as UID.ContentType).findMany({ where, select: ['id'] });
  const linker = getService(strapi, 'linker');
  for (const draft of drafts) await linker.relinkRow(context.uid, draft.id as number, { apply: true });
};

/**
 * Document Service middleware for the scanned content types (articles by default). It runs
 * before the write; it never catches errors of the write itself.
 */
export const linkOnSave =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    if (context.action !== 'create' && context.action !== 'update' && context.action !== 'publish') return next();
    const linker = getService(strapi, 'linker');
    // Settings only: a save of another type (an organization, an author) never builds the automaton.
    const scanned = linker.scannedType(await getService(strapi, 'directory').settings(), context.uid);
    if (!scanned) return next();
    if (context.action === 'publish') {
      return strapi.db.transaction(async () => {
        await relinkDraftsBeforePublish(strapi, context);
        return next();
      });
    }
    await linkWrite(strapi, context, scanned.fields);
    return next();
  };
