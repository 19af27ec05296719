import { positiveIntSetting } from './settings';
/**
 * Bounds on what one public read may ask for, and the checks that refuse a query past them
 * before any database work. Pure: used by the REST guard (src/middlewares/query-guard.ts), the
 * Document Service read limits (src/documents/read-limits.ts) and the GraphQL rules
 * (src/utils/graphql-limits.ts).
 */

export interface QueryLimits {
  /** Levels of populate (`populate[a][populate][b]` or `a.b` is 2). */
  maxPopulateDepth: number;
  /** Entries one populated relation may hold for one entry. */
  maxRelationEntries: number;
  /** Entries all populated relations of one request may hold together. */
  maxPopulatedEntries: number;
  /** Conditions (leaf comparisons) in one `filters`. */
  maxFilterConditions: number;
  /** Nesting of `filters` (`$and`/`$or`/`$not` and relation paths). */
  maxFilterDepth: number;
  /** Values in one list (`$in`, `$notIn`, GraphQL `in` …). */
  maxListLength: number;
  /** Names in one `fields`. */
  maxFields: number;
  /** Keys in one `sort`. */
  maxSort: number;
}

/** Each limit, its environment variable and its default (documented in README.md). */
export const LIMIT_SETTINGS: Record<keyof QueryLimits, { env: string; default: number }> = {
  maxPopulateDepth: { env: 'QUERY_MAX_POPULATE_DEPTH', default: 3 },
  maxRelationEntries: { env: 'QUERY_MAX_RELATION_ENTRIES', default: 100 },
  maxPopulatedEntries: { env: 'QUERY_MAX_POPULATED_ENTRIES', default: 5000 },
  maxFilterConditions: { env: 'QUERY_MAX_FILTER_CONDITIONS', default: 50 },
  maxFilterDepth: { env: 'QUERY_MAX_FILTER_DEPTH', default: 8 },
  maxListLength: { env: 'QUERY_MAX_LIST_LENGTH', default: 100 },
  maxFields: { env: 'QUERY_MAX_FIELDS', default: 50 },
  maxSort: { env: 'QUERY_MAX_SORT', default: 10 },
};

export const queryLimitsFromEnv = (env: NodeJS.ProcessEnv = process.env): QueryLimits => {
  const limits = {} as QueryLimits;
  for (const [key, setting] of Object.entries(LIMIT_SETTINGS) as [keyof QueryLimits, { env: string; default: number }][]) {
    limits[key] = positiveIntSetting(env, setting.env, setting.default);
  }
  return limits;
};

/** `__proto__` and every name Object.prototype has: as keys they reach inherited members, not data. */
export const PROTOTYPE_NAMES: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__']);

export const isPrototypeName = (name: string): boolean => PROTOTYPE_NAMES.has(name);

/** A refused query: the parameter (path) and why. */
export interface Violation {
  parameter: string;
  message: string;
}

export const violation = (parameter: string, problem: string): Violation => ({ parameter, message: `${parameter}: ${problem}` });

const prototypeProblem = (name: string) => `"${name}" is not allowed (a name of Object.prototype is never a field or parameter name)`;

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `path[key]`, or the key alone at the top. */
export const join = (path: string, key: string | number) => (path === '' ? String(key) : `${path}[${key}]`);

/** Every key (and array index) anywhere in a value: the first that is a prototype name, with its path. */
export const findPrototypeKey = (value: unknown, path: string, pathStyle: 'brackets' | 'dots' = 'brackets'): Violation | null => {
  const stack: { value: unknown; path: string }[] = [{ value, path }];
  const step = (base: string, key: string | number) => (pathStyle === 'dots' ? (base === '' ? String(key) : `${base}.${key}`) : join(base, key));
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (Array.isArray(current.value)) {
      current.value.forEach((item, index) => stack.push({ value: item, path: step(current.path, index) }));
    } else if (isObject(current.value)) {
      // Own keys only: a parsed body or query has no others, and `__proto__` set by JSON.parse is an own key.
      for (const key of Object.keys(current.value)) {
        if (isPrototypeName(key)) return violation(step(current.path, key), prototypeProblem(key));
        stack.push({ value: current.value[key], path: step(current.path, key) });
      }
    }
  }
  return null;
};

