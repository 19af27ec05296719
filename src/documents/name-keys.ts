import type { Core } from '@strapi/strapi';
import { nameKey } from './names';

const ORGANIZATION = 'api::organization.organization';
/** Rows per UPDATE: two bound values per row, well below every database's parameter limit. */
const CHUNK = 500;

/**
 * Fills the folded name key of organizations stored before the key existed (or written around
 * the Document Service), so the look-alike check finds them. One UPDATE per chunk of rows.
 */
export const backfillNameKeys = async (strapi: Core.Strapi): Promise<number> => {
  const meta = strapi.db.metadata.get(ORGANIZATION);
  const column = (attribute: string) => (meta.attributes[attribute] as { columnName?: string }).columnName ?? attribute;
  const [keyColumn, nameColumn] = [column('nameKey'), column('name')];
  const knex = strapi.db.connection;
  let filled = 0;
  for (;;) {
    const rows = (await knex(meta.tableName).select('id', nameColumn).whereNull(keyColumn).whereNotNull(nameColumn).limit(CHUNK)) as Record<string, unknown>[];
    if (rows.length === 0) return filled;
    const cases = rows.map(() => 'WHEN ? THEN ?').join(' ');
    const bindings = rows.flatMap((row) => [Number(row.id), nameKey(String(row[nameColumn]))]);
    await knex(meta.tableName)
      .whereIn(
        'id',
        rows.map((row) => Number(row.id))
      )
      .update({ [keyColumn]: knex.raw(`CASE id ${cases} END`, bindings) });
    filled += rows.length;
  }
};
