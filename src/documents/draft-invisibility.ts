/**
 * Drafts do not exist for a reader who may not read them, through any relation path.
 *
 * Pure rewriting of read parameters (Strapi's Document Service form: `$eq`, `$and` …, or
 * GraphQL's: `eq`, `and` …) against the schemas. Why it is needed: Strapi's query layer joins
 * relation rows whatever their status. A type without draft & publish (Author) is linked to
 * both the draft and the published row of an article, so a filter like
 * `filters[articles][title][$startsWith]=…` matched draft titles (read letter by letter).
 * Populate is already restricted by Strapi (the status is applied to every populated draft &
 * publish type); filters and sorts through relations are not.
 *
 * What the rewrite does (see README "Access"):
 * - Every condition through a relation into a draft & publish type gets
 *   `publishedAt: { $notNull: true }` in the same relation object, so it applies to the same
 *   joined row (Strapi makes one join per relation key occurrence; proved by
 *   tests/integration/draft-invisibility.test.ts).
 * - `$not` is pushed down (De Morgan) below every such relation, so the injected condition is
 *   never negated: `$not: { articles: X }` becomes `{ articles: { $not: X, published } }`.
 *   Strapi evaluates relation filters per joined row, so `NOT (row matches X)` and
 *   `row matches (NOT X)` are the same condition on the same join.
 * - A relation condition that an entry with no related row would satisfy (`$null`, `$notNull:
 *   false`, `$eq: null`, negations of `$notNull` …) cannot be kept exact by a condition on the
 *   joined rows when draft rows may sit beside published ones. On a to-one relation of a draft &
 *   publish type (one joined row at most) it is exact: "no published related row" is
 *   `publishedAt IS NULL` on that row. Elsewhere (to-many, or from a type without draft &
 *   publish) it is refused with 400 naming the parameter.
 * - Sorting through a relation into a draft & publish type is refused with 400: a sort cannot
 *   carry a condition, so the joined draft rows would order the answer.
 */

export interface SchemaAttribute {
  type: string;
  relation?: string;
  target?: string;
  component?: string;
  components?: string[];
}

export interface Schema {
  uid: string;
  /** A content type with draft & publish (components never have it). */
  draftAndPublish: boolean;
  attributes: Record<string, SchemaAttribute>;
}

export type GetSchema = (uid: string) => Schema | undefined;

/** Operator spelling: Strapi's (`$eq`) or GraphQL's (`eq`). */
export type Dialect = 'strapi' | 'graphql';

/** A refusal; the caller turns it into Strapi's 400 (ValidationError) naming `parameter`. */
export class DraftInvisibilityError extends Error {
  constructor(
    readonly parameter: string,
    readonly problem: string
  ) {
    super(`${parameter}: ${problem}`);
    this.name = 'DraftInvisibilityError';
  }
}

type Plain = Record<string, unknown>;
/** A plain object: literal, JSON, or GraphQL's argument objects (made with a null prototype). */
const isPlain = (value: unknown): value is Plain => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

const op = (dialect: Dialect, name: string) => (dialect === 'strapi' ? `$${name}` : name);
const opName = (dialect: Dialect, key: string): string | undefined => {
  if (dialect === 'strapi') return key.startsWith('$') ? key.slice(1) : undefined;
  return OPERATOR_NAMES.has(key) ? key : undefined;
};
const OPERATOR_NAMES = new Set([
  'and',
  'or',
  'not',
  'in',
  'notIn',
  'eq',
  'eqi',
  'ne',
  'nei',
  'gt',
  'gte',
  'lt',
  'lte',
  'null',
  'notNull',
  'between',
  'startsWith',
  'endsWith',
  'startsWithi',
  'endsWithi',
  'contains',
  'notContains',
  'containsi',
  'notContainsi',
  'jsonSupersetOf',
]);

const isJoin = (attribute: SchemaAttribute | undefined): attribute is SchemaAttribute =>
  !!attribute && ((attribute.type === 'relation' && typeof attribute.target === 'string') || attribute.type === 'component' || attribute.type === 'media');

const joinTarget = (attribute: SchemaAttribute): string | undefined =>
  attribute.type === 'component' ? attribute.component : attribute.type === 'media' ? 'plugin::upload.file' : attribute.target;

const isToOne = (attribute: SchemaAttribute) => attribute.type === 'relation' && (attribute.relation === 'oneToOne' || attribute.relation === 'manyToOne');

// ---------------------------------------------------------------------------------------------
// Three-valued logic: what a condition can evaluate to on a joined row whose columns are all
// NULL (the row a LEFT JOIN yields when nothing is related).

