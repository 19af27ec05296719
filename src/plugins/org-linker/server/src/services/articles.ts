import type { Core, UID } from '@strapi/strapi';
import { z } from 'zod';
import { choicesSchema, type OrganizationChoice } from '../../../shared/contracts';
import { LINKER_ATTRIBUTES } from '../constants';
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

/** Row access for the scanned content types: what linking needs, in one query per call (plus one per relation). */
const articlesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const selectable = (uid: string, names: string[]) =>
    names.filter((name) => name in (strapi.contentTypes[uid as UID.ContentType]?.attributes ?? {}) || ['id', 'documentId', 'locale', 'publishedAt'].includes(name));

  /** Stored rows with the editor's inputs and the fields asked for, in id order; a row that does not parse is an error, not a guess. */
  const loadRows = async (uid: string, where: Record<string, unknown>, fields: string[], { withMentioned = true } = {}): Promise<StoredRow[]> => {
    const rows: unknown[] = await strapi.db.query(uid).findMany({
      where,
      select: selectable(uid, [
        'id',
        'documentId',
        'locale',
        'publishedAt',
        'updatedAt',
        'title',
        LINKER_ATTRIBUTES.autolink,
        LINKER_ATTRIBUTES.choices,
        LINKER_ATTRIBUTES.searchText,
        ...fields,
      ]),
      populate: {
        [LINKER_ATTRIBUTES.ignored]: { select: ['documentId'] },
        ...(withMentioned ? { [LINKER_ATTRIBUTES.mentioned]: { select: ['documentId'] } } : {}),
      },
      orderBy: { id: 'asc' },
    });
    return rows.map((row) => storedRowSchema.parse(row));
  };

  const loadRow = async (uid: string, where: Record<string, unknown>, fields: string[]): Promise<StoredRow | null> => (await loadRows(uid, where, fields))[0] ?? null;

  return { loadRows, loadRow, inputsOfRow };
};

export type ArticlesService = ReturnType<typeof articlesService>;
export default articlesService;
