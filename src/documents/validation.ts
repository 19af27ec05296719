import type { Core, Modules, UID } from '@strapi/strapi';
import { z } from 'zod';
import { fieldValidationError, type FieldProblem } from './errors';
import { articleFields, authorFields, organizationFields, partnershipFields, sectorFields } from './field-schemas';
import { dataTooDeep, readLimits, sizeProblems, type WriteLimits } from './limits';
import { blocksLinkProblems } from './links';
import { nameEdgeProblem, nameKey } from './names';
import { toOneChange, type RelationRef, type ToOneChange } from './relations';

type Context = Modules.Documents.Middleware.Context;
type Data = Record<string, unknown>;

const ORGANIZATION = 'api::organization.organization';
const PARTNERSHIP = 'api::partnership.partnership';
const SECTOR = 'api::sector.sector';
/** The types whose `sectors` relation is checked. */
const FILED_BY_SECTOR = new Set(['api::article.article', ORGANIZATION]);

const WRITE_ACTIONS = new Set(['create', 'update']);

// Rows as the query engine returns them (it types them `any`): parsed, not cast.
const refRow = z.object({ documentId: z.string() }).nullish();
const namedRow = z.object({ name: z.string() }).nullish();
const sectorRows = z.array(z.object({ name: z.string().nullish() }));
const sectorRefRows = z.array(z.object({ id: z.number(), documentId: z.string() }));
const parentRow = z.object({ parent: refRow }).nullish();
// Strapi keeps `date` fields as 'yyyy-MM-dd' text on both databases (PostgreSQL's DATE parser returns the text).
const partnershipRow = z.object({ organization: refRow, partner: refRow, startDate: z.string().nullish(), endDate: z.string().nullish() }).nullish();

// A lone UTF-16 surrogate cannot be stored as UTF-8: PostgreSQL would get U+FFFD instead.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// PostgreSQL's text and json types cannot hold U+0000 at all (the write would fail with a 500).
const NUL = '\u0000';

const textProblem = (text: string): string | null => {
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired surrogate (text that is not valid Unicode)';
  if (text.includes(NUL)) return 'contains a NUL character (U+0000), which cannot be stored';
  return null;
};

interface TextFrame {
  value: unknown;
  key: string | number;
  parent: TextFrame | null;
}

const framePath = (frame: TextFrame): (string | number)[] => {
  const path: (string | number)[] = [];
  for (let at: TextFrame | null = frame; at?.parent; at = at.parent) path.push(at.key);
  return path.reverse();
};

/**
 * The first string (value or object key) in the data that cannot be stored as text, with why;
 * walked without recursion, in one pass: the path is built only for the answer (copying it at
 * every level made deep input cost the square of its depth).
 */
export const unstorableText = (data: unknown): FieldProblem | null => {
  const stack: TextFrame[] = [{ value: data, key: '', parent: null }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { value } = frame;
    if (typeof value === 'string') {
      const message = textProblem(value);
      if (message) return { path: framePath(frame), message };
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index -= 1) stack.push({ value: value[index], key: index, parent: frame });
    } else if (value && typeof value === 'object') {
      const entries = Object.entries(value);
      for (const [key] of entries) {
        const message = textProblem(key);
        if (message) return { path: [...framePath(frame), key], message: `has a key that ${message}` };
      }
      for (let index = entries.length - 1; index >= 0; index -= 1) stack.push({ value: entries[index][1], key: entries[index][0], parent: frame });
    }
  }
  return null;
};

const problemsOf = (error: z.ZodError): FieldProblem[] =>
  error.issues.map((issue) => ({ path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)), message: issue.message }));

/** Validates and normalizes (trims, upper-cases country codes) the fields present in the write. */
const parseFields = (schema: z.ZodType<Data>, data: Data): Data => {
  const result = schema.safeParse(data);
  if (!result.success) throw fieldValidationError(problemsOf(result.error));
  return result.data;
};

