import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { winston } from '@strapi/logger';
import type { Core } from '@strapi/strapi';
import { findRoot } from './root';

/**
 * Random hostile public reads (REST and GraphQL) over every content type of the app: populate,
 * filters, fields, sort and pagination trees of random depth and width, names of
 * Object.prototype, long lists, any Unicode. Each answer must be a 2xx or a 4xx with a message
 * (readAnswerIsClean), never a 500 or a hang. Used by tests/integration/hostile-reads.test.ts
 * (a few hundred cases) and tests/load/run.ts (10,000).
 */

export interface FuzzType {
  /** REST route: /api/<pluralName>. */
  pluralName: string;
  /** GraphQL type: <Singular>; its filters input: <Singular>FiltersInput. */
  typeName: string;
  filtersInput: string;
  /** GraphQL's list query: <pluralName> in camelCase. */
  queryName: string;
  scalars: string[];
  relations: string[];
  /** Every attribute's type, by name (`string`, `date` …; a relation's with its kind: `relation:manyToOne`). */
  attributeTypes: Record<string, string>;
}

const pascal = (name: string) => name.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase());
const camel = (name: string) => name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** Every content type of src/api, read from its schema.json: a type added later is fuzzed too. */
export const contentTypesOfApp = (root = findRoot()): FuzzType[] => {
  const api = path.join(root, 'src', 'api');
  return fs.readdirSync(api).flatMap((folder) => {
    const typesDir = path.join(api, folder, 'content-types');
    if (!fs.existsSync(typesDir)) return [];
    return fs.readdirSync(typesDir).map((name) => {
      const schema = JSON.parse(fs.readFileSync(path.join(typesDir, name, 'schema.json'), 'utf8')) as {
        info: { singularName: string; pluralName: string };
        attributes: Record<string, { type: string; relation?: string; private?: boolean }>;
      };
      const attributes = Object.entries(schema.attributes);
      return {
        pluralName: schema.info.pluralName,
        typeName: pascal(schema.info.singularName),
        filtersInput: `${pascal(schema.info.singularName)}FiltersInput`,
        queryName: camel(schema.info.pluralName),
        scalars: attributes.filter(([, attribute]) => ['string', 'text', 'uid', 'date', 'email', 'boolean', 'enumeration', 'integer'].includes(attribute.type)).map(([key]) => key),
        relations: attributes.filter(([, attribute]) => attribute.type === 'relation').map(([key]) => key),
        attributeTypes: Object.fromEntries(attributes.map(([key, attribute]) => [key, attribute.relation ? `${attribute.type}:${attribute.relation}` : attribute.type])),
      };
    });
  });
};

const PROTOTYPE = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'propertyIsEnumerable', 'toLocaleString'];
const OPERATORS = ['$eq', '$ne', '$in', '$notIn', '$lt', '$gt', '$contains', '$containsi', '$startsWith', '$null', '$notNull', '$between', '$eqi', '$bogus'];

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('', 'WAITRO', '2024-01-01', '*', 'a.b', '%', "'; drop table x; --", '\u0000')
);

/** A REST query and its string, the way a client would send it. */
export interface RestRead {
  kind: 'rest';
  path: string;
}

export interface GraphqlRead {
  kind: 'graphql';
  body: { query: string; variables?: Record<string, unknown> };
}

export type HostileRead = RestRead | GraphqlRead;

