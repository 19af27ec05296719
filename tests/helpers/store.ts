import type { Core } from '@strapi/strapi';

/**
 * What the database holds for a content type: every row of its table (every field, drafts and
 * published versions, every locale) and of the join tables of its relations and components, read
 * with plain SQL so nothing in Strapi's query layer hides a row. Compared as text before and
 * after a refused write: a refused write must leave it exactly as it was.
 */
export const storeSnapshot = async (strapi: Core.Strapi, uid: string): Promise<string> => {
  const meta = strapi.db.metadata.get(uid);
  const tables = [meta.tableName];
  for (const attribute of Object.values(meta.attributes)) {
    const joinTable = (attribute as { joinTable?: { name?: unknown } }).joinTable;
    if (joinTable && typeof joinTable.name === 'string' && !tables.includes(joinTable.name)) tables.push(joinTable.name);
  }
  const out: Record<string, unknown[]> = {};
  for (const table of tables.sort()) out[table] = await strapi.db.connection(table).select('*').orderBy('id');
  return canonical(out);
};

/** JSON with object keys sorted: PostgreSQL's jsonb does not keep key order. */
export const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item) && !(item instanceof Date)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item
  );