type Truth = 'T' | 'F' | 'U';
type Truths = ReadonlySet<Truth>;
const ANY: Truths = new Set<Truth>(['T', 'F', 'U']);
const only = (truth: Truth): Truths => new Set([truth]);
const and3 = (a: Truth, b: Truth): Truth => (a === 'F' || b === 'F' ? 'F' : a === 'U' || b === 'U' ? 'U' : 'T');
const or3 = (a: Truth, b: Truth): Truth => (a === 'T' || b === 'T' ? 'T' : a === 'U' || b === 'U' ? 'U' : 'F');
const not3 = (a: Truth): Truth => (a === 'T' ? 'F' : a === 'F' ? 'T' : 'U');
const combine = (a: Truths, b: Truths, f: (x: Truth, y: Truth) => Truth): Truths => {
  const out = new Set<Truth>();
  for (const x of a) for (const y of b) out.add(f(x, y));
  return out;
};
const all = (items: Truths[], f: (x: Truth, y: Truth) => Truth, unit: Truth): Truths => items.reduce((acc, item) => combine(acc, item, f), only(unit));
const negate = (a: Truths): Truths => new Set([...a].map(not3));

const boolOf = (value: unknown): boolean | undefined => (value === true || value === 'true' ? true : value === false || value === 'false' ? false : undefined);

/** A scalar attribute's condition evaluated on NULL. */
const attributeOnNull = (value: unknown, dialect: Dialect): Truths => {
  if (value === null) return only('T');
  if (Array.isArray(value))
    return all(
      value.map((item) => attributeOnNull(item, dialect)),
      or3,
      'F'
    );
  if (!isPlain(value)) return only('U');
  return all(
    Object.entries(value).map(([key, inner]): Truths => {
      switch (opName(dialect, key)) {
        case 'null': {
          const flag = boolOf(inner);
          return flag === undefined ? new Set<Truth>(['T', 'F']) : only(flag ? 'T' : 'F');
        }
        case 'notNull': {
          const flag = boolOf(inner);
          return flag === undefined ? new Set<Truth>(['T', 'F']) : only(flag ? 'F' : 'T');
        }
        case 'eq':
        case 'eqi':
          return inner === null ? only('T') : Array.isArray(inner) ? attributeOnNull(inner, dialect) : only('U');
        case 'ne':
        case 'nei':
          return inner === null ? only('F') : only('U');
        case 'not':
          return negate(attributeOnNull(inner, dialect));
        case 'and':
          return Array.isArray(inner)
            ? all(
                inner.map((item) => attributeOnNull(item, dialect)),
                and3,
                'T'
              )
            : ANY;
        case 'or':
          return Array.isArray(inner)
            ? all(
                inner.map((item) => attributeOnNull(item, dialect)),
                or3,
                'F'
              )
            : ANY;
        case undefined:
          return ANY;
        default:
          return only('U');
      }
    }),
    and3,
    'T'
  );
};

/** A (rewritten) filter evaluated on an all-NULL row of `schema`, its joins NULL too. */
const filterOnNull = (node: unknown, schema: Schema | undefined, getSchema: GetSchema, dialect: Dialect): Truths => {
  if (Array.isArray(node))
    return all(
      node.map((item) => filterOnNull(item, schema, getSchema, dialect)),
      and3,
      'T'
    );
  if (!isPlain(node) || !schema) return ANY;
  return all(
    Object.entries(node).map(([key, value]): Truths => {
      const name = opName(dialect, key);
      if (name === 'and' || name === 'or') {
        if (!Array.isArray(value)) return ANY;
        return all(
          value.map((item) => filterOnNull(item, schema, getSchema, dialect)),
          name === 'and' ? and3 : or3,
          name === 'and' ? 'T' : 'F'
        );
      }
      if (name === 'not') return negate(filterOnNull(value, schema, getSchema, dialect));
      if (name !== undefined) return ANY;
      const attribute = schema.attributes[key];
      if (isJoin(attribute)) {
        const target = joinTarget(attribute);
        return isPlain(value) && target ? filterOnNull(value, getSchema(target), getSchema, dialect) : ANY;
      }
      return attributeOnNull(value, dialect);
    }),
    and3,
    'T'
  );
};

// ---------------------------------------------------------------------------------------------
// Filters

const bracket = (path: string[]) => path.map((part, index) => (index === 0 ? part : `[${part}]`)).join('');

const containsJoin = (node: unknown, schema: Schema | undefined, dialect: Dialect): boolean => {
  if (Array.isArray(node)) return node.some((item) => containsJoin(item, schema, dialect));
  if (!isPlain(node) || !schema) return false;
  return Object.entries(node).some(([key, value]) => {
    const name = opName(dialect, key);
    if (name === 'and' || name === 'or' || name === 'not') return containsJoin(value, schema, dialect);
    return name === undefined && isJoin(schema.attributes[key]);
  });
};

