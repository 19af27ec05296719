import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type {
  Analysis,
  ArticleChange,
  LinkChange,
  LinkChanges,
  OrganizationChoice,
  LinkState,
  OrganizationSummary,
  PossibleMentionSummary,
  ScannedContentType,
} from '../../../shared/contracts';
import { choicesSchema } from '../../../shared/contracts';
import { LINKER_ATTRIBUTES } from '../constants';
import {
  blocksToText,
  foldForSearch,
  linkBlocks,
  linkMarkdown,
  markdownToText,
  suggestUnknownOrganizations,
  validateBlocks,
  BlocksValidationError,
  type Block,
  type LinkOptions,
  type LinkResult,
  type MentionDecision,
} from '../core';
import { getService } from '../utils/get-service';
import type { DirectoryService, LinkerRuntime } from './directory';

type Data = Record<string, unknown>;

/** The editor's per-article inputs to linking. */
export interface LinkInputs {
  autolink: boolean;
  ignored: string[];
  choices: OrganizationChoice[];
}

export interface LinkedFields {
  /** Linked value of every scanned field (only fields that had a value). */
  values: Record<string, unknown>;
  changedFields: string[];
  /** documentIds for the mentionedOrganizations relation, in reading order. */
  mentioned: string[];
  /** The visible text of the fields, and its folded form stored for candidate searches. */
  text: string;
  searchText: string;
  results: { field: string; result: LinkResult<unknown> }[];
}

interface StoredRow {
  id: number;
  documentId: string;
  locale: string | null;
  publishedAt: string | null;
  title?: string | null;
  autolink?: boolean | null;
  organizationChoices?: unknown;
  linkerText?: string | null;
  ignoredOrganizations?: { documentId: string }[];
  mentionedOrganizations?: { documentId: string }[];
  [field: string]: unknown;
}

const fieldTypeOf = (strapi: Core.Strapi, uid: string, field: string): 'blocks' | 'richtext' => {
  const type = (strapi.contentTypes[uid as UID.ContentType]?.attributes as Record<string, { type: string }>)[field]?.type;
  return type === 'richtext' ? 'richtext' : 'blocks';
};

const toChange = (change: { id?: string | number; slug?: string; text: string; url: string; previousUrl?: string }): LinkChange => ({
  ...(change.id !== undefined ? { organization: String(change.id) } : {}),
  ...(change.slug ? { slug: change.slug } : {}),
  text: change.text,
  url: change.url,
  ...(change.previousUrl ? { previousUrl: change.previousUrl } : {}),
});

const mergeChanges = (results: { result: LinkResult<unknown> }[]): LinkChanges => ({
  added: results.flatMap(({ result }) => result.links.added.map(toChange)),
  updated: results.flatMap(({ result }) => result.links.updated.map(toChange)),
  removed: results.flatMap(({ result }) => result.links.removed.map(toChange)),
});

/** Choices stored on an article; anything malformed is ignored rather than failing a save. */
export const parseChoices = (value: unknown): OrganizationChoice[] => {
  const parsed = choicesSchema.safeParse(value ?? []);
  return parsed.success ? parsed.data : [];
};

/** The editor's choices as written: null clears them; anything but a valid list is a 400 naming the field. */
export const validateChoices = (value: unknown): OrganizationChoice[] => {
  const parsed = choicesSchema.safeParse(value ?? []);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => ({
    path: [LINKER_ATTRIBUTES.choices, ...issue.path.map(String)],
    message: issue.message,
  }));
  throw new errors.ValidationError(problems.map((problem) => `${problem.path.join('.')}: ${problem.message}`).join('; '), {
    errors: problems.map((problem) => ({ ...problem, name: 'ValidationError' })),
  });
};

/**
 * The Strapi side of linking: turns an article's fields and the editor's choices into
 * engine calls, and engine results into stored values, relation ids and admin summaries.
 */