const documentIdOf = async (strapi: Core.Strapi, uid: UID.ContentType, ref: RelationRef | null): Promise<string | null> => {
  if (ref === null) return null;
  if ('documentId' in ref) return ref.documentId;
  const row = refRow.parse(await strapi.db.query(uid).findOne({ where: { id: ref.id }, select: ['documentId'] }));
  return row?.documentId ?? null;
};

const isPublishingWrite = (context: Context): boolean =>
  context.action === 'publish' || ((context.action === 'create' || context.action === 'update') && (context.params as { status?: string }).status === 'published');

const validateOrganization = async (strapi: Core.Strapi, context: Context, data: Data): Promise<void> => {
  const documentId = (context.params as { documentId?: string }).documentId;
  const problems: FieldProblem[] = [];
  // The folded key is the app's to write (stored so that a clash is one indexed-size query, not a
  // read of the whole directory); whatever a writer sends for it is dropped.
  delete data.nameKey;
  if (typeof data.name === 'string') {
    // Compared as the linker and readers see them (NFKC, invisible characters removed, case and
    // white space folded): "RT Org" plus a zero-width space, or in full-width letters, is the
    // same name. Drafts count.
    const key = nameKey(data.name);
    data.nameKey = key;
    const clash = namedRow.parse(
      await strapi.db.query(ORGANIZATION).findOne({
        where: { nameKey: key, ...(documentId ? { documentId: { $ne: documentId } } : {}) },
        select: ['name'],
      })
    );
    if (clash) problems.push({ path: ['name'], message: `an organization named "${clash.name}" already exists` });
  }
  for (const key of ['rorId', 'wikidataId'] as const) {
    const value = data[key];
    if (typeof value !== 'string') continue;
    // Drafts included: a second organization with the same identifier would be a duplicate entry.
    const clash = namedRow.parse(
      await strapi.db.query(ORGANIZATION).findOne({
        where: { [key]: value, ...(documentId ? { documentId: { $ne: documentId } } : {}) },
        select: ['name'],
      })
    );
    if (clash) problems.push({ path: [key], message: `"${value}" is already the ${key} of "${clash.name}"` });
  }
  const parent = toOneChange(data.parent);
  if (parent && documentId) {
    let current = await documentIdOf(strapi, ORGANIZATION, parent);
    const seen = new Set<string>();
    while (current && !seen.has(current)) {
      if (current === documentId) {
        problems.push({ path: ['parent'], message: 'an organization cannot be its own parent or ancestor' });
        break;
      }
      seen.add(current);
      const row = parentRow.parse(
        await strapi.db.query(ORGANIZATION).findOne({
          where: { documentId: current, publishedAt: null },
          populate: { parent: { select: ['documentId'] } },
        })
      );
      current = row?.parent?.documentId ?? null;
    }
  }
  if (problems.length > 0) throw fieldValidationError(problems);
};

/** Sector names are unique as people read them (letter case, width, invisible characters aside). */
const validateSector = async (strapi: Core.Strapi, context: Context, data: Data): Promise<void> => {
  if (typeof data.name !== 'string') return;
  const documentId = (context.params as { documentId?: string }).documentId;
  const key = nameKey(data.name);
  // A few dozen sectors: folded in memory, like organization names.
  const others = sectorRows.parse(await strapi.db.query(SECTOR).findMany({ where: documentId ? { documentId: { $ne: documentId } } : {}, select: ['name'] }));
  const clash = others.map((row) => row.name).find((name): name is string => typeof name === 'string' && nameKey(name) === key);
  if (clash !== undefined) throw fieldValidationError([{ path: ['name'], message: `a sector named "${clash}" already exists` }]);
};

