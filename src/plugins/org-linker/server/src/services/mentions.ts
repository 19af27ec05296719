import type { Core, UID } from '@strapi/strapi';
import { LINKER_ATTRIBUTES, ORGANIZATION_UID } from '../constants';

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  orderColumnName: string;
  inverseOrderColumnName: string;
}

export interface ArticleRow {
  id: number;
  published: boolean;
}

/** Rows per INSERT: below every database's bound-parameter limit (4 columns each). */
const INSERT_CHUNK = 200;

/**
 * Writes the mentionedOrganizations relation of article rows straight into its join table, in a
 * fixed number of queries whatever the number of organizations. Strapi's generic relation writer
 * costs a few queries per organization (and publish copies the rows again), which made an article
 * naming 50 organizations twice as slow to save; the rows written here are the same ones Strapi
 * writes: draft rows point at draft organizations, published rows at published ones, with the
 * list order and the order of the article in each organization's mentionedIn.
 */
const mentionsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const joinTableOf = (uid: string): JoinTable =>
    (strapi.db.metadata.get(uid as UID.ContentType).attributes[LINKER_ATTRIBUTES.mentioned] as unknown as { joinTable: JoinTable }).joinTable;

  const organizations = () => {
    const meta = strapi.db.metadata.get(ORGANIZATION_UID);
    const column = (attribute: string) => (meta.attributes[attribute] as { columnName?: string }).columnName ?? attribute;
    return { table: meta.tableName, documentId: column('documentId'), publishedAt: column('publishedAt') };
  };

  return {
    /** Removes the relation rows of these article rows (e.g. a draft about to be published). */
    async clear(uid: string, rowIds: number[]): Promise<void> {
      if (rowIds.length === 0) return;
      const table = joinTableOf(uid);
      await strapi.db.transaction(({ trx }) => trx(table.name).whereIn(table.joinColumn.name, rowIds).delete());
    },

    /** Sets the relation of each article row to exactly these organizations, in this order. */
    async replace(uid: string, rows: ArticleRow[], documentIds: string[]): Promise<void> {
      if (rows.length === 0) return;
      const table = joinTableOf(uid);
      await strapi.db.transaction(async ({ trx }) => {
        await trx(table.name)
          .whereIn(
            table.joinColumn.name,
            rows.map((row) => row.id)
          )
          .delete();
        if (documentIds.length === 0) return;

        const target = organizations();
        const targets = (await trx(target.table)
          .select('id', target.documentId, target.publishedAt)
          .whereIn(target.documentId, documentIds)) as Record<string, unknown>[];
        const targetId = new Map(
          targets.map((row) => [`${String(row[target.documentId])}:${row[target.publishedAt] === null ? 'draft' : 'published'}`, Number(row.id)])
        );
        const pairs = rows.flatMap((row) =>
          documentIds
            .map((documentId) => targetId.get(`${documentId}:${row.published ? 'published' : 'draft'}`))
            .filter((id): id is number => id !== undefined)
            .map((organizationId, index) => ({ articleId: row.id, organizationId, position: index + 1 }))
        );
        if (pairs.length === 0) return;

        // The article goes last in each organization's mentionedIn, as Strapi appends it.
        const lastPositions = (await trx(table.name)
          .select(table.inverseJoinColumn.name)
          .max(table.inverseOrderColumnName, { as: 'last' })
          .whereIn(table.inverseJoinColumn.name, [...new Set(pairs.map((pair) => pair.organizationId))])
          .groupBy(table.inverseJoinColumn.name)) as Record<string, unknown>[];
        const last = new Map(lastPositions.map((row) => [Number(row[table.inverseJoinColumn.name]), Number(row.last ?? 0)]));
        const records = pairs.map((pair) => ({
          [table.joinColumn.name]: pair.articleId,
          [table.inverseJoinColumn.name]: pair.organizationId,
          [table.orderColumnName]: pair.position,
          [table.inverseOrderColumnName]: (last.get(pair.organizationId) ?? 0) + 1,
        }));
        for (let start = 0; start < records.length; start += INSERT_CHUNK) {
          await trx(table.name).insert(records.slice(start, start + INSERT_CHUNK));
        }
      });
    },
  };
};

export type MentionsService = ReturnType<typeof mentionsService>;
export default mentionsService;