const linkerService = ({ strapi }: { strapi: Core.Strapi }) => {
  const runtime = (options?: Parameters<DirectoryService['runtime']>[0]) => getService(strapi, 'directory').runtime(options);

  const scannedType = (settings: LinkerRuntime['settings'], uid: string): ScannedContentType | undefined =>
    settings.contentTypes.find((scanned) => scanned.uid === uid);

  const linkOptions = (run: LinkerRuntime, inputs: LinkInputs): LinkOptions => ({
    mode: run.settings.mode,
    maxLinks: run.settings.maxLinks ?? undefined,
    linkInHeadings: run.settings.linkInHeadings,
    urlTemplate: run.settings.urlTemplate,
    recognizeUrlTemplates: run.templates,
    ignoredIds: inputs.ignored,
    resolutions: inputs.choices.map((choice) => ({ text: choice.text, id: choice.organization })),
    autolink: inputs.autolink,
  });

  /** Validates a field value; a bad one is a 400 that names the field and the place. */
  const validValue = (field: string, type: 'blocks' | 'richtext', value: unknown): Block[] | string => {
    if (type === 'richtext') {
      if (typeof value !== 'string') throw new errors.ValidationError(`${field}: must be a markdown string`);
      return value;
    }
    try {
      return validateBlocks(value);
    } catch (error) {
      if (error instanceof BlocksValidationError) {
        const path = [field, ...error.path].join('.');
        throw new errors.ValidationError(`${path}: ${error.problem}`, { errors: [{ path: [field, ...error.path.map(String)], message: error.problem }] });
      }
      throw error;
    }
  };

  /** Runs the engine over the given field values. Fields absent from `values` are skipped. */
  const linkFields = (run: LinkerRuntime, uid: string, values: Record<string, unknown>, inputs: LinkInputs): LinkedFields => {
    const options = linkOptions(run, inputs);
    const results: LinkedFields['results'] = [];
    const texts: string[] = [];
    const linked: Record<string, unknown> = {};
    const changedFields: string[] = [];
    for (const [field, raw] of Object.entries(values)) {
      if (raw === null || raw === undefined) continue;
      const type = fieldTypeOf(strapi, uid, field);
      const value = validValue(field, type, raw);
      let result: LinkResult<unknown>;
      try {
        result = typeof value === 'string' ? linkMarkdown(run.directory, value, options) : linkBlocks(run.directory, value, options);
      } catch (error) {
        // Never lose the editor's text: the write fails with a message, the stored entry stays.
        const reason = error instanceof Error ? error.message : String(error);
        strapi.log.error(`[org-linker] linking ${uid}.${field} failed: ${reason}`);
        throw new errors.ApplicationError(`${field}: the organization linker failed (${reason}); nothing was saved`);
      }
      results.push({ field, result });
      linked[field] = result.output;
      if (result.changed) changedFields.push(field);
      texts.push(typeof value === 'string' ? markdownToText(value) : blocksToText(value));
    }
    const ignored = new Set(inputs.ignored);
    const mentioned: string[] = [];
    for (const { result } of results) {
      for (const mention of result.mentions) {
        const id = String(mention.id);
        if (!ignored.has(id) && !mentioned.includes(id)) mentioned.push(id);
      }
    }
    const text = texts.join('\n\n');
    return { values: linked, changedFields, mentioned, text, searchText: foldForSearch(text), results };
  };

  /** What the editor panel shows: per organization, whether and why it is linked. */
  const analysis = (run: LinkerRuntime, linkedFields: LinkedFields, inputs: LinkInputs): Analysis => {
    const ignored = new Set(inputs.ignored);
    const byOrganization = new Map<string, MentionDecision[]>();
    for (const { result } of linkedFields.results) {
      for (const mention of result.mentions) {
        const id = String(mention.id);
        byOrganization.set(id, [...(byOrganization.get(id) ?? []), mention]);
      }
    }
    const links = mergeChanges(linkedFields.results);
    const organizations: OrganizationSummary[] = [...byOrganization.entries()].map(([documentId, mentions]) => {
      const info = run.organizations.get(documentId);
      const linked = mentions.some((mention) => mention.linked);
      const slug = info?.slug ?? mentions[0].slug;
      const url = run.settings.urlTemplate.split('{slug}').join(encodeURIComponent(slug));
      // The engine's changes say which of its links the value already holds: a linked
      // organization with an added link and none removed was not linked before.
      const touches = (changes: LinkChange[]) => changes.some((change) => change.organization === documentId || change.url === url || change.slug === slug);
      const link: LinkState = linked ? (touches(links.added) && !touches(links.removed) ? 'added' : 'present') : touches(links.removed) ? 'removed' : 'none';
      return {
        documentId,
        name: info?.name ?? mentions[0].name,
        acronym: info?.acronym ?? null,
        slug,
        url,
        count: mentions.length,
        linked,
        ...(linked ? {} : { reason: mentions[0].reason }),
        link,
        ignored: ignored.has(documentId),
        autolink: info?.autolink ?? true,
      };
    });
    const chosen = new Map(inputs.choices.map((choice) => [choice.text, choice.organization]));
    const ambiguous = linkedFields.results.flatMap(({ result }) =>
      result.ambiguous.map((ambiguity) => ({
        text: ambiguity.text,
        start: ambiguity.start,
        end: ambiguity.end,
        candidates: ambiguity.candidates.map((candidate) => ({ documentId: String(candidate.id), name: candidate.name, slug: candidate.slug })),
        ...(chosen.has(ambiguity.text) ? { chosen: chosen.get(ambiguity.text) } : {}),
      }))
    );
    const suggestions = suggestUnknownOrganizations(run.directory, linkedFields.text).map((suggestion) => ({
      text: suggestion.text,
      ...(suggestion.acronym ? { acronym: suggestion.acronym } : {}),
    }));
    // Unconfirmed acronyms, one row per organization and text as written.
    const possibleRows = new Map<string, PossibleMentionSummary>();
    for (const { result } of linkedFields.results) {
      for (const mention of result.possible) {
        const key = `${String(mention.id)}\u0000${mention.text}`;
        const row = possibleRows.get(key);
        if (row) row.count++;
        else possibleRows.set(key, { documentId: String(mention.id), name: mention.name, text: mention.text, count: 1, reason: mention.reason });
      }
    }
    const possible = [...possibleRows.values()];
    return { organizations, ambiguous, suggestions, possible, links, choices: inputs.choices };
  };

  const selectable = (uid: string, names: string[]) =>
    names.filter((name) => name in (strapi.contentTypes[uid as UID.ContentType]?.attributes ?? {}) || ['id', 'documentId', 'locale', 'publishedAt'].includes(name));

  /** Stored article rows with what linking needs (the editor's inputs, and the fields asked for). */
  const loadRows = async (uid: string, where: Data, fields: string[], { withMentioned = true } = {}): Promise<StoredRow[]> => {
    const rows = await strapi.db.query(uid as UID.ContentType).findMany({
      where,
      select: selectable(uid, ['id', 'documentId', 'locale', 'publishedAt', 'title', LINKER_ATTRIBUTES.autolink, LINKER_ATTRIBUTES.choices, LINKER_ATTRIBUTES.searchText, ...fields]),
      populate: {
        [LINKER_ATTRIBUTES.ignored]: { select: ['documentId'] },
        ...(withMentioned ? { [LINKER_ATTRIBUTES.mentioned]: { select: ['documentId'] } } : {}),
      },
      orderBy: { id: 'asc' },
    });
    return rows as StoredRow[];
  };

  const loadRow = async (uid: string, where: Data, fields: string[]): Promise<StoredRow | null> => (await loadRows(uid, where, fields))[0] ?? null;

  const inputsOfRow = (row: StoredRow | null): LinkInputs => ({
    autolink: row?.autolink !== false,
    ignored: (row?.ignoredOrganizations ?? []).map((organization) => organization.documentId),
    choices: parseChoices(row?.organizationChoices),
  });

  const sameSet = (a: string[], b: string[]) => a.length === b.length && new Set([...a, ...b]).size === a.length;

  /**
   * Relinks one stored row (a draft or a published version in one locale) with the current
   * directory. With apply, writes it when anything changed, in one update, under a row lock
   * so that an editor's concurrent save is never overwritten with stale text.
   */
  const relinkRow = async (
    uid: string,
    rowId: number,
    { apply, minDirectoryVersion }: { apply: boolean; minDirectoryVersion?: number }
  ): Promise<ArticleChange | null> => {
    const run = await runtime({ minDirectoryVersion });
    const scanned = scannedType(run.settings, uid);
    if (!scanned) return null;
    const work = async (): Promise<ArticleChange | null> => {
      if (apply) await getService(strapi, 'directory').lockForLinking('shared');
      if (apply && strapi.db.dialect.client === 'postgres') {
        // Locks the row until commit; SQLite serializes writers by itself.
        await strapi.db.queryBuilder(uid as UID.ContentType).select(['id']).where({ id: rowId }).forUpdate().execute();
      }
      const row = await loadRow(uid, { id: rowId }, scanned.fields);
      if (!row) return null;
      const inputs = inputsOfRow(row);
      const values = Object.fromEntries(scanned.fields.map((field) => [field, row[field]]));
      let linked: LinkedFields;
      try {
        linked = linkFields(run, uid, values, inputs);
      } catch (error) {
        // A stored value that is not valid blocks is reported, not "fixed".
        strapi.log.warn(`[org-linker] ${uid} row ${rowId} was not relinked: ${error instanceof Error ? error.message : String(error)}`);
        return null;
      }
      const current = (row.mentionedOrganizations ?? []).map((organization) => organization.documentId);
      const relationChanged = !sameSet(current, linked.mentioned);
      const textChanged = (row.linkerText ?? '') !== linked.searchText;
      if (linked.changedFields.length === 0 && !relationChanged && !textChanged) return null;
      const links = mergeChanges(linked.results);
      if (apply) {
        await strapi.db.query(uid as UID.ContentType).update({
          where: { id: row.id },
          data: {
            ...Object.fromEntries(linked.changedFields.map((field) => [field, linked.values[field]])),
            [LINKER_ATTRIBUTES.searchText]: linked.searchText,
          },
        });
        if (relationChanged) {
          await getService(strapi, 'mentions').replace(uid, [{ id: row.id, published: row.publishedAt !== null }], linked.mentioned);
        }
      }
      return {
        contentType: uid,
        documentId: row.documentId,
        locale: row.locale ?? null,
        status: row.publishedAt === null ? 'draft' : 'published',
        title: (row.title as string | null | undefined) ?? null,
        ...links,
        mentioned: linked.mentioned,
        relationChanged,
      };
    };
    return apply ? strapi.db.transaction(work) : work();
  };

  return { runtime, scannedType, linkFields, analysis, loadRow, loadRows, inputsOfRow, relinkRow, fieldTypeOf: (uid: string, field: string) => fieldTypeOf(strapi, uid, field) };
};

export type LinkerService = ReturnType<typeof linkerService>;
export default linkerService;