/** How many names a `fields` or `sort` value written as a string or list asks for (`a,b` is 2; a list counts its items). */
const nameCount = (value: unknown): number | null => (typeof value === 'string' ? value.split(',').length : Array.isArray(value) ? value.length : null);

const checkNames = (value: unknown, parameter: string, separators: RegExp): Violation | null => {
  const list: unknown[] = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  for (let index = 0; index < list.length; index += 1) {
    const item = list[index];
    if (typeof item !== 'string') continue;
    for (const name of item.split(',').flatMap((part) => part.split(separators))) {
      const trimmed = name.trim();
      if (isPrototypeName(trimmed)) return violation(Array.isArray(value) ? `${parameter}[${index}]` : parameter, prototypeProblem(trimmed));
    }
  }
  return null;
};

export const checkFields = (value: unknown, parameter: string, limits: QueryLimits): Violation | null => {
  const count = nameCount(value);
  if (count !== null && count > limits.maxFields) return violation(parameter, `${count} fields asked; the limit is ${limits.maxFields} (QUERY_MAX_FIELDS)`);
  return checkNames(value, parameter, /\s+/);
};

export const checkSort = (value: unknown, parameter: string, limits: QueryLimits): Violation | null => {
  if (isObject(value)) {
    const count = Object.keys(value).length;
    if (count > limits.maxSort) return violation(parameter, `${count} sort keys; the limit is ${limits.maxSort} (QUERY_MAX_SORT)`);
    return null;
  }
  const count = nameCount(value);
  if (count !== null && count > limits.maxSort) return violation(parameter, `${count} sort keys; the limit is ${limits.maxSort} (QUERY_MAX_SORT)`);
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      if (isObject(value[index]) && Object.keys(value[index] as object).length > limits.maxSort) {
        return violation(`${parameter}[${index}]`, `more than ${limits.maxSort} sort keys (QUERY_MAX_SORT)`);
      }
    }
  }
  return checkNames(value, parameter, /[.:]/);
};

const LOGICAL = new Set(['$and', '$or', '$not']);

/** PostgreSQL text cannot hold U+0000: compared in SQL it is an error (500), so it is refused first. */
export const NUL_PROBLEM = 'contains the character U+0000, which no stored text can contain';

/** The first string (value or key) anywhere in a value that contains U+0000, with its path. */
export const findNulString = (value: unknown, path: string): Violation | null => {
  const stack: { value: unknown; path: string }[] = [{ value, path }];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (typeof current.value === 'string') {
      if (current.value.includes('\u0000')) return violation(current.path, NUL_PROBLEM);
    } else if (Array.isArray(current.value)) {
      current.value.forEach((item, index) => stack.push({ value: item, path: join(current.path, index) }));
    } else if (isObject(current.value)) {
      for (const [key, item] of Object.entries(current.value)) {
        if (key.includes('\u0000')) return violation(join(current.path, key), NUL_PROBLEM);
        stack.push({ value: item, path: join(current.path, key) });
      }
    }
  }
  return null;
};

export const BETWEEN_PROBLEM = '$between takes a list of two values, [from, to]';

/** `$between`'s value: a list of exactly two values (not lists or objects). */
const isRange = (value: unknown): boolean => Array.isArray(value) && value.length === 2 && value.every((item) => !Array.isArray(item) && !isObject(item));

/**
 * Filters: conditions (leaves), nesting depth, list lengths and `$between` ranges. A list under an operator
 * (`$in: [...]`) is one condition of bounded length; `$and`/`$or` lists count each element.
 * Walks iteratively and stops at the first excess, so a hostile filter costs only up to the limit.
 */
