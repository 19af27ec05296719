import type { Core, Modules, UID } from '@strapi/strapi';
import { z } from 'zod';
import { LINKER_ATTRIBUTES } from '../constants';
import { inputsOfRow, isPublished, timeOf } from '../services/articles';
import type { Versions } from '../services/directory';
import type { LinkInputs } from '../services/link-step';
import { getService } from '../utils/get-service';
import { runLinkedWrite } from '../utils/linking-scope';
import { validateChoices } from '../utils/validate';

type Data = Record<string, unknown>;
type Context = Modules.Documents.Middleware.Context;
type Next = Parameters<Modules.Documents.Middleware.Middleware>[1];

/** What the middleware reads of stored rows (ids come back as numbers or numeric strings, by database). */
const documentIdRow = z.object({ documentId: z.string() });
const versionRow = z.object({ id: z.coerce.number(), publishedAt: z.unknown() });
const draftRow = z.object({ id: z.coerce.number(), updatedAt: z.unknown() });

/** The part of the i18n plugin's locales service used here. */
interface LocalesService {
  getDefaultLocale(): Promise<string>;
}

/** The attributes whose change means the stored links must be recomputed. */
const LINKER_INPUTS = [LINKER_ATTRIBUTES.autolink, LINKER_ATTRIBUTES.ignored, LINKER_ATTRIBUTES.choices, LINKER_ATTRIBUTES.mentioned];

