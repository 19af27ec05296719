import type { FieldProblem } from './errors';
import { positiveIntSetting } from '../utils/settings';

/**
 * Bounds on what one write may contain, far above real news copy, so that no writer can make a
 * save cost seconds (or freeze the server) with an allowed-looking payload. Each is a setting.
 */
export interface WriteLimits {
  /** Arrays/objects nested inside one field's value (WRITE_MAX_DEPTH). */
  maxDepth: number;
  /** Nodes (blocks, inline nodes, list items) in one blocks field (WRITE_MAX_BLOCKS_NODES). */
  maxBlocksNodes: number;
  /** Characters of one text field, or of all the text of one blocks field (WRITE_MAX_TEXT_CHARS). */
  maxTextChars: number;
  /** Aliases of one organization (WRITE_MAX_ALIASES). */
  maxAliases: number;
  /** Items (array entries or object keys) at the top of one JSON field (WRITE_MAX_JSON_ITEMS). */
  maxJsonItems: number;
}

export const LIMIT_SETTINGS: Record<keyof WriteLimits, { env: string; fallback: number }> = {
  maxDepth: { env: 'WRITE_MAX_DEPTH', fallback: 100 },
  maxBlocksNodes: { env: 'WRITE_MAX_BLOCKS_NODES', fallback: 5_000 },
  maxTextChars: { env: 'WRITE_MAX_TEXT_CHARS', fallback: 1_500_000 },
  maxAliases: { env: 'WRITE_MAX_ALIASES', fallback: 100 },
  maxJsonItems: { env: 'WRITE_MAX_JSON_ITEMS', fallback: 100 },
};

/** The limits from the environment; a value that is not a positive integer stops the app with its name. */
export const readLimits = (env: NodeJS.ProcessEnv = process.env): WriteLimits => {
  const limits = {} as WriteLimits;
  for (const [key, { env: name, fallback }] of Object.entries(LIMIT_SETTINGS) as [keyof WriteLimits, { env: string; fallback: number }][]) {
    limits[key] = positiveIntSetting(env, name, fallback);
  }
  return limits;
};

/**
 * Extra levels a request body may have around the fields (REST's { data }, GraphQL's
 * { variables: { name: { data } } }, the content manager's bare object), so that the request
 * check never refuses what the per-field check accepts.
 */
export const ENVELOPE_DEPTH = 4;

interface Frame {
  value: unknown;
  depth: number;
  key: string | number;
  parent: Frame | null;
}

const pathOf = (frame: Frame): (string | number)[] => {
  const path: (string | number)[] = [];
  for (let at: Frame | null = frame; at?.parent; at = at.parent) path.push(at.key);
  return path.reverse();
};

/**
 * The first array/object nested more than maxDepth levels inside `value` (value itself, if a
 * container, is level 1), with its path. One pass over the nodes, without recursion; the path
 * is built only for the answer.
 */
export const tooDeep = (value: unknown, maxDepth: number): { path: (string | number)[] } | null => {
  if (value === null || typeof value !== 'object') return null;
  const stack: Frame[] = [{ value, depth: 1, key: '', parent: null }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.depth > maxDepth) return { path: pathOf(frame) };
    const current = frame.value;
    if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index -= 1) {
        const item: unknown = current[index];
        if (item !== null && typeof item === 'object') stack.push({ value: item, depth: frame.depth + 1, key: index, parent: frame });
      }
    } else {
      for (const key of Object.keys(current as object)) {
        const item = (current as Record<string, unknown>)[key];
        if (item !== null && typeof item === 'object') stack.push({ value: item, depth: frame.depth + 1, key, parent: frame });
      }
    }
  }
  return null;
};

export const depthMessage = (maxDepth: number) => `is nested more than ${maxDepth} levels deep (limit WRITE_MAX_DEPTH)`;

