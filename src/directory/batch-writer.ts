import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { nameKey } from '../documents/names';
import { toSlug } from '../documents/slugs';
import type { AliasValue } from './formats';
import type { DirectorySnapshot } from '../plugins/org-linker/shared/contracts';

const ORGANIZATION = 'api::organization.organization';
const SECTOR = 'api::sector.sector';
const ALIAS_COMPONENT = 'organization.alias';
/** Bound values per statement: well below SQLite's (32,766) and PostgreSQL's (65,535) limits. */
const MAX_BINDINGS = 10_000;
/** Rows per INSERT: knex writes a multi-row INSERT on SQLite as a compound SELECT, limited to 500 terms. */
const MAX_ROWS = 400;

/** A new organization as the import creates it (fields already checked by the content model's schema). */
export interface NewOrganization {
  documentId: string;
  data: Record<string, unknown>;
  publish: boolean;
}

/** Knex, or the transaction of the batch (a Knex too). */
export type Knex = Core.Strapi['db']['connection'];

export interface RowIds {
  draft: number;
  published: number | null;
}

const CUID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A documentId in Strapi's shape (24 lowercase letters and digits, a letter first). */
export const newDocumentId = (): string => {
  const bytes = randomBytes(24);
  let id = CUID_ALPHABET[bytes[0] % 26];
  for (let index = 1; index < 24; index += 1) id += CUID_ALPHABET[bytes[index] % 36];
  return id;
};

/** The new values of some columns of one organization's rows (its draft, and its published row when published). */
interface RowUpdate {
  targets: number[];
  columns: Record<string, unknown>;
}

/** Rows in statements small enough for every database's limit on bound values. */
const chunksOf = <T>(rows: T[], width: number): T[][] => {
  const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_BINDINGS / Math.max(1, width))));
  const chunks: T[][] = [];
  for (let from = 0; from < rows.length; from += size) chunks.push(rows.slice(from, from + size));
  return chunks;
};

/**
 * Writes new organizations straight into the tables Strapi 5 made for the content type, many rows
 * per statement, in the caller's transaction: what strapi.documents().create (and publish) would
 * store — a draft row, with --publish a published row with the same documentId, locale null, the
 * private nameKey, a unique slug, the aliases component (a copy per row, as Strapi keeps them), the
 * sector links (to the sector rows) and, later, the parent links (draft to draft, published to
 * published). The Document Service middlewares do not run here: the importer has already done what
 * they check (schema, look-alike names, identifiers) against its in-memory index of the directory,
 * and queues the directory change itself.
 */
