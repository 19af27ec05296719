import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { choicesSchema, type OrganizationChoice } from '../../../shared/contracts';
import type { Knex } from 'knex';
import { LINKER_ATTRIBUTES, ORGANIZATION_UID } from '../constants';
import { tableOf } from '../utils/db-tables';
import type { LinkInputs } from './link-step';

const relatedSchema = z.array(z.object({ documentId: z.string() }));

/** An article row as linking reads it; the scanned fields stay unknown until the link step validates them. */
const storedRowSchema = z
  .object({
    id: z.coerce.number().int(),
    documentId: z.string(),
    locale: z.string().nullish(),
    publishedAt: z.unknown(),
    updatedAt: z.unknown(),
    title: z.string().nullish(),
    // A boolean; SQLite's 0/1 read as one, should a reader hand it over raw.
    [LINKER_ATTRIBUTES.autolink]: z.union([z.boolean(), z.number().transform((value) => value !== 0)]).nullish(),
    [LINKER_ATTRIBUTES.choices]: z.unknown(),
    [LINKER_ATTRIBUTES.searchText]: z.string().nullish(),
    [LINKER_ATTRIBUTES.ignored]: relatedSchema.nullish(),
    [LINKER_ATTRIBUTES.mentioned]: relatedSchema.nullish(),
  })
  .catchall(z.unknown());

export type StoredRow = z.infer<typeof storedRowSchema>;

/** Choices stored on an article; anything malformed is ignored rather than failing a save. */
export const parseChoices = (value: unknown): OrganizationChoice[] => {
  const parsed = choicesSchema.safeParse(value ?? []);
  return parsed.success ? parsed.data : [];
};

export const inputsOfRow = (row: StoredRow | null): LinkInputs => ({
  autolink: row?.autolink !== false,
  ignored: (row?.ignoredOrganizations ?? []).map((organization) => organization.documentId),
  choices: parseChoices(row?.organizationChoices),
});

export const isPublished = (row: { publishedAt?: unknown }): boolean => row.publishedAt !== null && row.publishedAt !== undefined;

/** A stored timestamp in milliseconds (Date on PostgreSQL, number or string on SQLite). */
export const timeOf = (value: unknown): number | null => {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const time = Date.parse(value);
    return Number.isNaN(time) ? null : time;
  }
  return null;
};

/** Which rows to load: by row id, or one document's versions of a status (and locale). */
export type RowFilter = { ids: number[] } | { documentId: string; status: 'draft' | 'published'; locale?: string };

/** A JSON column as the driver returns it: text on SQLite, parsed on PostgreSQL. */
const fromJson = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    // Not JSON: handed on as stored, for the link step to refuse with the field's name.
    return value;
  }
};

const relatedRow = z.object({ article: z.coerce.number(), documentId: z.string() });

/**
 * Row access for the scanned content types: what linking needs, straight from the tables (one
 * query for the rows, one per relation asked for), inside the caller's transaction. Strapi's
 * query layer would cost more than the linking itself on a relink of thousands of rows.
 */
const articlesService = ({ strapi }: { strapi: Core.Strapi }) => {
  // The database's view of the type: it also has documentId, locale and the timestamps.
  const attributesOf = (uid: string) => strapi.db.metadata.get(uid).attributes as Record<string, { type?: string }>;

  /** documentIds of one relation of these rows, in list order, by row id. */
  const relatedOf = async (trx: Knex.Transaction, uid: string, attribute: string, ids: number[]): Promise<Map<number, { documentId: string }[]>> => {
    const byRow = new Map<number, { documentId: string }[]>();
    const join = tableOf(strapi, uid).joinTable(attribute);
    if (!join || ids.length === 0) return byRow;
    const target = tableOf(strapi, ORGANIZATION_UID);
    const found = z.array(relatedRow).parse(
      await trx(`${join.name} as j`)
        .join(`${target.name} as o`, 'o.id', `j.${join.inverseJoinColumn}`)
        .select({ article: `j.${join.joinColumn}`, documentId: `o.${target.column('documentId')}` })
        .whereIn(`j.${join.joinColumn}`, ids)
        .orderBy([`j.${join.joinColumn}`, ...(join.orderColumn ? [`j.${join.orderColumn}`] : []), 'j.id'])
    );
    for (const row of found) {
      const list = byRow.get(row.article);
      if (list) list.push({ documentId: row.documentId });
      else byRow.set(row.article, [{ documentId: row.documentId }]);
    }
    return byRow;
  };

  /** Stored rows with the editor's inputs and the fields asked for, in id order; a row that does not parse is an error, not a guess. */
  const loadRows = async (uid: string, filter: RowFilter, fields: string[], { withMentioned = true } = {}): Promise<StoredRow[]> => {
    if ('ids' in filter && filter.ids.length === 0) return [];
    const attributes = attributesOf(uid);
    const table = tableOf(strapi, uid);
    const wanted = ['documentId', 'locale', 'publishedAt', 'updatedAt', 'title', LINKER_ATTRIBUTES.autolink, LINKER_ATTRIBUTES.choices, LINKER_ATTRIBUTES.searchText, ...fields];
    const columns: Record<string, string> = { id: 'id' };
    for (const name of wanted) if (name in attributes) columns[name] = table.column(name);
    const json = wanted.filter((name) => attributes[name]?.type === 'json' || attributes[name]?.type === 'blocks');
    return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
      const query = trx(table.name).select(columns).orderBy('id');
      if ('ids' in filter) query.whereIn('id', filter.ids);
      else {
        query.where(table.column('documentId'), filter.documentId);
        if (filter.status === 'draft') query.whereNull(table.column('publishedAt'));
        else query.whereNotNull(table.column('publishedAt'));
        if (filter.locale && 'locale' in attributes) query.where(table.column('locale'), filter.locale);
      }
      const rows = (await query) as Record<string, unknown>[];
      const ids = rows.map((row) => Number(row.id));
      const ignored = await relatedOf(trx, uid, LINKER_ATTRIBUTES.ignored, ids);
      const mentioned = withMentioned ? await relatedOf(trx, uid, LINKER_ATTRIBUTES.mentioned, ids) : null;
      return rows.map((row) => {
        for (const name of json) if (name in row) row[name] = fromJson(row[name]);
        const id = Number(row.id);
        return storedRowSchema.parse({
          ...row,
          [LINKER_ATTRIBUTES.ignored]: ignored.get(id) ?? [],
          ...(mentioned ? { [LINKER_ATTRIBUTES.mentioned]: mentioned.get(id) ?? [] } : {}),
        });
      });
    });
  };

  const loadRow = async (uid: string, filter: RowFilter, fields: string[]): Promise<StoredRow | null> => (await loadRows(uid, filter, fields))[0] ?? null;

  return { loadRows, loadRow, inputsOfRow };
};

export type ArticlesService = ReturnType<typeof articlesService>;
export default articlesService;