/** The per-field depth check of a write's data: each field's value counts from its own level. */
export const dataTooDeep = (data: Record<string, unknown>, maxDepth: number): FieldProblem | null => {
  for (const [field, value] of Object.entries(data)) {
    const deep = tooDeep(value, maxDepth);
    if (deep) return { path: [field], message: depthMessage(maxDepth) };
  }
  return null;
};

/**
 * Whether a GraphQL document nests brackets ({ [ ( ) more than maxDepth levels, skipping strings
 * and comments; one pass. graphql-js parses recursively, so this runs before it does.
 */
export const graphqlNestingExceeds = (source: string, maxDepth: number): boolean => {
  let depth = 0;
  for (let index = 0; index < source.length; index += 1) {
    const character = source[index];
    if (character === '#') {
      while (index < source.length && source[index] !== '\n' && source[index] !== '\r') index += 1;
    } else if (character === '"') {
      if (source.startsWith('"""', index)) {
        index += 3;
        while (index < source.length && !(source.startsWith('"""', index) && source[index - 1] !== '\\')) index += 1;
        index += 2;
      } else {
        index += 1;
        while (index < source.length && source[index] !== '"' && source[index] !== '\n') index += source[index] === '\\' ? 2 : 1;
      }
    } else if (character === '{' || character === '[' || character === '(') {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (character === '}' || character === ']' || character === ')') {
      depth -= 1;
    }
  }
  return false;
};

/** Node and character counts of a blocks value (after the depth check, so iteration is bounded). */
export const blocksSize = (value: unknown): { nodes: number; chars: number } => {
  let nodes = 0;
  let chars = 0;
  const stack: unknown[] = Array.isArray(value) ? Array.from<unknown>(value) : [];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== 'object' || Array.isArray(node)) continue;
    nodes += 1;
    const record = node as { text?: unknown; children?: unknown };
    if (typeof record.text === 'string') chars += record.text.length;
    if (Array.isArray(record.children)) for (const child of record.children) stack.push(child);
  }
  return { nodes, chars };
};

type AttributeTypes = Record<string, string | undefined>;

/**
 * The size limits of one write: aliases, nodes and characters of blocks fields, characters of
 * text fields, items of JSON fields. `types` maps each attribute to its Strapi type.
 */
export const sizeProblems = (data: Record<string, unknown>, types: AttributeTypes, limits: WriteLimits, aliasesField?: string): FieldProblem[] => {
  const problems: FieldProblem[] = [];
  for (const [field, value] of Object.entries(data)) {
    const type = types[field];
    if (field === aliasesField && Array.isArray(value) && value.length > limits.maxAliases) {
      problems.push({ path: [field], message: `must have at most ${limits.maxAliases} aliases (got ${value.length}; limit WRITE_MAX_ALIASES)` });
    } else if (type === 'blocks' && Array.isArray(value)) {
      const { nodes, chars } = blocksSize(value);
      if (nodes > limits.maxBlocksNodes) {
        problems.push({ path: [field], message: `must have at most ${limits.maxBlocksNodes} nodes (got ${nodes}; limit WRITE_MAX_BLOCKS_NODES)` });
      } else if (chars > limits.maxTextChars) {
        problems.push({ path: [field], message: `must have at most ${limits.maxTextChars} characters of text (got ${chars}; limit WRITE_MAX_TEXT_CHARS)` });
      }
    } else if ((type === 'string' || type === 'text' || type === 'richtext') && typeof value === 'string' && value.length > limits.maxTextChars) {
      problems.push({ path: [field], message: `must be at most ${limits.maxTextChars} characters (got ${value.length}; limit WRITE_MAX_TEXT_CHARS)` });
    } else if (type === 'json' && value !== null && typeof value === 'object') {
      const items = Array.isArray(value) ? value.length : Object.keys(value).length;
      if (items > limits.maxJsonItems) {
        problems.push({ path: [field], message: `must have at most ${limits.maxJsonItems} items (got ${items}; limit WRITE_MAX_JSON_ITEMS)` });
      }
    }
  }
  return problems;
};
