import type { Core, Modules, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Knex } from 'knex';
import { z } from 'zod';
import { checkFilterValues, checkPopulateFilterValues, type AttributesOf } from '../utils/filter-values';
import { NUL_PROBLEM, checkFields, checkFilters, checkSort, parsePopulate, type PopulateNode, type QueryLimits, type Violation } from '../utils/query-limits';

const READ_ACTIONS = new Set(['findMany', 'findOne', 'findFirst']);
const POPULATABLE = new Set(['relation', 'component', 'media', 'dynamiczone']);

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn?: { name: string };
  morphColumn?: unknown;
  on?: Record<string, string | number | boolean>;
}

interface ReadParams {
  populate?: unknown;
  filters?: unknown;
  fields?: unknown;
  sort?: unknown;
}

const refuse = (problem: Violation): never => {
  throw new errors.ValidationError(problem.message, { errors: [{ path: [problem.parameter], message: problem.message }] });
};

const isContentApiRequest = (strapi: Core.Strapi): boolean => {
  const request = strapi.requestContext.get();
  return (request?.state?.route as { info?: { type?: string } } | undefined)?.info?.type === 'content-api';
};

/**
 * Bounded content-API reads, for REST and GraphQL alike: filters, fields and sort within the
 * limits, filter values that fit their columns (src/utils/filter-values.ts), populate no
 * deeper than allowed, and — before the populated read is made — the entries each populated
 * relation holds counted on its join table (one grouped count per relation and level): an entry whose relation holds more than `maxRelationEntries`, or a request
 * whose populated relations hold more than `maxPopulatedEntries` in all, is refused with 400
 * naming the populate path. Admin panel and in-process reads are not limited.
 */
export const readLimitsMiddleware = (strapi: Core.Strapi, limits: QueryLimits): Modules.Documents.Middleware.Middleware => {
  const attributesOf = metadataAttributes(strapi);
  return async (context, next) => {
    if (!READ_ACTIONS.has(context.action) || !isContentApiRequest(strapi)) return next();
    const params = context.params as ReadParams;
    const problem =
      (typeof (context.params as { documentId?: unknown }).documentId === 'string' && (context.params as { documentId: string }).documentId.includes('\u0000')
        ? { parameter: 'documentId', message: `documentId: ${NUL_PROBLEM}` }
        : null) ??
      (params.filters !== undefined ? checkFilters(params.filters, 'filters', limits) : null) ??
      (params.fields !== undefined ? checkFields(params.fields, 'fields', limits) : null) ??
      (params.sort !== undefined ? checkSort(params.sort, 'sort', limits) : null) ??
      (params.filters !== undefined ? checkFilterValues(params.filters, context.uid, attributesOf) : null) ??
      (params.populate !== undefined ? checkPopulateFilterValues(params.populate, context.uid, attributesOf) : null);
    if (problem) refuse(problem);
    if (params.populate === undefined || params.populate === null) return next();
    const populate = parsePopulate(params.populate, 'populate', limits);
    if ('violation' in populate) return refuse(populate.violation);
    if (!populatesLists(strapi, context.uid, populate.tree)) return next();

    // The entries this read returns, without populating anything (same filters, pagination, locale, status).
    const documents = strapi.documents(context.uid) as unknown as Record<string, (params: object) => Promise<unknown>>;
    const found = await documents[context.action]({ ...params, populate: undefined, fields: ['documentId'] });
    const ids = (Array.isArray(found) ? found : found ? [found] : []).map((entry) => (entry as { id: number }).id);
    const total = { entries: 0 };
    // Inside a write (a create or update answering with populate) the counts must use the write's own
    // transaction: on SQLite its one connection is held, and a query outside it would wait for ever.
    const over = strapi.db.inTransaction()
      ? await strapi.db.transaction(({ trx }: { trx: Knex.Transaction }) => countLevel(strapi, limits, context.uid, ids, populate.tree, 'populate', total, trx))
      : await countLevel(strapi, limits, context.uid, ids, populate.tree, 'populate', total);
    if (over) refuse(over);
    return next();
  };
};