/** The sectors a write links (a list, or its set/connect), each with its path; disconnected ones need not exist. */
const linkedSectors = (value: unknown): { path: (string | number)[]; ref: RelationRef }[] => {
  const refOf = (item: unknown): RelationRef | null => {
    if (typeof item === 'string') return { documentId: item };
    if (typeof item === 'number') return { id: item };
    if (item && typeof item === 'object') {
      const record = item as { documentId?: unknown; id?: unknown };
      if (typeof record.documentId === 'string') return { documentId: record.documentId };
      if (record.id !== undefined) return { id: Number(record.id) };
    }
    return null;
  };
  const listed = (items: unknown, path: (string | number)[]) =>
    (Array.isArray(items) ? items.map((item: unknown, index) => ({ item, path: [...path, index] })) : items === undefined ? [] : [{ item: items, path }]).flatMap(
      ({ item, path: at }) => {
        const ref = refOf(item);
        return ref ? [{ path: at, ref }] : [];
      }
    );
  if (Array.isArray(value)) return listed(value, ['sectors']);
  if (value && typeof value === 'object') {
    const { connect, set } = value as { connect?: unknown; set?: unknown };
    return [...listed(set, ['sectors', 'set']), ...listed(connect, ['sectors', 'connect'])];
  }
  return [];
};

/** Sectors that do not exist are named (Strapi's own message names neither the field nor the type). */
const validateSectorLinks = async (strapi: Core.Strapi, data: Data): Promise<void> => {
  const links = linkedSectors(data.sectors);
  if (links.length === 0) return;
  const documentIds = links.flatMap(({ ref }) => ('documentId' in ref ? [ref.documentId] : []));
  const ids = links.flatMap(({ ref }) => ('id' in ref ? [ref.id] : []));
  const rows = sectorRefRows.parse(
    await strapi.db.query(SECTOR).findMany({
      where: { $or: [{ documentId: { $in: documentIds } }, { id: { $in: ids } }] },
      select: ['id', 'documentId'],
    })
  );
  const known = new Set(rows.flatMap((row) => [row.documentId, `#${row.id}`]));
  const problems = links
    .filter(({ ref }) => !known.has('documentId' in ref ? ref.documentId : `#${ref.id}`))
    .map(({ path, ref }) => ({ path, message: `there is no sector ${'documentId' in ref ? `"${ref.documentId}"` : `with id ${ref.id}`}` }));
  if (problems.length > 0) throw fieldValidationError(problems);
};

interface PartnershipState {
  organization: string | null;
  partner: string | null;
  startDate: string | null;
  endDate: string | null;
}

const storedPartnership = async (strapi: Core.Strapi, documentId: string | undefined): Promise<PartnershipState> => {
  const empty = { organization: null, partner: null, startDate: null, endDate: null };
  if (!documentId) return empty;
  const row = partnershipRow.parse(
    await strapi.db.query(PARTNERSHIP).findOne({
      where: { documentId, publishedAt: null },
      populate: { organization: { select: ['documentId'] }, partner: { select: ['documentId'] } },
    })
  );
  if (!row) return empty;
  return {
    organization: row.organization?.documentId ?? null,
    partner: row.partner?.documentId ?? null,
    startDate: row.startDate ?? null,
    endDate: row.endDate ?? null,
  };
};

const validatePartnership = async (strapi: Core.Strapi, context: Context, data: Data): Promise<void> => {
  const documentId = (context.params as { documentId?: string }).documentId;
  const stored = await storedPartnership(strapi, documentId);
  const resolve = async (change: ToOneChange, current: string | null) => (change === undefined ? current : documentIdOf(strapi, ORGANIZATION, change));
  const state: PartnershipState = {
    organization: await resolve(toOneChange(data.organization), stored.organization),
    partner: await resolve(toOneChange(data.partner), stored.partner),
    startDate: data.startDate === undefined ? stored.startDate : (data.startDate as string | null),
    endDate: data.endDate === undefined ? stored.endDate : (data.endDate as string | null),
  };
  const problems: FieldProblem[] = [];
  if (isPublishingWrite(context)) {
    if (!state.organization) problems.push({ path: ['organization'], message: 'is required' });
    if (!state.partner) problems.push({ path: ['partner'], message: 'is required' });
  }
  if (state.organization && state.organization === state.partner) {
    problems.push({ path: ['partner'], message: 'must be a different organization than organization' });
  }
  if (state.startDate && state.endDate && state.endDate < state.startDate) {
    problems.push({ path: ['endDate'], message: `must not be before startDate (${state.startDate})` });
  }
  if (problems.length > 0) throw fieldValidationError(problems);
};

