import { isObject, join, violation, type Violation } from './query-limits';

/**
 * Filter values checked against the columns they are compared with, before any SQL is made.
 * PostgreSQL refuses to compare an integer column with "x", or to LIKE a number, a date or JSON,
 * and Strapi passed such filters through: the query failed and a public read answered 500
 * (`filters[id][$eq]=x`, `filters[author][$contains]=1`, GraphQL `body: { eq: "x" }`). SQLite
 * compared them as text instead. Both now answer 400 naming the parameter. Pure: the attributes
 * come from a lookup the caller makes (the database metadata in src/documents/read-limits.ts).
 */

export interface AttributeInfo {
  type: string;
  /** A relation's (or a component's, or a media field's) target model. */
  target?: string;
}

/** A model's attributes by name (the database metadata's: `id` included), or undefined if unknown. */
export type AttributesOf = (uid: string) => Readonly<Record<string, AttributeInfo>> | undefined;

type ColumnKind = 'integer' | 'bigint' | 'number' | 'date' | 'boolean' | 'json' | 'text';

const KIND_BY_TYPE: Readonly<Record<string, ColumnKind>> = {
  increments: 'integer',
  integer: 'integer',
  biginteger: 'bigint',
  float: 'number',
  decimal: 'number',
  date: 'date',
  datetime: 'date',
  timestamp: 'date',
  time: 'date',
  boolean: 'boolean',
  json: 'json',
  blocks: 'json',
};

const KIND_LABEL: Readonly<Record<ColumnKind, string>> = {
  integer: 'whole numbers',
  bigint: 'whole numbers',
  number: 'numbers',
  date: 'dates',
  boolean: 'true or false',
  json: 'JSON',
  text: 'text',
};

/** Operators that compare with a value or a list of values. */
const COMPARISONS = new Set(['$eq', '$ne', '$lt', '$lte', '$gt', '$gte', '$in', '$notIn', '$between']);
/** Operators that match text (LIKE, or lower() =): meaningless on other columns, an error on PostgreSQL. */
const TEXT_MATCHES = new Set(['$eqi', '$nei', '$contains', '$notContains', '$containsi', '$notContainsi', '$startsWith', '$startsWithi', '$endsWith', '$endsWithi']);
const PRESENCE = new Set(['$null', '$notNull']);
const jsonProblem = (name: string) => `${name} holds JSON, which can only be filtered with $null or $notNull`;

const INT32 = { min: -2147483648, max: 2147483647 };
const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

/** qs reads a list past its array limit as an object with numeric keys: its values, either way. */
const elementsOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : isObject(value) ? Object.values(value) : [value]);

/** Whether a value (a number, or a string as a query string carries it) fits a column of this kind. Dates and booleans are left to Strapi, which parses them before the query. */
const fitsKind = (kind: ColumnKind, value: unknown): boolean => {
  if (value === null) return true;
  switch (kind) {
    case 'integer': {
      const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
      return Number.isInteger(number) && number >= INT32.min && number <= INT32.max;
    }
    case 'bigint': {
      if (typeof value === 'number') return Number.isSafeInteger(value);
      if (typeof value !== 'string' || !/^\s*-?\d+\s*$/.test(value)) return false;
      const number = BigInt(value.trim());
      return number >= INT64.min && number <= INT64.max;
    }
    case 'number':
      return typeof value === 'number' ? Number.isFinite(value) : typeof value === 'string' && /^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value);
    default:
      return true;
  }
};

/** The operators object (or bare value) applied to one column. */
const checkColumn = (value: unknown, name: string, kind: ColumnKind, path: string): Violation | null => {
  if (!isObject(value)) return checkValues('$eq', value, name, kind, path);
  for (const [operator, operand] of Object.entries(value)) {
    const at = join(path, operator);
    if (operator === '$and' || operator === '$or') {
      for (const [index, item] of elementsOf(operand).entries()) {
        const problem = checkColumn(item, name, kind, join(at, index));
        if (problem) return problem;
      }
    } else if (operator === '$not') {
      const problem = checkColumn(operand, name, kind, at);
      if (problem) return problem;
    } else if (PRESENCE.has(operator)) {
      continue;
    } else if (kind === 'json') {
      return violation(at, jsonProblem(name));
    } else if (TEXT_MATCHES.has(operator) && kind !== 'text') {
      return violation(at, `${operator} matches text, and ${name} holds ${KIND_LABEL[kind]}`);
    } else if (COMPARISONS.has(operator)) {
      const problem = checkValues(operator, operand, name, kind, at);
      if (problem) return problem;
    }
    // Other keys are Strapi's to refuse (an unknown operator or attribute answers 400 there).
  }
  return null;
};