/** The database metadata's attributes of a model (`id` and components included), for the filter value checks. */
const metadataAttributes =
  (strapi: Core.Strapi): AttributesOf =>
  (uid) =>
    strapi.db.metadata.has(uid) ? strapi.db.metadata.get(uid).attributes : undefined;

const attributeNames = (strapi: Core.Strapi, uid: string, node: PopulateNode): string[] => {
  const model = strapi.getModel(uid as UID.Schema);
  if (!model) return [];
  const names = new Set(node.children.keys());
  if (node.all) for (const [name, attribute] of Object.entries(model.attributes as Record<string, { type: string }>)) if (POPULATABLE.has(attribute.type)) names.add(name);
  return [...names].filter((name) => Object.prototype.hasOwnProperty.call(model.attributes, name));
};

const joinTableOf = (strapi: Core.Strapi, uid: string, name: string): { table: JoinTable; target: string } | null => {
  const attribute = strapi.db.metadata.get(uid).attributes[name] as { joinTable?: JoinTable; target?: string } | undefined;
  const table = attribute?.joinTable;
  // Morph tables (media) link one file per single media field here; they are not counted.
  if (!table || table.morphColumn || !table.inverseJoinColumn || !attribute.target) return null;
  return { table, target: attribute.target };
};

/** Whether populating this tree can bring a list (any relation with a join table). */
const populatesLists = (strapi: Core.Strapi, uid: string, node: PopulateNode): boolean => attributeNames(strapi, uid, node).some((name) => joinTableOf(strapi, uid, name) !== null);

const CHUNK = 500;
/** A count per row (a number, or a numeric string on PostgreSQL). */
const countRow = z.object({ n: z.coerce.number() });

const countLevel = async (
  strapi: Core.Strapi,
  limits: QueryLimits,
  uid: string,
  ids: number[],
  node: PopulateNode,
  path: string,
  total: { entries: number },
  trx?: Knex.Transaction
): Promise<Violation | null> => {
  const joinRows = (table: string) => (trx ? strapi.db.getConnection(table).transacting(trx) : strapi.db.getConnection(table));
  if (ids.length === 0) return null;
  for (const name of attributeNames(strapi, uid, node)) {
    const join = joinTableOf(strapi, uid, name);
    if (!join) continue;
    const { table, target } = join;
    const parameter = `${path}[${name}]`;
    let largest = 0;
    for (let start = 0; start < ids.length; start += CHUNK) {
      const rows = z.array(countRow).parse(
        await joinRows(table.name)
          .select(table.joinColumn.name)
          .count({ n: '*' })
          .whereIn(table.joinColumn.name, ids.slice(start, start + CHUNK))
          .where(table.on ?? {})
          .groupBy(table.joinColumn.name)
      );
      for (const row of rows) {
        const n = row.n;
        largest = Math.max(largest, n);
        total.entries += n;
      }
    }
    if (largest > limits.maxRelationEntries) {
      return {
        parameter,
        message:
          `${parameter}: an entry has ${largest} ${name}; a populated relation may hold at most ${limits.maxRelationEntries} (QUERY_MAX_RELATION_ENTRIES). ` +
          `Ask ${target} for them with filters, sort and pagination instead`,
      };
    }
    if (total.entries > limits.maxPopulatedEntries) {
      return {
        parameter,
        message: `${parameter}: this populate would load ${total.entries} entries or more; the limit is ${limits.maxPopulatedEntries} per request (QUERY_MAX_POPULATED_ENTRIES). Ask for fewer entries (pagination) or populate less`,
      };
    }
    const child = node.children.get(name);
    if (child && (child.all || child.children.size > 0)) {
      const targetIds: number[] = [];
      for (let start = 0; start < ids.length; start += CHUNK) {
        const rows = (await joinRows(table.name)
          .select(table.inverseJoinColumn!.name)
          .whereIn(table.joinColumn.name, ids.slice(start, start + CHUNK))
          .where(table.on ?? {})) as Record<string, number>[];
        for (const row of rows) targetIds.push(Number(row[table.inverseJoinColumn!.name]));
      }
      const deeper = await countLevel(strapi, limits, target, [...new Set(targetIds)], child, `${parameter}[populate]`, total, trx);
      if (deeper) return deeper;
    }
  }
  return null;
};
