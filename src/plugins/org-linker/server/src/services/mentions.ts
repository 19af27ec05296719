import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { z } from 'zod';
import { LINKER_ATTRIBUTES, ORGANIZATION_UID } from '../constants';
import { tableOf } from '../utils/db-tables';

/** A stored relation row with its organization's documentId; ids and positions come back as numbers or numeric strings, by database. */
const storedRowSchema = z.object({
  id: z.coerce.number(),
  article: z.coerce.number(),
  organization: z.coerce.number(),
  position: z.coerce.number().nullable(),
  inverse: z.coerce.number().nullable(),
  documentId: z.string(),
});
type StoredRelationRow = z.infer<typeof storedRowSchema>;
/** An organization row: published when publishedAt is set. */
const organizationRowSchema = z.object({ id: z.coerce.number(), documentId: z.string(), publishedAt: z.unknown() });
/** The last position of articles in an organization's inverse list. */
const lastPositionSchema = z.object({ organization: z.coerce.number(), last: z.coerce.number().nullable() });

/** An article row and the organizations (documentIds, reading order) its relation must name. */
export interface RelationTarget {
  id: number;
  published: boolean;
  documentIds: string[];
}

/** Rows per statement: below every database's bound-parameter limit (4 columns each). */
const CHUNK = 200;

const chunks = <T>(items: T[], size = CHUNK): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));

/**
 * Writes the mentionedOrganizations relation of article rows straight into its join table, as a
 * difference: one query reads what is stored; an unchanged list writes nothing; otherwise one
 * DELETE removes what went (or moved) and one INSERT adds what came, whatever the number of rows
 * and organizations. Strapi's generic relation writer costs a few queries per organization (and
 * publish copies the rows again). The rows are the ones Strapi writes: draft rows point at draft
 * organizations, published rows at published ones, with the list order (a row whose position
 * changed is deleted and inserted again at its new one) and the order of the article in each
 * organization's mentionedIn (kept for a row moved within the list, last for a new one, as Strapi appends).
 */
