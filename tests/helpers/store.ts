import type { Core } from '@strapi/strapi';

/**
 * What the database holds for a content type: every row of its table (every field, drafts and
 * published versions, every locale), of the join tables of its relations and components, and of
 * its components' own tables (an alias's text lives there, not in the join table), read with
 * plain SQL so nothing in Strapi's query layer hides a row. Compared as text before and after a
 * refused write: a refused write must leave it exactly as it was.
 */
export const storeSnapshot = async (strapi: Core.Strapi, uid: string): Promise<string> => {
  const tables: string[] = [];
  const add = (table: string) => {
    if (!tables.includes(table)) tables.push(table);
  };
  const visit = (model: string) => {
    const meta = strapi.db.metadata.get(model);
    add(meta.tableName);
    for (const attribute of Object.values(meta.attributes)) {
      const { joinTable, target } = attribute as { joinTable?: { name?: unknown }; target?: unknown };
      if (joinTable && typeof joinTable.name === 'string') add(joinTable.name);
      // Components (and components inside them) are stored in tables of their own.
      if (typeof target === 'string' && target in strapi.components && !tables.includes(strapi.db.metadata.get(target).tableName)) visit(target);
    }
  };
  visit(uid);
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