/** Strapi reads a relation's non-object value, or an object of operators only, as conditions on the related id. */
const relationCondition = (value: unknown, dialect: Dialect): unknown => {
  if (!isPlain(value)) return { id: value };
  const keys = Object.keys(value);
  const names = keys.map((key) => opName(dialect, key));
  if (keys.length > 0 && names.every((name) => name !== undefined && name !== 'and' && name !== 'or')) return { id: value };
  return value;
};

interface Walk {
  getSchema: GetSchema;
  dialect: Dialect;
}

const rewriteNode = (node: unknown, schema: Schema | undefined, negated: boolean, path: string[], walk: Walk): unknown => {
  const { dialect } = walk;
  if (!schema) return negated ? { [op(dialect, 'not')]: node } : node;
  // Nothing joined below: leave the condition (and its negation) exactly as sent.
  if (!containsJoin(node, schema, dialect)) return negated ? { [op(dialect, 'not')]: node } : node;
  if (Array.isArray(node)) {
    // A list of filters is their conjunction.
    const items = node.map((item, index) => rewriteNode(item, schema, negated, [...path, String(index)], walk));
    return negated ? { [op(dialect, 'or')]: items } : items;
  }
  if (!isPlain(node)) return node;
  const entries = Object.entries(node);
  const rewritten = entries.map(([key, value]): [string, unknown] => {
    const name = opName(dialect, key);
    const at = [...path, key];
    if ((name === 'and' || name === 'or') && Array.isArray(value)) {
      const items = value.map((item, index) => rewriteNode(item, schema, negated, [...at, String(index)], walk));
      // De Morgan: not (a and b) = (not a) or (not b).
      return [negated ? op(dialect, name === 'and' ? 'or' : 'and') : key, items];
    }
    if (name === 'not') {
      const inner = rewriteNode(value, schema, !negated, at, walk);
      return ['', inner];
    }
    const attribute = name === undefined ? schema.attributes[key] : undefined;
    if (!isJoin(attribute)) return negated ? ['', { [op(dialect, 'not')]: { [key]: value } }] : [key, value];
    return [key, rewriteJoin(key, attribute, value, schema, negated, at, walk)];
  });
  // Entries of one object are a conjunction; negated, a disjunction of the negated entries.
  if (negated) {
    const parts = rewritten.map(([key, value]) => (key === '' ? value : { [key]: value }));
    return parts.length === 1 ? parts[0] : { [op(dialect, 'or')]: parts };
  }
  const out: Plain = {};
  const extra: unknown[] = [];
  for (const [key, value] of rewritten) {
    if (key === '') extra.push(value);
    else out[key] = value;
  }
  if (extra.length === 0) return out;
  const andKey = op(dialect, 'and');
  return Object.keys(out).length === 0 && extra.length === 1 ? extra[0] : { [andKey]: [...(Object.keys(out).length ? [out] : []), ...extra] };
};

const rewriteJoin = (key: string, attribute: SchemaAttribute, value: unknown, source: Schema, negated: boolean, path: string[], walk: Walk): unknown => {
  const { dialect, getSchema } = walk;
  const targetUid = joinTarget(attribute);
  const target = targetUid ? getSchema(targetUid) : undefined;
  const condition = attribute.type === 'relation' ? relationCondition(value, dialect) : value;
  // The negation goes inside the relation: the same joined row, the same condition.
  const inner = rewriteNode(condition, target, negated, path, walk);
  const andKey = op(dialect, 'and');
  // Strapi reads { relation: { $not: … } } as a condition on the related id: keep a negation in $and.
  if (!target?.draftAndPublish) return negated ? { [andKey]: [inner] } : inner;

  const published = { publishedAt: { [op(dialect, 'notNull')]: true } };
  const constrained = { [andKey]: [inner, published] };
  if (!filterOnNull(inner, target, getSchema, dialect).has('T')) return constrained;
  // The condition holds where nothing is related ($null …): "nothing published is related".
  if (isToOne(attribute) && source.draftAndPublish) {
    return { [op(dialect, 'or')]: [constrained, { publishedAt: { [op(dialect, 'null')]: true } }] };
  }
  throw new DraftInvisibilityError(
    bracket(path),
    `a condition that an entry with no related ${key} satisfies (such as $null) is not supported through this relation; filter on a field of the related entries instead`
  );
};