/** Percent-encodes UTF-8 bytes (lone surrogates become U+FFFD, as a browser would send them). */
const encode = (value: string) =>
  [...Buffer.from(value, 'utf8')]
    .map((byte) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');

/** Bracket query string (`a[b][0]=c`) of a nested value; keys are encoded but brackets kept. */
export const toQueryString = (value: Record<string, unknown>): string => {
  const parts: string[] = [];
  const walk = (current: unknown, key: string) => {
    if (Array.isArray(current)) current.forEach((item, index) => walk(item, `${key}[${index}]`));
    else if (typeof current === 'object' && current !== null) for (const [name, item] of Object.entries(current)) walk(item, `${key}[${encode(name)}]`);
    else parts.push(`${key}=${encode(String(current))}`);
  };
  for (const [name, item] of Object.entries(value)) walk(item, encode(name));
  return parts.join('&');
};

/** A plausible read of one type: its own relations (one level) and fields, simple filters. Mostly 200. */
const plausibleRestRead = (types: FuzzType[]): fc.Arbitrary<RestRead> =>
  fc.constantFrom(...types).chain((type) =>
    fc
      .record(
        {
          populate: type.relations.length > 0 ? fc.oneof(fc.constant('*'), fc.subarray(type.relations, { minLength: 1 })) : fc.constant('*'),
          fields: fc.subarray(type.scalars, { minLength: 1 }),
          sort: fc.constantFrom(...type.scalars).map((name) => `${name}:desc`),
          filters: fc.record({ $or: fc.array(fc.record({ [type.scalars[0]]: fc.record({ $containsi: text }) }), { maxLength: 5 }) }),
          pagination: fc.record({ pageSize: fc.integer({ min: 1, max: 100 }) }),
        },
        { requiredKeys: [] }
      )
      .map((params) => {
        const queryString = toQueryString(params);
        return { kind: 'rest' as const, path: `/api/${type.pluralName}${queryString ? `?${queryString}` : ''}` };
      })
  );

const restRead = (types: FuzzType[]): fc.Arbitrary<RestRead> =>
  fc.constantFrom(...types).chain((type) => {
    const relationNames = [...new Set(types.flatMap((item) => item.relations))];
    const scalarNames = [...new Set(types.flatMap((item) => item.scalars))];
    const name = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...(type.relations.length > 0 ? type.relations : relationNames)) },
      { weight: 4, arbitrary: fc.constantFrom(...relationNames) },
      { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE, '*') },
      { weight: 1, arbitrary: text }
    );
    const field = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...scalarNames, 'id', 'documentId') },
      { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE) },
      { weight: 1, arbitrary: text }
    );
    const fields = fc.oneof(fc.array(field, { maxLength: 6 }), fc.array(fc.constant('title'), { minLength: 40, maxLength: 60 }), field);
    const sort = fc.oneof(
      fc.array(
        fc.tuple(field, fc.constantFrom('asc', 'desc', 'x')).map(([key, order]) => `${key}:${order}`),
        { maxLength: 12 }
      ),
      field
    );
    const { filter } = fc.letrec<{ filter: unknown }>((tie) => ({
      filter: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.dictionary(fc.oneof(field, name), fc.dictionary(fc.constantFrom(...OPERATORS), fc.oneof(text, fc.array(text, { maxLength: 3 })), { maxKeys: 2 }), { maxKeys: 3 }),
        fc.record({ $or: fc.array(tie('filter'), { maxLength: 4 }) }),
        fc.record({ $and: fc.array(tie('filter'), { maxLength: 4 }) }),
        fc.record({ $not: tie('filter') }),
        fc.dictionary(name, tie('filter'), { maxKeys: 2 }),
        // Wide: past the condition and list limits.
        fc.integer({ min: 40, max: 70 }).map((count) => ({ $or: Array.from({ length: count }, (_, index) => ({ title: { $eq: `t${index}` } })) })),
        fc.integer({ min: 90, max: 130 }).map((count) => ({ id: { $in: Array.from({ length: count }, (_, index) => index) } }))
      ),
    }));
    const { populate } = fc.letrec<{ populate: unknown }>((tie) => ({
      populate: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom('*', 'true'),
        name,
        fc.array(
          fc.array(name, { minLength: 1, maxLength: 5 }).map((names) => names.join('.')),
          { maxLength: 3 }
        ),
        fc.dictionary(name, fc.oneof(fc.constant(true), fc.record({ populate: tie('populate'), fields, filters: filter, sort }, { requiredKeys: [] })), { maxKeys: 3 })
      ),
    }));
    // Deep chains like the attack's (populate[a][populate][b]…).
    const chain = fc
      .array(name, { minLength: 2, maxLength: 10 })
      .map((names) => names.reduceRight<unknown>((inner, relation) => ({ [relation]: inner === true ? true : { populate: inner } }), true));
    const pagination = fc.record(
      {
        page: fc.oneof(fc.integer({ min: -5, max: 1e6 }), text),
        pageSize: fc.oneof(fc.integer({ min: -5, max: 1e6 }), text),
        start: fc.integer({ min: -5, max: 1e6 }),
        limit: fc.integer({ min: -5, max: 1e6 }),
        withCount: fc.boolean(),
      },
      { requiredKeys: [] }
    );
    const query = fc.record(
      {
        populate: fc.oneof(populate, chain),
        filters: filter,
        fields,
        sort,
        pagination,
        status: fc.constantFrom('published', 'draft', 'x'),
        locale: fc.constantFrom('en', 'zh-Hans', '*', 'xx'),
      },
      { requiredKeys: [] }
    );
    const extra = fc.array(fc.tuple(fc.constantFrom(...PROTOTYPE, 'filters', 'populate'), text), { maxLength: 2 });
    return fc.tuple(query, extra).map(([params, pairs]) => {
      const queryString = [toQueryString(params), ...pairs.map(([key, value]) => `${key}[${encode(value)}]=1`)].filter((part) => part !== '').join('&');
      return { kind: 'rest' as const, path: `/api/${type.pluralName}${queryString ? `?${queryString}` : ''}` };
    });
  });