const mentionsService = ({ strapi }: { strapi: Core.Strapi }) => {
  /** The relation's join table; the startup check refuses a type whose relation has no inverse (and so no inverse order column). */
  const joinTableOf = (uid: string) => {
    const table = tableOf(strapi, uid).joinTable(LINKER_ATTRIBUTES.mentioned);
    if (!table?.orderColumn || !table.inverseOrderColumn) throw new Error(`${uid}.${LINKER_ATTRIBUTES.mentioned} is not a two-way many-to-many relation with a join table`);
    return { ...table, orderColumn: table.orderColumn, inverseOrderColumn: table.inverseOrderColumn };
  };

  const organizations = () => {
    const table = tableOf(strapi, ORGANIZATION_UID);
    return { table: table.name, documentId: table.column('documentId'), publishedAt: table.column('publishedAt') };
  };

  return {
    /** Removes the relation rows of these article rows (a draft about to be published: publish would copy them one by one). */
    async clear(uid: string, rowIds: number[]): Promise<void> {
      if (rowIds.length === 0) return;
      const table = joinTableOf(uid);
      await strapi.db.transaction(({ trx }: { trx: Knex.Transaction }) => trx(table.name).whereIn(table.joinColumn, rowIds).delete());
    },

    /**
     * Sets the relation of each article row to exactly its organizations, in that order. Returns
     * the ids of the article rows whose relation rows changed. `fresh`: the rows have no relation
     * rows yet (just created, or cleared before a publish), so nothing stored is read.
     */
    async write(uid: string, targets: RelationTarget[], { fresh = false }: { fresh?: boolean } = {}): Promise<Set<number>> {
      const changed = new Set<number>();
      if (targets.length === 0) return changed;
      const table = joinTableOf(uid);
      const target = organizations();
      const { joinColumn, inverseJoinColumn, orderColumn: orderColumnName, inverseOrderColumn: inverseOrderColumnName } = table;
      await strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        // What is stored, in list order, with the organizations' documentIds (one query; none
        // for rows the caller knows have no relation rows yet).
        const stored = fresh
          ? []
          : z.array(storedRowSchema).parse(
              await trx(`${table.name} as j`)
                .join(`${target.table} as o`, 'o.id', `j.${inverseJoinColumn}`)
                .select({
                  id: 'j.id',
                  article: `j.${joinColumn}`,
                  organization: `j.${inverseJoinColumn}`,
                  position: `j.${orderColumnName}`,
                  inverse: `j.${inverseOrderColumnName}`,
                  documentId: `o.${target.documentId}`,
                })
                .whereIn(
                  `j.${joinColumn}`,
                  targets.map((row) => row.id)
                )
                .orderBy([`j.${joinColumn}`, `j.${orderColumnName}`, 'j.id'])
            );
        const storedOf = new Map<number, StoredRelationRow[]>();
        for (const row of stored) {
          const rows = storedOf.get(Number(row.article));
          if (rows) rows.push(row);
          else storedOf.set(Number(row.article), [row]);
        }
        const stale = targets.filter((row) => {
          const current = (storedOf.get(row.id) ?? []).map((stored) => stored.documentId);
          return current.length !== row.documentIds.length || current.some((documentId, index) => documentId !== row.documentIds[index]);
        });
        if (stale.length === 0) return;

        const wanted = [...new Set(stale.flatMap((row) => row.documentIds))];
        const found =
          wanted.length === 0
            ? []
            : z
                .array(organizationRowSchema)
                .parse(await trx(target.table).select({ id: 'id', documentId: target.documentId, publishedAt: target.publishedAt }).whereIn(target.documentId, wanted));
        const idOf = new Map(found.map((row) => [`${row.documentId}:${row.publishedAt === null ? 'draft' : 'published'}`, row.id]));

        const deletions: number[] = [];
        const insertions: { article: number; organization: number; position: number; inverse: number | null }[] = [];
        for (const row of stale) {
          const desired = row.documentIds.map((documentId) => idOf.get(`${documentId}:${row.published ? 'published' : 'draft'}`)).filter((id): id is number => id !== undefined);
          const position = new Map(desired.map((organization, index) => [organization, index + 1]));
          const kept = new Set<number>();
          const before = { deletions: deletions.length, insertions: insertions.length };
          for (const current of storedOf.get(row.id) ?? []) {
            const organization = Number(current.organization);
            if (position.get(organization) === Number(current.position) && !kept.has(organization)) kept.add(organization);
            else deletions.push(Number(current.id));
          }
          const previousInverse = new Map((storedOf.get(row.id) ?? []).map((current) => [Number(current.organization), current.inverse === null ? null : Number(current.inverse)]));
          for (const organization of desired) {
            if (!kept.has(organization))
              insertions.push({ article: row.id, organization, position: position.get(organization)!, inverse: previousInverse.get(organization) ?? null });
          }
          if (deletions.length > before.deletions || insertions.length > before.insertions) changed.add(row.id);
        }
        for (const ids of chunks(deletions)) await trx(table.name).whereIn('id', ids).delete();
        if (insertions.length === 0) return;

        // A new pair goes last in the organization's mentionedIn, as Strapi appends it.
        const appended = [...new Set(insertions.filter((insertion) => insertion.inverse === null).map((insertion) => insertion.organization))];
        const last = new Map<number, number>();
        for (const ids of chunks(appended)) {
          const rows = z
            .array(lastPositionSchema)
            .parse(
              await trx(table.name)
                .select({ organization: inverseJoinColumn })
                .max(inverseOrderColumnName, { as: 'last' })
                .whereIn(inverseJoinColumn, ids)
                .groupBy(inverseJoinColumn)
            );
          for (const row of rows) last.set(row.organization, row.last ?? 0);
        }
        const records = insertions.map((insertion) => {
          let inverse = insertion.inverse;
          if (inverse === null) {
            inverse = (last.get(insertion.organization) ?? 0) + 1;
            last.set(insertion.organization, inverse);
          }
          return { [joinColumn]: insertion.article, [inverseJoinColumn]: insertion.organization, [orderColumnName]: insertion.position, [inverseOrderColumnName]: inverse };
        });
        for (const chunk of chunks(records)) await trx(table.name).insert(chunk);
      });
      return changed;
    },
  };
};

export type MentionsService = ReturnType<typeof mentionsService>;
export default mentionsService;
