import type { Core } from '@strapi/strapi';
import { z } from 'zod';
// The one helper that reads table and column names from Strapi's metadata (shared with the org-linker plugin, whose build cannot import the app).
import { tableOf } from '../plugins/org-linker/server/src/utils/db-tables';
import { nameKey } from './names';

const ORGANIZATION = 'api::organization.organization';
/** Rows per UPDATE: two bound values per row, well below every database's parameter limit. */
const CHUNK = 500;
/** An organization row without a name key (the name is not null: the query says so). */
const unkeyedRow = z.object({ id: z.coerce.number(), name: z.string() });

/**
 * Fills the folded name key of organizations stored before the key existed (or written around
 * the Document Service), so the look-alike check finds them. One UPDATE per chunk of rows.
 */
export const backfillNameKeys = async (strapi: Core.Strapi): Promise<number> => {
  const table = tableOf(strapi, ORGANIZATION);
  const [keyColumn, nameColumn] = [table.column('nameKey'), table.column('name')];
  const knex = strapi.db.connection;
  let filled = 0;
  for (;;) {
    const rows = z.array(unkeyedRow).parse(await knex(table.name).select({ id: 'id', name: nameColumn }).whereNull(keyColumn).whereNotNull(nameColumn).limit(CHUNK));
    if (rows.length === 0) return filled;
    const cases = rows.map(() => 'WHEN ? THEN ?').join(' ');
    const bindings = rows.flatMap((row) => [row.id, nameKey(row.name)]);
    await knex(table.name)
      .whereIn(
        'id',
        rows.map((row) => row.id)
      )
      .update({ [keyColumn]: knex.raw(`CASE id ${cases} END`, bindings) });
    filled += rows.length;
  }
};