const graphqlRead = (types: FuzzType[]): fc.Arbitrary<GraphqlRead> =>
  fc.constantFrom(...types).chain((type) => {
    const byRelation = new Map(types.flatMap((item) => item.relations.map((relation) => [relation, item] as const)));
    const scalar = fc.constantFrom(...new Set(types.flatMap((item) => item.scalars)));
    const pagination = fc.oneof(
      fc.constant(''),
      fc.integer({ min: -1, max: 1000 }).map((limit) => `pagination: { limit: ${limit} }`),
      fc.constant('pagination: $page')
    );
    const { selection } = fc.letrec<{ selection: string }>((tie) => ({
      selection: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.array(scalar, { minLength: 1, maxLength: 3 }).map((names) => names.join(' ')),
        fc
          .tuple(fc.constantFrom(...byRelation.keys()), pagination, tie('selection'), scalar)
          .map(([relation, page, inner, name]) => `${name} ${relation}${page ? `(${page})` : ''} { ${inner} }`)
      ),
    }));
    const { filter } = fc.letrec<{ filter: unknown }>((tie) => ({
      filter: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.dictionary(
          scalar,
          fc.dictionary(fc.constantFrom('eq', 'ne', 'in', 'contains', 'null', ...PROTOTYPE), fc.oneof(text, fc.array(text, { maxLength: 3 })), { maxKeys: 2 }),
          { maxKeys: 2 }
        ),
        fc.record({ or: fc.array(tie('filter'), { maxLength: 4 }) }),
        fc.record({ and: fc.array(tie('filter'), { maxLength: 4 }) }),
        fc.integer({ min: 40, max: 2000 }).map((count) => ({ or: Array.from({ length: count }, (_, index) => ({ title: { eq: `t${index}` } })) })),
        fc.integer({ min: 90, max: 500 }).map((count) => ({ documentId: { in: Array.from({ length: count }, (_, index) => `d${index}`) } }))
      ),
    }));
    const variables = fc.record({ filters: filter, page: fc.record({ limit: fc.integer({ min: -1, max: 60 }) }, { requiredKeys: [] }) }, { requiredKeys: [] });
    const cycle = fc.constant(`fragment A on ${type.typeName} { ...B } fragment B on ${type.typeName} { ...A }`);
    return fc
      .tuple(selection, pagination, variables, fc.option(cycle, { freq: 10 }), fc.option(fc.constantFrom(...PROTOTYPE), { freq: 8 }))
      .map(([inner, page, vars, fragments, prototypeKey]) => {
        const spreads = fragments ? ' ...A' : '';
        const body = `${type.queryName}(filters: $filters${page ? `, ${page}` : ''}) { documentId ${inner}${spreads} }`;
        const query = `query ($filters: ${type.filtersInput}${body.includes('$page') ? ', $page: PaginationArg' : ''}) { ${body} } ${fragments ?? ''}`;
        const values: Record<string, unknown> = { ...vars };
        if (prototypeKey) values.filters = { ...(typeof vars.filters === 'object' && vars.filters ? vars.filters : {}), [prototypeKey]: { eq: 'x' } };
        return { kind: 'graphql' as const, body: { query, variables: values } };
      });
  });