const refDocumentId = async (strapi: Core.Strapi, ref: unknown): Promise<string | null> => {
  if (typeof ref === 'string') return /^\d+$/.test(ref) ? refDocumentId(strapi, Number(ref)) : ref;
  if (typeof ref === 'number') {
    const row = documentIdRow.nullish().parse(await strapi.db.query('api::organization.organization').findOne({ where: { id: ref }, select: ['documentId'] }));
    return row?.documentId ?? null;
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
  // One after another: inside the write's transaction the queries share one connection, and
  // concurrent queries on one PostgreSQL client are deprecated by pg (and queue anyway).
  const ids: string[] = [];
  for (const ref of list) {
    const id = await refDocumentId(strapi, ref);
    if (id !== null) ids.push(id);
  }
  return ids;
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

const isLocalized = (strapi: Core.Strapi, uid: string) =>
  Boolean((strapi.contentType(uid as UID.ContentType).pluginOptions as { i18n?: { localized?: boolean } } | undefined)?.i18n?.localized);

const defaultLocale = (strapi: Core.Strapi): Promise<string> => strapi.plugin('i18n').service<LocalesService>('locales').getDefaultLocale();

const requestedLocale = (params: { locale?: unknown }) => (typeof params.locale === 'string' && params.locale !== '*' ? params.locale : undefined);

/**
 * create / update of a scanned type, inside the caller's transaction, under the linking lock,
 * with the versions read there (once). When the write carries a scanned field (or changes what
 * linking depends on), the fields are linked before the write, and the relation is written after
 * it as a difference to the rows the write produced (the draft, and the published version when
 * the write publishes): an update naming the same organizations writes no relation rows. Only a
 * write that publishes clears the draft's relation first, since publish copies it row by row
 * through Strapi's relation writer. A write that touches none of it passes through untouched.
 */
const linkedWrite = async (strapi: Core.Strapi, context: Context, versions: Versions, fields: string[], next: Next) => {
  const params = context.params as { data?: Data; documentId?: string; locale?: unknown; status?: string };
  const data = params.data;
  if (!data || typeof data !== 'object') return next();
  const touchesField = fields.some((field) => field in data);
  const touchesInputs = LINKER_INPUTS.some((name) => name in data);
  if (!touchesField && !touchesInputs) return next();

  const uid = context.uid;
  const linker = getService(strapi, 'linker');
  // Checked before anything is read or written; stored as validated (null becomes []).
  const choices = LINKER_ATTRIBUTES.choices in data ? validateChoices(data[LINKER_ATTRIBUTES.choices]) : undefined;
  if (choices) data[LINKER_ATTRIBUTES.choices] = choices;
  // The stored draft of this locale (an update that creates a new locale finds none).
  let draft = null;
  if (context.action === 'update' && params.documentId) {
    const drafts = await getService(strapi, 'articles').loadRows(uid, { documentId: params.documentId, status: 'draft' }, touchesField ? [] : fields, { withMentioned: false });
    const locale = isLocalized(strapi, uid) ? (requestedLocale(params) ?? (drafts.length === 1 ? drafts[0].locale : await defaultLocale(strapi))) : null;
    draft = drafts.find((row) => !locale || row.locale === locale) ?? null;
  }
  const stored = inputsOfRow(draft);
  const inputs: LinkInputs = {
    autolink: LINKER_ATTRIBUTES.autolink in data ? data[LINKER_ATTRIBUTES.autolink] !== false : stored.autolink,
    ignored: LINKER_ATTRIBUTES.ignored in data ? await nextIgnored(strapi, data[LINKER_ATTRIBUTES.ignored], stored.ignored) : stored.ignored,
    choices: choices ?? stored.choices,
  };
  const values = Object.fromEntries(fields.map((field) => [field, field in data ? data[field] : draft?.[field]]));
  const linked = linker.linkFields(await linker.runtime({ versions }), uid, values, inputs);

  for (const field of fields) {
    if (field in linked.values && (field in data || linked.changedFields.includes(field))) data[field] = linked.values[field];
  }
  // The relation is the plugin's to write (services/mentions.ts), never taken from input.
  delete data[LINKER_ATTRIBUTES.mentioned];
  data[LINKER_ATTRIBUTES.searchText] = linked.searchText;

  const mentions = getService(strapi, 'mentions');
  const publishing = params.status === 'published';
  if (draft && publishing) await mentions.clear(uid, [draft.id]);
  const { result, tasks } = await runLinkedWrite(next);
  const written =
    result && typeof result === 'object' && 'id' in result
      ? (result as { id: number; documentId: string; locale?: string | null; publishedAt?: unknown; updatedAt?: unknown })
      : null;
  if (!written) {
    for (const task of tasks) await task();
    return result;
  }
  const rows = publishing
    ? z.array(versionRow).parse(
        await strapi.db.query(uid).findMany({
          where: { documentId: written.documentId, ...(written.locale ? { locale: written.locale } : {}) },
          select: ['id', 'publishedAt'],
        })
      )
    : [written];
  // A created row, and both versions of a published one (the draft's rows were cleared, publish
  // copied none), have no relation rows yet; a draft this process saved last, at these versions,
  // holds the relation it set then.
  const fresh = context.action === 'create' || publishing;
  const remembered = draft && !fresh ? linker.rememberedRelation(uid, draft.id, versions, timeOf(draft.updatedAt)) : null;
  const unchanged =
    remembered !== null && written.id === draft?.id && remembered.length === linked.mentioned.length && remembered.every((id, index) => id === linked.mentioned[index]);
  const changed = unchanged
    ? new Set<number>()
    : await mentions.write(
        uid,
        rows.map((row) => ({ id: Number(row.id), published: isPublished(row), documentIds: linked.mentioned })),
        { fresh }
      );
  // What other plugins asked to run once the relation is written (e.g. the newsletter's outbox).
  for (const task of tasks) await task();
  // A draft saved here is current for these versions: publishing it next need not link it again.
  if (!publishing && !isPublished(written)) linker.remember(uid, written.id, versions, timeOf(written.updatedAt), linked.mentioned);
  // The entry the write returned was read before the relation was written: when the relation
  // changed and the caller asked for relations (e.g. REST ?populate=mentionedOrganizations), read it again.
  const { populate, fields: selected } = context.params as { populate?: unknown; fields?: unknown };
  if (populate === undefined || populate === null || !changed.has(written.id)) return result;
  return strapi.documents(uid).findOne({
    documentId: written.documentId,
    ...(written.locale ? { locale: written.locale } : {}),
    status: written.publishedAt ? 'published' : 'draft',
    populate,
    ...(selected ? { fields: selected } : {}),
  } as Parameters<ReturnType<typeof strapi.documents>['findOne']>[0]);
};

/**
 * publish: relink the drafts being published, so the published version is current too; a draft
 * this process linked on save at the same versions, unchanged since, is skipped.
 */
const relinkDraftsBeforePublish = async (strapi: Core.Strapi, context: Context, versions: Versions) => {
  const params = context.params as { documentId?: string; locale?: unknown };
  if (!params.documentId) return;
  const where: Data = { documentId: params.documentId, publishedAt: null };
  if (params.locale !== '*' && isLocalized(strapi, context.uid)) {
    where.locale = { $in: Array.isArray(params.locale) ? params.locale : [requestedLocale(params) ?? (await defaultLocale(strapi))] };
  }
  const drafts = z.array(draftRow).parse(await strapi.db.query(context.uid).findMany({ where, select: ['id', 'updatedAt'] }));
  const linker = getService(strapi, 'linker');
  const stale = drafts.filter((draft) => !linker.isCurrent(context.uid, draft.id, versions, timeOf(draft.updatedAt))).map((draft) => draft.id);
  await getService(strapi, 'relink').relinkRows(context.uid, stale, { apply: true, versions });
};

/**
 * Document Service middleware for the scanned content types (articles by default). It runs
 * before the write; it never catches errors of the write itself.
 */
export const linkOnSave = (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware => {
  // Whether a type has the attributes linking needs never changes while Strapi runs: a save of
  // any other type (an organization, an author) passes through without a query.
  const linkable = new Map<string, boolean>();
  const canBeScanned = (uid: string) => {
    if (!linkable.has(uid)) linkable.set(uid, getService(strapi, 'settings').missingAttributes(uid).length === 0);
    return linkable.get(uid) === true;
  };
  return async (context, next) => {
    if (context.action !== 'create' && context.action !== 'update' && context.action !== 'publish') return next();
    if (!canBeScanned(context.uid)) return next();
    return strapi.db.transaction(async () => {
      const directory = getService(strapi, 'directory');
      await directory.lockForLinking('shared');
      // Read once, under the lock: a directory change that committed before it is used by this save.
      const versions = await directory.versions();
      const settings = await directory.settingsAt(versions);
      const scanned = getService(strapi, 'linker').scannedType(settings, context.uid);
      if (!scanned) return next();
      if (context.action === 'publish') {
        await relinkDraftsBeforePublish(strapi, context, versions);
        return next();
      }
      return linkedWrite(strapi, context, versions, scanned.fields, next);
    });
  };
};