export const checkFilters = (value: unknown, parameter: string, limits: QueryLimits): Violation | null => {
  let conditions = 0;
  const stack: { value: unknown; path: string; depth: number; key: string }[] = [{ value, path: parameter, depth: 0, key: '' }];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.depth > limits.maxFilterDepth) {
      return violation(current.path, `filters nested more than ${limits.maxFilterDepth} levels deep (QUERY_MAX_FILTER_DEPTH)`);
    }
    // The database layer asserts this shape and answered anything else with a 500.
    if (current.key === '$between' && !isRange(current.value)) return violation(current.path, BETWEEN_PROBLEM);
    const entries: [string, unknown][] = Array.isArray(current.value)
      ? current.value.map((item, index) => [String(index), item])
      : isObject(current.value)
        ? Object.entries(current.value)
        : [];
    if (!Array.isArray(current.value) && !isObject(current.value)) {
      if (typeof current.value === 'string' && current.value.includes('\u0000')) return violation(current.path, NUL_PROBLEM);
      conditions += 1;
      if (conditions > limits.maxFilterConditions) {
        return violation(parameter, `more than ${limits.maxFilterConditions} conditions (QUERY_MAX_FILTER_CONDITIONS)`);
      }
      continue;
    }
    // qs turns indices past its array limit into object keys: count those lists by their keys too.
    if (entries.length > limits.maxListLength && !LOGICAL.has(current.key)) {
      return violation(current.path, `a list of ${entries.length} values; the limit is ${limits.maxListLength} (QUERY_MAX_LIST_LENGTH)`);
    }
    const isValueList = (Array.isArray(current.value) || isObject(current.value)) && current.key.startsWith('$') && !LOGICAL.has(current.key);
    if (isValueList && entries.every(([, item]) => !Array.isArray(item) && !isObject(item))) {
      const nul = entries.find(([, item]) => typeof item === 'string' && item.includes('\u0000'));
      if (nul) return violation(join(current.path, nul[0]), NUL_PROBLEM);
      // `$in: [a, b, c]`, `$between: [a, b]`: one condition.
      conditions += 1;
      if (conditions > limits.maxFilterConditions) {
        return violation(parameter, `more than ${limits.maxFilterConditions} conditions (QUERY_MAX_FILTER_CONDITIONS)`);
      }
      continue;
    }
    for (const [key, item] of entries) {
      if (!Array.isArray(current.value) && isPrototypeName(key)) return violation(join(current.path, key), prototypeProblem(key));
      // A list's elements sit at the same logical level as the list.
      const depth = Array.isArray(current.value) || /^\d+$/.test(key) ? current.depth : current.depth + 1;
      stack.push({ value: item, path: join(current.path, key), depth, key: Array.isArray(current.value) ? current.key : key });
    }
  }
  return null;
};

/** Populate as a tree of relation (or component) names, whatever way it was written. */
export interface PopulateNode {
  /** `*` at this level: every relation of the type. */
  all: boolean;
  children: Map<string, PopulateNode>;
}

const emptyNode = (): PopulateNode => ({ all: false, children: new Map() });

const addPath = (node: PopulateNode, path: string[]) => {
  let current = node;
  for (const name of path) {
    if (name === '*') {
      current.all = true;
      return;
    }
    let next = current.children.get(name);
    if (!next) {
      next = emptyNode();
      current.children.set(name, next);
    }
    current = next;
  }
};

/**
 * Reads `populate` as Strapi accepts it: `*`, `a,b.c`, `[a, b.c]`, `{ a: true }`,
 * `{ a: { populate: … } }`, `{ a: { on: { component: { populate: … } } } }` (dynamic zones),
 * and returns its tree, or a violation for prototype names, depth past the limit, and the
 * nested `fields`, `sort` and `filters` inside it.
 */