/**
 * Rewrites `filters` of `uid` so that no draft row of a related draft & publish type can make
 * a condition true. `parameter` names the filters in error messages (`filters`,
 * `populate[articles][filters]`).
 */
export const constrainFilters = (filters: unknown, uid: string, getSchema: GetSchema, dialect: Dialect = 'strapi', parameter = 'filters'): unknown => {
  if (filters === undefined || filters === null) return filters;
  return rewriteNode(filters, getSchema(uid), false, [parameter], { getSchema, dialect });
};

// ---------------------------------------------------------------------------------------------
// Sort

/** Field paths of a sort parameter: 'a.b:desc', ['a', 'b:asc'], { a: { b: 'desc' } }, [{ a: 'asc' }]. */
const sortPaths = (sort: unknown): string[][] => {
  if (typeof sort === 'string') {
    return sort
      .split(',')
      .map((part) => part.trim().split(':')[0])
      .filter(Boolean)
      .map((field) => field.split('.'));
  }
  if (Array.isArray(sort)) return sort.flatMap(sortPaths);
  if (isPlain(sort)) {
    return Object.entries(sort).flatMap(([key, value]) => (isPlain(value) || Array.isArray(value) ? sortPaths(value).map((rest) => [key, ...rest]) : [[key]]));
  }
  return [];
};

/** Refuses a sort that goes through a relation into a draft & publish type. */
export const checkSort = (sort: unknown, uid: string, getSchema: GetSchema, parameter = 'sort'): void => {
  for (const fieldPath of sortPaths(sort)) {
    let schema = getSchema(uid);
    for (const [index, field] of fieldPath.entries()) {
      const attribute = schema?.attributes[field];
      if (!isJoin(attribute)) break;
      const targetUid = joinTarget(attribute);
      schema = targetUid ? getSchema(targetUid) : undefined;
      if (schema?.draftAndPublish && index < fieldPath.length - 1) {
        throw new DraftInvisibilityError(
          parameter,
          `sorting by ${fieldPath.join('.')} (a field of related ${field}, which has drafts) is not supported; sort by a field of this type, or query the related type itself`
        );
      }
    }
  }
};

// ---------------------------------------------------------------------------------------------
// Populate and whole parameter sets

const constrainPopulate = (populate: unknown, uid: string, getSchema: GetSchema, parameter: string): unknown => {
  if (!isPlain(populate)) return populate;
  const schema = getSchema(uid);
  if (!schema) return populate;
  const out: Plain = {};
  for (const [key, value] of Object.entries(populate)) {
    const attribute = schema.attributes[key];
    const targetUid = attribute ? joinTarget(attribute) : undefined;
    if (!isPlain(value) || !attribute) {
      out[key] = value;
      continue;
    }
    if (attribute.type === 'dynamiczone' || !targetUid) {
      // Dynamic zones and polymorphic relations: `on` holds one populate per component.
      const on = value.on;
      out[key] = isPlain(on)
        ? {
            ...value,
            on: Object.fromEntries(Object.entries(on).map(([component, sub]) => [component, constrainQuery(sub, component, getSchema, `${parameter}[${key}][on][${component}]`)])),
          }
        : value;
      continue;
    }
    out[key] = constrainQuery(value, targetUid, getSchema, `${parameter}[${key}]`);
  }
  return out;
};

/** A populate entry or a query: its filters, sort and nested populate. */
const constrainQuery = (query: unknown, uid: string, getSchema: GetSchema, prefix: string): unknown => {
  if (!isPlain(query)) return query;
  const at = (name: string) => (prefix ? `${prefix}[${name}]` : name);
  const out: Plain = { ...query };
  if (query.filters !== undefined) out.filters = constrainFilters(query.filters, uid, getSchema, 'strapi', at('filters'));
  if (query.sort !== undefined) checkSort(query.sort, uid, getSchema, at('sort'));
  if (query.populate !== undefined) out.populate = constrainPopulate(query.populate, uid, getSchema, at('populate'));
  return out;
};

/** Strapi's publication filters select published entries by the state of their drafts ("modified" …). */
const PUBLICATION_PARAMETERS = ['publicationFilter', 'hasPublishedVersion'];

/** Document Service read parameters (filters, sort, populate at any depth) for a reader who may not read drafts. */
export const constrainReadParams = <P>(params: P, uid: string, getSchema: GetSchema): P => {
  if (isPlain(params)) {
    const asked = PUBLICATION_PARAMETERS.find((name) => params[name] !== undefined && params[name] !== null && params[name] !== '');
    if (asked) throw new DraftInvisibilityError(asked, 'selects entries by the state of their drafts; only a full-access API token may use it');
  }
  return constrainQuery(params, uid, getSchema, '') as P;
};
