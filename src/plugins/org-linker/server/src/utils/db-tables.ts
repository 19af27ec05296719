import type { Core } from '@strapi/strapi';

/** The columns of a relation's join table, as Strapi's database metadata names them. */
export interface JoinTableColumns {
  /** The join table. */
  name: string;
  /** Points at the owning row (this content type). */
  joinColumn: string;
  /** Points at the related row (the target). */
  inverseJoinColumn: string;
  /** The position in the owner's list; absent on a relation Strapi keeps unordered. */
  orderColumn: string | null;
  /** The position in the target's inverse list; absent on a one-way relation. */
  inverseOrderColumn: string | null;
  /** Column values that select this attribute's rows in a shared table (components: `field`). */
  on: Record<string, string>;
}

/** A content type's table and its columns, read from Strapi's database metadata. */
export interface TableColumns {
  /** The content type's table. */
  name: string;
  /** The column of a scalar attribute (its name unless the metadata renames it). */
  column(attribute: string): string;
  /** The join table of a relation attribute, or null if the attribute has none (a morph or a join column). */
  joinTable(attribute: string): JoinTableColumns | null;
}

/**
 * The table and columns of a content type (or any model Strapi's database knows), from
 * `strapi.db.metadata`: the one place that turns attribute names into the names knex needs, for
 * the few writes that go straight to the tables (set-based updates, relation differences).
 */
export const tableOf = (strapi: Core.Strapi, uid: string): TableColumns => {
  const meta = strapi.db.metadata.get(uid);
  return {
    name: meta.tableName,
    column(attribute) {
      const definition = meta.attributes[attribute];
      return definition && 'columnName' in definition && typeof definition.columnName === 'string' ? definition.columnName : attribute;
    },
    joinTable(attribute) {
      const definition = meta.attributes[attribute];
      if (!definition || definition.type !== 'relation' || !('joinTable' in definition) || !definition.joinTable) return null;
      const table = definition.joinTable;
      // Morph tables (media, dynamic targets) have a morph column instead of an inverse join column.
      if (!('inverseJoinColumn' in table)) return null;
      return {
        name: table.name,
        joinColumn: table.joinColumn.name,
        inverseJoinColumn: table.inverseJoinColumn.name,
        orderColumn: table.orderColumnName ?? null,
        inverseOrderColumn: table.inverseOrderColumnName ?? null,
        on: Object.fromEntries(Object.entries(table.on ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
      };
    },
  };
};