export const batchWriter = ({ strapi }: { strapi: Core.Strapi }) => {
  const meta = strapi.db.metadata.get(ORGANIZATION);
  const column = (attribute: string): string => (meta.attributes[attribute] as { columnName?: string } | undefined)?.columnName ?? attribute;
  const joinTable = (attribute: string) =>
    (
      meta.attributes[attribute] as unknown as {
        joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string }; orderColumnName?: string; inverseOrderColumnName?: string };
      }
    ).joinTable;
  const componentTable = strapi.db.metadata.get(`${ALIAS_COMPONENT}` as never).tableName;
  const cmpsTable = `${meta.tableName}_cmps`;

  /** Every slug in use, so new ones are made unique as the slug middleware makes them (base, base-2 …). */
  const loadSlugs = async (): Promise<Set<string>> => {
    const rows = await strapi.db.connection<Record<string, unknown>>(meta.tableName).select(column('slug'));
    return new Set(rows.map((row) => row[column('slug')]).filter((slug): slug is string => typeof slug === 'string'));
  };

  const uniqueSlug = (taken: Set<string>, name: string): string => {
    const base = toSlug(name) || 'organization';
    let slug = base;
    for (let suffix = 2; taken.has(slug); suffix += 1) slug = `${base}-${suffix}`;
    taken.add(slug);
    return slug;
  };

  const sectorRowIds = async (): Promise<Map<string, number>> => {
    const rows = (await strapi.db.query(SECTOR).findMany({ select: ['id', 'documentId'] })) as { id: number; documentId: string }[];
    return new Map(rows.map((row) => [row.documentId, Number(row.id)]));
  };

  /** Row ids (draft and published) of documents, read in chunks. */
  const rowIds = async (knex: Knex, documentIds: string[]): Promise<Map<string, RowIds>> => {
    const ids = new Map<string, RowIds>();
    for (const chunk of chunksOf(documentIds, 1)) {
      const rows = (await knex(meta.tableName)
        .select('id', column('documentId'), column('publishedAt'))
        .whereIn(column('documentId'), chunk)
        .whereNull(column('locale'))) as Record<string, unknown>[];
      for (const row of rows) {
        const documentId = row[column('documentId')] as string;
        const entry = ids.get(documentId) ?? { draft: 0, published: null };
        if (row[column('publishedAt')] === null || row[column('publishedAt')] === undefined) entry.draft = Number(row.id);
        else entry.published = Number(row.id);
        ids.set(documentId, entry);
      }
    }
    return ids;
  };

  /** Inserts the aliases component of organization rows (a component row per alias and row, linked in order). */
  const writeAliases = async (knex: Knex, entities: { entity: number; aliases: AliasValue[] }[]) => {
    const aliasRows = entities.flatMap(({ entity, aliases }) => aliases.map((alias, index) => ({ entity, order: index + 1, alias })));
    for (const chunk of chunksOf(aliasRows, 2)) {
      const inserted: unknown[] = await knex(componentTable)
        .insert(chunk.map(({ alias }) => ({ text: alias.text, language: alias.language ?? null })))
        .returning('id');
      const links = chunk.map(({ entity, order }, index) => {
        const id = inserted[index];
        return {
          entity_id: entity,
          cmp_id: Number(typeof id === 'object' && id !== null ? (id as { id: unknown }).id : id),
          component_type: ALIAS_COMPONENT,
          field: 'aliases',
          order,
        };
      });
      for (const linkChunk of chunksOf(links, 5)) await knex(cmpsTable).insert(linkChunk);
    }
  };

  /** Links organization rows to sectors (no draft and publish on sectors: to the sector's row), in the record's order. */
  const writeSectors = async (knex: Knex, entities: { entity: number; sectors: string[] }[], sectorRows: Map<string, number>) => {
    const join = joinTable('sectors');
    const links = entities.flatMap(({ entity, sectors }) =>
      sectors.map((documentId, index) => {
        const sector = sectorRows.get(documentId);
        if (sector === undefined) throw new Error(`sectors: there is no sector "${documentId}"`);
        return { [join.joinColumn.name]: entity, [join.inverseJoinColumn.name]: sector, ...(join.orderColumnName ? { [join.orderColumnName]: index + 1 } : {}) };
      })
    );
    for (const chunk of chunksOf(links, 3)) await knex(join.name).insert(chunk);
  };

  /** The directory tracker's snapshots of the documents' published rows (as track-directory takes them). */
  const publishedSnapshots = async (knex: Knex, documentIds: string[]): Promise<Map<string, DirectorySnapshot>> => {
    const snapshots = new Map<string, DirectorySnapshot>();
    for (const chunk of chunksOf(documentIds, 1)) {
      const rows = await knex<Record<string, unknown>>(meta.tableName)
        .select('id', column('documentId'), column('name'), column('acronym'), column('slug'), column('autolink'), column('acronymAlone'))
        .whereIn(column('documentId'), chunk)
        .whereNotNull(column('publishedAt'));
      const aliases = await knex<Record<string, unknown>>(cmpsTable)
        .join(componentTable, `${componentTable}.id`, `${cmpsTable}.cmp_id`)
        .select(`${cmpsTable}.entity_id as entity`, `${componentTable}.text as text`)
        .whereIn(
          `${cmpsTable}.entity_id`,
          rows.map((row) => Number(row.id))
        )
        .where(`${cmpsTable}.field`, 'aliases')
        .orderBy([`${cmpsTable}.entity_id`, `${cmpsTable}.order`]);
      for (const row of rows) {
        snapshots.set(row[column('documentId')] as string, {
          name: row[column('name')] as string,
          acronym: (row[column('acronym')] as string | null) ?? null,
          aliases: (aliases as { entity: unknown; text: unknown }[])
            .filter((alias) => Number(alias.entity) === Number(row.id) && typeof alias.text === 'string' && alias.text !== '')
            .map((alias) => alias.text as string),
          slug: row[column('slug')] as string,
          autolink: row[column('autolink')] !== false && row[column('autolink')] !== 0,
          acronymAlone: (row[column('acronymAlone')] as string | null) ?? null,
        });
      }
    }
    return snapshots;
  };

  /**
   * The draft rows of the whole directory with their aliases, parent and sectors, as
   * strapi.db.query().findMany would return them with those populated, read with a handful of
   * joins (no list of ids bound: a populate binds one per row, beyond SQLite's limit at ~32,000).
   */
  const readDrafts = async (knex: Knex, fields: string[]): Promise<Record<string, unknown>[]> => {
    const table = meta.tableName;
    const rows = await knex<Record<string, unknown>>(table)
      .select('id', ...['documentId', 'importedAt', ...fields].map((field) => `${column(field)} as ${field}`))
      .whereNull(column('publishedAt'))
      .orderBy('id');
    const byId = new Map<number, Record<string, unknown>>();
    for (const row of rows) {
      if ('autolink' in row && row.autolink !== null && row.autolink !== undefined) row.autolink = Boolean(row.autolink);
      Object.assign(row, { aliases: [], parent: null, sectors: [] });
      byId.set(Number(row.id), row);
    }
    const aliases = (await knex(cmpsTable)
      .join(componentTable, `${componentTable}.id`, `${cmpsTable}.cmp_id`)
      .join(table, `${table}.id`, `${cmpsTable}.entity_id`)
      .whereNull(`${table}.${column('publishedAt')}`)
      .where(`${cmpsTable}.field`, 'aliases')
      .select(`${cmpsTable}.entity_id as entity`, `${componentTable}.text as text`, `${componentTable}.language as language`)
      .orderBy([`${cmpsTable}.entity_id`, `${cmpsTable}.order`])) as { entity: unknown; text: unknown; language: unknown }[];
    for (const alias of aliases) (byId.get(Number(alias.entity))?.aliases as unknown[] | undefined)?.push({ text: alias.text, language: alias.language ?? null });
    const parent = joinTable('parent');
    const parents = await knex<Record<string, unknown>>(`${parent.name} as link`)
      .join(`${table} as child`, 'child.id', `link.${parent.joinColumn.name}`)
      .join(`${table} as parent`, 'parent.id', `link.${parent.inverseJoinColumn.name}`)
      .whereNull(`child.${column('publishedAt')}`)
      .select('child.id as child', `parent.${column('documentId')} as parent`);
    for (const link of parents as Record<string, unknown>[]) {
      const row = byId.get(Number(link.child));
      if (row) row.parent = { documentId: link.parent };
    }
    const sectors = joinTable('sectors');
    const sectorTable = strapi.db.metadata.get(SECTOR).tableName;
    const sectorLinks = await knex<Record<string, unknown>>(`${sectors.name} as link`)
      .join(`${table} as organization`, 'organization.id', `link.${sectors.joinColumn.name}`)
      .join(`${sectorTable} as sector`, 'sector.id', `link.${sectors.inverseJoinColumn.name}`)
      .whereNull(`organization.${column('publishedAt')}`)
      .select('organization.id as organization', 'sector.document_id as sector');
    for (const link of sectorLinks as Record<string, unknown>[]) (byId.get(Number(link.organization))?.sectors as unknown[] | undefined)?.push({ documentId: link.sector });
    return rows;
  };

  /**
   * The changed columns of many rows: one UPDATE per set of columns changed (and chunk), each
   * column that differs between rows set by a CASE on the row id, rather than an UPDATE per row.
   */
  const updateRows = async (knex: Knex, updates: RowUpdate[]): Promise<void> => {
    const bySignature = new Map<string, RowUpdate[]>();
    for (const update of updates) {
      const signature = Object.keys(update.columns).sort().join('\u0000');
      const group = bySignature.get(signature);
      if (group) group.push(update);
      else bySignature.set(signature, [update]);
    }
    for (const group of bySignature.values()) {
      const names = Object.keys(group[0].columns);
      // Per organization, up to two rows (draft and published): an id and a value for each in
      // every CASE, and the two ids of the WHERE.
      for (const chunk of chunksOf(group, 4 * names.length + 2)) {
        const set: Record<string, unknown> = {};
        for (const name of names) {
          const first = chunk[0].columns[name];
          if (chunk.every((update) => update.columns[name] === first)) {
            set[name] = first;
            continue;
          }
          const cases: string[] = [];
          const bindings: unknown[] = [];
          for (const update of chunk)
            for (const target of update.targets) {
              const value = update.columns[name];
              // A boolean's placeholder is cast: PostgreSQL would take an untyped CASE for text. (An
              // import only ever sets autolink to false, so today its values never differ.)
              cases.push(typeof value === 'boolean' ? 'WHEN ? THEN CAST(? AS boolean)' : 'WHEN ? THEN ?');
              bindings.push(target, value);
            }
          set[name] = knex.raw(`CASE ?? ${cases.join(' ')} END`, ['id', ...bindings]);
        }
        await knex(meta.tableName)
          .whereIn(
            'id',
            chunk.flatMap((update) => update.targets)
          )
          .update(set);
      }
    }
  };

  /**
   * Updates organizations in place (one call = one batch, inside the caller's transaction): the
   * changed fields of the draft row, and of the published row too when `publish` (the rows keep
   * their ids, so what links to them stays linked). Aliases and sectors given are replaced.
   * Returns the published snapshots before and after, for the directory tracker.
   */
  const update = async (
    knex: Knex,
    changes: { documentId: string; data: Record<string, unknown>; publish: boolean }[],
    context: { sectors: Map<string, number>; now: Date }
  ): Promise<{ before: Map<string, DirectorySnapshot>; after: Map<string, DirectorySnapshot> }> => {
    const documentIds = changes.map((change) => change.documentId);
    const ids = await rowIds(knex, documentIds);
    const before = await publishedSnapshots(knex, documentIds);
    const aliasTargets: { entity: number; aliases: AliasValue[] }[] = [];
    const sectorTargets: { entity: number; sectors: string[] }[] = [];
    const rowUpdates: RowUpdate[] = [];
    for (const change of changes) {
      const entityIds = ids.get(change.documentId);
      if (!entityIds) throw new Error(`organization ${change.documentId} is no longer in the directory`);
      const targets = [entityIds.draft, ...(change.publish && entityIds.published !== null ? [entityIds.published] : [])];
      const columns: Record<string, unknown> = { [column('updatedAt')]: context.now, [column('importedAt')]: context.now };
      for (const field of ['name', 'acronym', 'website', 'country', 'city', 'type', 'rorId', 'wikidataId', 'autolink'] as const)
        if (field in change.data) columns[column(field)] = change.data[field] ?? null;
      if (typeof change.data.name === 'string') columns[column('nameKey')] = nameKey(change.data.name);
      rowUpdates.push({ targets, columns });
      if (Array.isArray(change.data.aliases)) for (const entity of targets) aliasTargets.push({ entity, aliases: change.data.aliases as AliasValue[] });
      if (Array.isArray(change.data.sectors)) for (const entity of targets) sectorTargets.push({ entity, sectors: change.data.sectors as string[] });
    }
    await updateRows(knex, rowUpdates);
    for (const chunk of chunksOf(aliasTargets, 1)) {
      const entities = chunk.map((target) => target.entity);
      const old = await knex<Record<string, unknown>>(cmpsTable).select('cmp_id').whereIn('entity_id', entities).where({ field: 'aliases', component_type: ALIAS_COMPONENT });
      await knex(cmpsTable).whereIn('entity_id', entities).where({ field: 'aliases', component_type: ALIAS_COMPONENT }).delete();
      for (const oldChunk of chunksOf(old, 1))
        await knex(componentTable)
          .whereIn(
            'id',
            oldChunk.map((row) => Number(row.cmp_id))
          )
          .delete();
    }
    await writeAliases(knex, aliasTargets);
    const sectorsJoin = joinTable('sectors');
    for (const chunk of chunksOf(sectorTargets, 1))
      await knex(sectorsJoin.name)
        .whereIn(
          sectorsJoin.joinColumn.name,
          chunk.map((target) => target.entity)
        )
        .delete();
    await writeSectors(knex, sectorTargets, context.sectors);
    return { before, after: await publishedSnapshots(knex, documentIds) };
  };

  /**
   * Inserts the organizations (one call = one batch, inside the caller's transaction). Returns
   * each one's row ids and the snapshot the directory tracker would take of its published row.
   */
  const create = async (
    knex: Knex,
    organizations: NewOrganization[],
    context: { slugs: Set<string>; sectors: Map<string, number>; now: Date }
  ): Promise<{ ids: Map<string, RowIds>; snapshots: Map<string, DirectorySnapshot> }> => {
    const { now } = context;
    const rows: Record<string, unknown>[] = [];
    const snapshots = new Map<string, DirectorySnapshot>();
    for (const organization of organizations) {
      const data = organization.data;
      const slug = uniqueSlug(context.slugs, data.name as string);
      const row: Record<string, unknown> = {
        [column('documentId')]: organization.documentId,
        [column('name')]: data.name,
        [column('nameKey')]: nameKey(data.name as string),
        [column('slug')]: slug,
        [column('acronym')]: data.acronym ?? null,
        [column('description')]: null,
        [column('website')]: data.website ?? null,
        [column('country')]: data.country ?? null,
        [column('city')]: data.city ?? null,
        [column('type')]: data.type ?? null,
        [column('autolink')]: data.autolink === false ? false : true,
        [column('acronymAlone')]: 'auto',
        [column('rorId')]: data.rorId ?? null,
        [column('wikidataId')]: data.wikidataId ?? null,
        [column('importedAt')]: now,
        [column('createdAt')]: now,
        [column('updatedAt')]: now,
        [column('publishedAt')]: null,
        [column('locale')]: null,
      };
      rows.push(row);
      if (organization.publish) {
        rows.push({ ...row, [column('publishedAt')]: now });
        snapshots.set(organization.documentId, {
          name: data.name as string,
          acronym: (data.acronym as string | undefined) ?? null,
          aliases: ((data.aliases as AliasValue[] | undefined) ?? []).map((alias) => alias.text),
          slug,
          autolink: data.autolink !== false,
          acronymAlone: 'auto',
        });
      }
    }
    for (const chunk of chunksOf(rows, Object.keys(rows[0] ?? {}).length)) await knex(meta.tableName).insert(chunk);
    const ids = await rowIds(
      knex,
      organizations.map((organization) => organization.documentId)
    );

    /** One item per stored version (draft, and published when there is one) of each new organization. */
    const perVersion = <T extends object>(pick: (organization: NewOrganization) => T) =>
      organizations.flatMap((organization) => {
        const entityIds = ids.get(organization.documentId)!;
        const value = pick(organization);
        return [entityIds.draft, entityIds.published].flatMap((entity) => (entity === null ? [] : [{ entity, ...value }]));
      });
    await writeAliases(
      knex,
      perVersion((organization) => ({ aliases: (organization.data.aliases as AliasValue[] | undefined) ?? [] }))
    );
    await writeSectors(
      knex,
      perVersion((organization) => ({ sectors: (organization.data.sectors as string[] | undefined) ?? [] })),
      context.sectors
    );
    return { ids, snapshots };
  };

  /**
   * Sets the parent of organizations (replacing the one they had): the draft row links to the
   * parent's draft, and when `published` the published row to the parent's published row (when
   * both exist), each appended to the parent's children in order.
   */
  const linkParents = async (knex: Knex, links: { child: string; parent: string; published: boolean }[]) => {
    if (links.length === 0) return;
    const join = joinTable('parent');
    const ids = await rowIds(knex, [...new Set(links.flatMap((link) => [link.child, link.parent]))]);
    const childRows = links.flatMap((link) => {
      const child = ids.get(link.child);
      return child ? [child.draft, ...(link.published && child.published !== null ? [child.published] : [])] : [];
    });
    for (const chunk of chunksOf(childRows, 1)) await knex(join.name).whereIn(join.joinColumn.name, chunk).delete();
    const parentRows = [...new Set(links.flatMap((link) => [ids.get(link.parent)?.draft, ids.get(link.parent)?.published]).filter((id): id is number => typeof id === 'number'))];
    const nextOrder = new Map<number, number>();
    if (join.inverseOrderColumnName) {
      for (const chunk of chunksOf(parentRows, 1)) {
        const rows: Record<string, unknown>[] = await knex(join.name)
          .select(join.inverseJoinColumn.name)
          .max(join.inverseOrderColumnName, { as: 'max' })
          .whereIn(join.inverseJoinColumn.name, chunk)
          .groupBy(join.inverseJoinColumn.name);
        for (const row of rows) nextOrder.set(Number(row[join.inverseJoinColumn.name]), Number(row.max ?? 0));
      }
    }
    const rows: Record<string, unknown>[] = [];
    for (const link of links) {
      const child = ids.get(link.child);
      const parent = ids.get(link.parent);
      if (!child || !parent) continue;
      const pairs: [number | null, number | null][] = [
        [child.draft, parent.draft],
        [link.published ? child.published : null, parent.published],
      ];
      for (const [from, to] of pairs) {
        if (!from || !to) continue;
        const order = (nextOrder.get(to) ?? 0) + 1;
        nextOrder.set(to, order);
        rows.push({
          [join.joinColumn.name]: from,
          [join.inverseJoinColumn.name]: to,
          ...(join.inverseOrderColumnName ? { [join.inverseOrderColumnName]: order } : {}),
        });
      }
    }
    for (const chunk of chunksOf(rows, 3)) await knex(join.name).insert(chunk);
  };

  /**
   * PostgreSQL plans queries by table statistics that only ANALYZE (or autovacuum, where it runs
   * and once it gets to it) refreshes: after a bulk write a table of 100,000 rows may still be
   * planned as the empty table it was, e.g. with sequential scans for documentId lookups. Refreshed
   * for every table this writer writes, once per import. SQLite plans from its indexes without them.
   */
  const analyze = async () => {
    if (strapi.db.dialect.client !== 'postgres') return;
    const tables = [meta.tableName, componentTable, cmpsTable, joinTable('sectors').name, joinTable('parent').name];
    await strapi.db.connection.raw(`ANALYZE ${tables.map(() => '??').join(', ')}`, tables);
  };

  return { create, update, linkParents, loadSlugs, sectorRowIds, rowIds, readDrafts, publishedSnapshots, analyze };
};

export type BatchWriter = ReturnType<typeof batchWriter>;
