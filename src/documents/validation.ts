import type { Core, Modules, UID } from '@strapi/strapi';
import type { z } from 'zod';
import { fieldValidationError, type FieldProblem } from './errors';
import { articleFields, authorFields, organizationFields, partnershipFields } from './field-schemas';
import { toOneChange, type RelationRef, type ToOneChange } from './relations';

type Context = Modules.Documents.Middleware.Context;
type Data = Record<string, unknown>;

const ORGANIZATION = 'api::organization.organization';
const PARTNERSHIP = 'api::partnership.partnership';

const WRITE_ACTIONS = new Set(['create', 'update']);

// A lone UTF-16 surrogate cannot be stored as UTF-8: PostgreSQL would get U+FFFD instead.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// PostgreSQL's text and json types cannot hold U+0000 at all (the write would fail with a 500).
const NUL = '\u0000';

const textProblem = (text: string): string | null => {
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired surrogate (text that is not valid Unicode)';
  if (text.includes(NUL)) return 'contains a NUL character (U+0000), which cannot be stored';
  return null;
};

/**
 * The first string (value or object key) in the data that cannot be stored as text, with why;
 * walked without recursion, so any depth is safe.
 */
export const unstorableText = (data: unknown): FieldProblem | null => {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: data, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      const message = textProblem(value);
      if (message) return { path, message };
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const message = textProblem(key);
        if (message) return { path: [...path, key], message: `has a key that ${message}` };
        stack.push({ value: item, path: [...path, key] });
      }
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
  const row = await strapi.db.query(uid).findOne({ where: { id: ref.id }, select: ['documentId'] });
  return (row?.documentId as string | undefined) ?? null;
};

const isPublishingWrite = (context: Context): boolean =>
  context.action === 'publish' || ((context.action === 'create' || context.action === 'update') && (context.params as { status?: string }).status === 'published');

const validateOrganization = async (strapi: Core.Strapi, context: Context, data: Data): Promise<void> => {
  const documentId = (context.params as { documentId?: string }).documentId;
  const problems: FieldProblem[] = [];
  if (typeof data.name === 'string') {
    // Case-insensitive: "chinese academy of sciences" would be the same surface form for the linker.
    const clash = await strapi.db.query(ORGANIZATION).findOne({
      where: { name: { $eqi: data.name }, ...(documentId ? { documentId: { $ne: documentId } } : {}) },
      select: ['name'],
    });
    if (clash) problems.push({ path: ['name'], message: `an organization named "${clash.name as string}" already exists` });
  }
  for (const key of ['rorId', 'wikidataId'] as const) {
    if (typeof data[key] !== 'string') continue;
    // Drafts included: a second organization with the same identifier would be a duplicate entry.
    const clash = await strapi.db.query(ORGANIZATION).findOne({
      where: { [key]: data[key], ...(documentId ? { documentId: { $ne: documentId } } : {}) },
      select: ['name'],
    });
    if (clash) problems.push({ path: [key], message: `"${data[key] as string}" is already the ${key} of "${clash.name as string}"` });
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
      const row = await strapi.db.query(ORGANIZATION).findOne({
        where: { documentId: current, publishedAt: null },
        populate: { parent: { select: ['documentId'] } },
      });
      current = (row?.parent as { documentId?: string } | null)?.documentId ?? null;
    }
  }
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
  const row = await strapi.db.query(PARTNERSHIP).findOne({
    where: { documentId, publishedAt: null },
    populate: { organization: { select: ['documentId'] }, partner: { select: ['documentId'] } },
  });
  if (!row) return empty;
  return {
    organization: (row.organization as { documentId?: string } | null)?.documentId ?? null,
    partner: (row.partner as { documentId?: string } | null)?.documentId ?? null,
    startDate: (row.startDate as string | null) ?? null,
    endDate: (row.endDate as string | null) ?? null,
  };
};

const validatePartnership = async (strapi: Core.Strapi, context: Context, data: Data): Promise<void> => {
  const documentId = (context.params as { documentId?: string }).documentId;
  const stored = await storedPartnership(strapi, documentId);
  const resolve = async (change: ToOneChange, current: string | null) =>
    change === undefined ? current : documentIdOf(strapi, ORGANIZATION, change);
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

const FIELD_SCHEMAS: Partial<Record<string, z.ZodType<Data>>> = {
  'api::organization.organization': organizationFields,
  'api::article.article': articleFields,
  'api::partnership.partnership': partnershipFields,
  'api::author.author': authorFields,
};

/**
 * Document Service middleware: the content model's rules, enforced for every writer
 * (REST, GraphQL, the admin panel, scripts). A refused write throws before anything is stored.
 */
export const validationMiddleware =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    const schema = FIELD_SCHEMAS[context.uid];
    if (!schema) return next();
    const params = context.params as { data?: Data };

    if (WRITE_ACTIONS.has(context.action) && params.data && typeof params.data === 'object') {
      const unstorable = unstorableText(params.data);
      if (unstorable) throw fieldValidationError([unstorable]);
      params.data = parseFields(schema, params.data);
      if (context.uid === ORGANIZATION) await validateOrganization(strapi, context, params.data);
    }
    if (context.uid === PARTNERSHIP && (WRITE_ACTIONS.has(context.action) || context.action === 'publish')) {
      await validatePartnership(strapi, context, params.data ?? {});
    }
    return next();
  };