const checkValues = (operator: string, operand: unknown, name: string, kind: ColumnKind, path: string): Violation | null => {
  if (kind === 'json') return violation(path, jsonProblem(name));
  const values = Array.isArray(operand) ? operand : [operand];
  for (const [index, item] of values.entries()) {
    const at = Array.isArray(operand) ? join(path, index) : path;
    if (Array.isArray(item) || isObject(item)) return violation(at, `${operator} takes a value or a list of values, not ${Array.isArray(item) ? 'a list of lists' : 'an object'}`);
    if (!fitsKind(kind, item)) return violation(at, `${JSON.stringify(item)} is not one of the ${KIND_LABEL[kind]} ${name} holds`);
  }
  return null;
};

/**
 * Every comparison in `filters` of model `uid` fits the column it is compared with: through
 * relations (a relation's own operators compare its target's id), `$and`/`$or`/`$not`, at any
 * depth. Returns the first misfit with its parameter path, or null. Names not in the model are
 * left to Strapi's own validation.
 */
export const checkFilterValues = (filters: unknown, uid: string, attributesOf: AttributesOf, parameter = 'filters'): Violation | null => {
  const attributes = attributesOf(uid);
  if (!attributes) return null;
  if (Array.isArray(filters)) {
    for (const [index, item] of filters.entries()) {
      const problem = checkFilterValues(item, uid, attributesOf, join(parameter, index));
      if (problem) return problem;
    }
    return null;
  }
  if (!isObject(filters)) return null;
  for (const [key, value] of Object.entries(filters)) {
    const path = join(parameter, key);
    let problem: Violation | null = null;
    if (key === '$and' || key === '$or') {
      for (const [index, item] of elementsOf(value).entries()) {
        problem = checkFilterValues(item, uid, attributesOf, join(path, index));
        if (problem) break;
      }
    } else if (key === '$not') {
      problem = checkFilterValues(value, uid, attributesOf, path);
    } else if (key.startsWith('$')) {
      // An operator at a model's level compares its id (`filters[author][$eq]=3`).
      problem = checkColumn({ [key]: value }, 'id', KIND_BY_TYPE[attributes.id?.type ?? 'increments'] ?? 'integer', parameter);
    } else if (Object.prototype.hasOwnProperty.call(attributes, key)) {
      const attribute = attributes[key];
      if (attribute.target) {
        problem = isObject(value) ? checkFilterValues(value, attribute.target, attributesOf, path) : checkColumn(value, 'id', 'integer', path);
      } else {
        problem = checkColumn(value, key, KIND_BY_TYPE[attribute.type] ?? 'text', path);
      }
    }
    if (problem) return problem;
  }
  return null;
};

/**
 * The filters inside a populate (`populate[sectors][filters][id][$eq]=x`), each checked against
 * the model it filters; nested populates and dynamic zones' `on` are followed.
 */
export const checkPopulateFilterValues = (populate: unknown, uid: string, attributesOf: AttributesOf, parameter = 'populate'): Violation | null => {
  if (!isObject(populate)) return null;
  const attributes = attributesOf(uid);
  if (!attributes) return null;
  for (const [name, entry] of Object.entries(populate)) {
    if (!Object.prototype.hasOwnProperty.call(attributes, name)) continue;
    const target = attributes[name].target;
    const problem = target ? checkPopulateEntry(entry, target, attributesOf, join(parameter, name)) : null;
    if (problem) return problem;
  }
  return null;
};

/** One populated relation's (or dynamic zone component's) own filters and populate, and a dynamic zone's `on`, which names each component. */
const checkPopulateEntry = (entry: unknown, target: string, attributesOf: AttributesOf, path: string): Violation | null => {
  if (!isObject(entry)) return null;
  const problem =
    (entry.filters !== undefined ? checkFilterValues(entry.filters, target, attributesOf, join(path, 'filters')) : null) ??
    (entry.populate !== undefined ? checkPopulateFilterValues(entry.populate, target, attributesOf, join(path, 'populate')) : null);
  if (problem || !isObject(entry.on)) return problem;
  for (const [component, item] of Object.entries(entry.on)) {
    const inZone = checkPopulateEntry(item, component, attributesOf, join(join(path, 'on'), component));
    if (inZone) return inZone;
  }
  return null;
};