export const parsePopulate = (value: unknown, parameter: string, limits: QueryLimits): { tree: PopulateNode } | { violation: Violation } => {
  const root = emptyNode();
  const visit = (input: unknown, node: PopulateNode, path: string, depth: number): Violation | null => {
    if (input === undefined || input === null || input === false || input === '' || input === 'false') return null;
    if (input === true || input === 'true') {
      node.all = true;
      return null;
    }
    if (typeof input === 'string' || Array.isArray(input)) {
      const names = checkNames(input, path, /\./);
      if (names) return names;
      const list: unknown[] = typeof input === 'string' ? [input] : input;
      for (let index = 0; index < list.length; index += 1) {
        const item = list[index];
        if (typeof item !== 'string') {
          const nested = visit(item, node, `${path}[${index}]`, depth);
          if (nested) return nested;
          continue;
        }
        for (const part of item.split(',')) {
          const segments = part.trim().split('.');
          if (depth + segments.length - 1 > limits.maxPopulateDepth) {
            return violation(path, `populate nested ${depth + segments.length - 1} levels deep; the limit is ${limits.maxPopulateDepth} (QUERY_MAX_POPULATE_DEPTH)`);
          }
          addPath(node, segments);
        }
      }
      return null;
    }
    if (!isObject(input)) return null;
    if (depth > limits.maxPopulateDepth) {
      return violation(path, `populate nested ${depth} levels deep; the limit is ${limits.maxPopulateDepth} (QUERY_MAX_POPULATE_DEPTH)`);
    }
    for (const [name, options] of Object.entries(input)) {
      const childPath = join(path, name);
      if (isPrototypeName(name)) return violation(childPath, prototypeProblem(name));
      if (name === '*') {
        node.all = true;
        continue;
      }
      let child = node.children.get(name);
      if (!child) {
        child = emptyNode();
        node.children.set(name, child);
      }
      if (!isObject(options)) continue;
      for (const [key, option] of Object.entries(options)) {
        const optionPath = join(childPath, key);
        if (isPrototypeName(key)) return violation(optionPath, prototypeProblem(key));
        let problem: Violation | null = null;
        if (key === 'populate') problem = visit(option, child, optionPath, depth + 1);
        else if (key === 'fields') problem = checkFields(option, optionPath, limits);
        else if (key === 'sort') problem = checkSort(option, optionPath, limits);
        else if (key === 'filters') problem = checkFilters(option, optionPath, limits);
        else if (key === 'on' && isObject(option)) {
          // Dynamic zone: each component's options sit one level down, at the same depth.
          for (const [component, componentOptions] of Object.entries(option)) {
            if (isPrototypeName(component)) return violation(join(optionPath, component), prototypeProblem(component));
            if (isObject(componentOptions) && componentOptions.populate !== undefined) {
              problem = visit(componentOptions.populate, child, join(join(optionPath, component), 'populate'), depth + 1);
              if (problem) return problem;
            }
          }
        } else problem = findPrototypeKey(option, optionPath);
        if (problem) return problem;
      }
    }
    return null;
  };
  const problem = visit(value, root, parameter, 1);
  return problem ? { violation: problem } : { tree: root };
};

/** Depth of a populate tree (`*` counts as one level). */
export const populateDepth = (node: PopulateNode): number => {
  let deepest = node.all ? 1 : 0;
  for (const child of node.children.values()) deepest = Math.max(deepest, 1 + populateDepth(child));
  return deepest;
};

/**
 * Keys of a raw query string (`filters[constructor][$eq]=x`) whose bracket segments are prototype
 * names. Checked on the raw string because qs silently drops such keys, and a filter or populate
 * that vanished would answer 200 with something else than what was asked.
 */
export const findPrototypeKeyInQueryString = (querystring: string): Violation | null => {
  for (const key of new URLSearchParams(querystring).keys()) {
    const segments = key.split(/\]?\[|\]$/).filter((segment) => segment !== '');
    for (let index = 0; index < segments.length; index += 1) {
      if (isPrototypeName(segments[index])) {
        const parameter =
          segments[0] +
          segments
            .slice(1, index + 1)
            .map((segment) => `[${segment}]`)
            .join('');
        return violation(index === 0 ? segments[0] : parameter, prototypeProblem(segments[index]));
      }
    }
  }
  return null;
};

/** All checks on a REST query object (after qs parsing), first violation wins. */
export const checkRestQuery = (query: unknown, limits: QueryLimits): Violation | null => {
  if (!isObject(query)) return null;
  const prototypeKey = findPrototypeKey(query, '') ?? findNulString(query, '');
  if (prototypeKey) return prototypeKey;
  const checks: [string, (value: unknown, parameter: string, limits: QueryLimits) => Violation | null][] = [
    ['fields', checkFields],
    ['sort', checkSort],
    ['filters', checkFilters],
  ];
  for (const [parameter, check] of checks) {
    if (query[parameter] === undefined) continue;
    const problem = check(query[parameter], parameter, limits);
    if (problem) return problem;
  }
  if (query.populate !== undefined) {
    const populate = parsePopulate(query.populate, 'populate', limits);
    if ('violation' in populate) return populate.violation;
  }
  return null;
};