/** A hostile read of any content type, REST or GraphQL (a quarter of them plausible, to reach past the guards). */
export const hostileRead = (types: FuzzType[]): fc.Arbitrary<HostileRead> =>
  fc.oneof({ weight: 3, arbitrary: restRead(types) }, { weight: 2, arbitrary: graphqlRead(types) }, { weight: 2, arbitrary: plausibleRestRead(types) });

/**
 * 2xx, or a 4xx whose body has a message (Strapi's `error.message` or GraphQL's `errors[].message`);
 * never a 500. A URL past Node's header size limit (16 KB) is refused by Node itself with 431 and
 * no body, before Strapi sees it: that is a bounded refusal too.
 */
export const readAnswerIsClean = (status: number, body: unknown): boolean => {
  if (status === 431) return true;
  const answer = body as { error?: { message?: unknown }; errors?: { message?: unknown }[] } | null;
  const graphqlMessages = Array.isArray(answer?.errors) ? answer.errors.map((error) => error?.message) : [];
  // A 200 whose errors hide a crash (Strapi's "Internal Server Error", Apollo's "Internal server error").
  if (graphqlMessages.some((message) => typeof message === 'string' && /^internal server error$/i.test(message))) return false;
  if (status >= 200 && status < 300) return true;
  if (status < 400 || status >= 500) return false;
  const message = answer?.error?.message ?? graphqlMessages[0];
  return typeof message === 'string' && message.length > 0;
};

/** Sends one read; the answer with its time. */
export const sendRead = async (baseUrl: string, read: HostileRead, timeoutMs = 10_000): Promise<{ status: number; body: unknown; ms: number }> => {
  const started = performance.now();
  const response =
    read.kind === 'rest'
      ? await fetch(`${baseUrl}${read.path}`, { signal: AbortSignal.timeout(timeoutMs) })
      : await fetch(`${baseUrl}/graphql`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(read.body),
          signal: AbortSignal.timeout(timeoutMs),
        });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = { raw: text };
  }
  return { status: response.status, body, ms: performance.now() - started };
};

/** Polls /_health every interval and keeps the slowest answer (ms), until stopped. */
export const watchHealth = (baseUrl: string, intervalMs = 200) => {
  let slowest = 0;
  let failures = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const response = await fetch(`${baseUrl}/_health`, { signal: AbortSignal.timeout(5000) });
        if (response.status !== 204) failures += 1;
      } catch {
        failures += 1;
      }
      slowest = Math.max(slowest, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { slowestMs: slowest, failures };
    },
  };
};

/** Collects what the app logs at level error (a 500's error, a worker's failure) until stopped. */
export const watchErrorLog = (strapi: Core.Strapi) => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString().trim());
      done();
    },
  });
  const transport = new winston.transports.Stream({ stream, level: 'error' });
  strapi.log.add(transport);
  return {
    lines,
    stop: () => {
      strapi.log.remove(transport);
    },
  };
};

/**
 * Sends reads a few at a time (the server answers each on its own; the run stays within
 * seconds) and returns the labels of those answered uncleanly (readAnswerIsClean) or while the
 * server logged an error.
 */
export const sendEach = async (baseUrl: string, strapi: Core.Strapi, reads: { read: HostileRead; label: string }[], concurrency = 8): Promise<string[]> => {
  const serverErrors = watchErrorLog(strapi);
  const unclean: string[] = [];
  try {
    for (let start = 0; start < reads.length; start += concurrency) {
      await Promise.all(
        reads.slice(start, start + concurrency).map(async ({ read, label }) => {
          const logged = serverErrors.lines.length;
          const answer = await sendRead(baseUrl, read);
          const clean = readAnswerIsClean(answer.status, answer.body);
          // Reads run side by side: an error logged while this one ran may be another's.
          if (!clean || serverErrors.lines.length > logged) unclean.push(`${answer.status} ${label}${clean ? ' (an error was logged while it ran)' : ''}`);
        })
      );
    }
  } finally {
    serverErrors.stop();
  }
  return unclean;
};