/** Names with an invisible character at an edge: they would look like another name. */
const namesAtEdges = (uid: string, data: Data): FieldProblem[] => {
  if (uid !== ORGANIZATION) return [];
  const problems: FieldProblem[] = [];
  for (const field of ['name', 'acronym'] as const) {
    const value = data[field];
    const problem = typeof value === 'string' ? nameEdgeProblem(value.trim()) : null;
    if (problem) problems.push({ path: [field], message: problem });
  }
  if (Array.isArray(data.aliases)) {
    data.aliases.forEach((alias: unknown, index) => {
      const text = alias && typeof alias === 'object' ? (alias as { text?: unknown }).text : undefined;
      const problem = typeof text === 'string' ? nameEdgeProblem(text.trim()) : null;
      if (problem) problems.push({ path: ['aliases', index, 'text'], message: problem });
    });
  }
  return problems;
};

const FIELD_SCHEMAS: Partial<Record<string, z.ZodType<Data>>> = {
  'api::organization.organization': organizationFields,
  'api::article.article': articleFields,
  'api::partnership.partnership': partnershipFields,
  'api::author.author': authorFields,
  'api::sector.sector': sectorFields,
};

/**
 * Document Service middleware: the content model's rules, enforced for every writer
 * (REST, GraphQL, the admin panel, scripts). A refused write throws before anything is stored.
 */
export const validationMiddleware = (strapi: Core.Strapi, limits: WriteLimits = readLimits()): Modules.Documents.Middleware.Middleware => {
  const attributeTypes = (uid: string): Record<string, string | undefined> =>
    Object.fromEntries(Object.entries(strapi.contentType(uid as UID.ContentType)?.attributes ?? {}).map(([name, attribute]) => [name, (attribute as { type?: string }).type]));

  const linkProblems = (uid: string, data: Data): FieldProblem[] => {
    const types = attributeTypes(uid);
    return Object.keys(data).flatMap((field) => (types[field] === 'blocks' ? blocksLinkProblems(field, data[field]) : []));
  };

  return async (context, next) => {
    const schema = FIELD_SCHEMAS[context.uid];
    if (!schema) return next();
    const params = context.params as { data?: Data };

    if (WRITE_ACTIONS.has(context.action) && params.data && typeof params.data === 'object') {
      // Bounded work first: one linear pass for depth, then sizes, before anything walks deeper.
      const deep = dataTooDeep(params.data, limits.maxDepth);
      if (deep) throw fieldValidationError([deep]);
      const oversized = sizeProblems(params.data, attributeTypes(context.uid), limits, context.uid === ORGANIZATION ? 'aliases' : undefined);
      if (oversized.length > 0) throw fieldValidationError(oversized);
      const unstorable = unstorableText(params.data);
      if (unstorable) throw fieldValidationError([unstorable]);
      const unsafe = [...namesAtEdges(context.uid, params.data), ...linkProblems(context.uid, params.data)];
      if (unsafe.length > 0) throw fieldValidationError(unsafe);
      params.data = parseFields(schema, params.data);
      if (context.uid === ORGANIZATION) await validateOrganization(strapi, context, params.data);
      if (context.uid === SECTOR) await validateSector(strapi, context, params.data);
      if (FILED_BY_SECTOR.has(context.uid) && params.data.sectors !== undefined && params.data.sectors !== null) await validateSectorLinks(strapi, params.data);
    }
    if (context.uid === PARTNERSHIP && (WRITE_ACTIONS.has(context.action) || context.action === 'publish')) {
      await validatePartnership(strapi, context, params.data ?? {});
    }
    return next();
  };
};
