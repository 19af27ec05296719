import { z } from 'zod';
import { ISO_COUNTRY_CODES } from '../utils/iso-countries';
import { linkProblem } from './links';
import { normalizeRorId, normalizeWikidataId } from '../directory/identifiers';

/**
 * Field rules of the content model, one zod schema per content type. Every field is
 * optional (a partial update carries only what changes) and may be null to clear it,
 * except where the model says otherwise. Required-ness is checked at publish time.
 */

const trimmedText = (max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .max(max, { error: `must be at most ${max} characters` });

const httpUrl = z
  .string({ error: 'must be text (an http:// or https:// URL)' })
  .trim()
  .max(2048, { error: 'must be at most 2048 characters' })
  .superRefine((value, context) => {
    // Judged by the WHATWG URL parser, as browsers read it (src/documents/links.ts).
    const problem = linkProblem(value, 'website');
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

const isoDate = z
  // Only a field that may not be cleared lets null through to here.
  .string({ error: (issue) => (issue.input === null || issue.input === undefined ? 'is required' : 'must be a date in the form YYYY-MM-DD') })
  // abort: a text that is not in the form is not also said to be an invalid calendar date.
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date in the form YYYY-MM-DD', abort: true })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
    error: 'is not a valid calendar date',
  });

/** An entry named in relation input: its documentId, its id, or { documentId } / { id } (the admin adds locale, position…). */
const REF_ERROR = { error: 'must name an entry by its documentId' };
const positiveId = z.number(REF_ERROR).int(REF_ERROR).positive(REF_ERROR);
// Every part says the same in words: zod reports the inner issue of the option whose type matched.
const relationRef = z.union(
  [
    z.string(REF_ERROR).trim().min(1, REF_ERROR),
    positiveId,
    z.looseObject({ documentId: z.string(REF_ERROR).trim().min(1, REF_ERROR) }, REF_ERROR),
    z.looseObject({ id: z.union([positiveId, z.string(REF_ERROR).regex(/^\d+$/, REF_ERROR)], REF_ERROR) }, REF_ERROR),
  ],
  REF_ERROR
);
const LIST_ERROR = { error: 'must be a list of documentIds' };
const relationRefs = z.union([z.array(relationRef, LIST_ERROR), relationRef], LIST_ERROR);

/**
 * A to-many relation as the Document Service takes it: a list of entries (which replaces the
 * relation), or { connect, disconnect, set }. Anything else would reach Strapi's relation code,
 * which does not say which field is wrong.
 */
const RELATION_ERROR = { error: 'must be a list of documentIds, or { connect, disconnect, set }' };
const toManyRelation = z.union(
  [
    z.array(relationRef, RELATION_ERROR),
    z
      .looseObject({ connect: relationRefs.optional(), disconnect: relationRefs.optional(), set: relationRefs.optional() }, RELATION_ERROR)
      .refine((value) => value.connect !== undefined || value.disconnect !== undefined || value.set !== undefined, RELATION_ERROR),
  ],
  RELATION_ERROR
);

export const ORGANIZATION_TYPES = ['association', 'research-institute', 'university', 'academy', 'government', 'enterprise', 'other'] as const;
export const PARTNERSHIP_KINDS = ['membership', 'strategic-agreement', 'communication-mechanism', 'innovation-hub', 'founded-by', 'other'] as const;
export const PARTNERSHIP_STATUSES = ['active', 'planned', 'ended'] as const;

/** The data of a write is an object of fields (said of anything else, e.g. null). */
const FIELDS_ERROR = { error: 'the data must be an object of fields' };

/** An identifier in any accepted form, stored in its canonical form (e.g. the nine ROR characters). */
const identifier = (normalize: (input: string) => string | null, error: string) =>
  z
    .string({ error: 'must be text' })
    .transform((value, context) => {
      const canonical = normalize(value);
      if (canonical === null) {
        context.addIssue({ code: 'custom', message: error });
        return z.NEVER;
      }
      return canonical;
    })
    .nullable()
    .optional();

const enumOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    error: (issue) => (issue.input === null || issue.input === undefined ? 'is required' : `must be one of ${values.join(', ')} (got ${JSON.stringify(issue.input)})`),
  });

const alias = z.looseObject(
  {
    text: z.string({ error: 'is required' }).trim().min(2, { error: 'must be at least 2 characters' }).max(255, { error: 'must be at most 255 characters' }),
    language: trimmedText(35).nullable().optional(),
  },
  { error: 'must be an alias: an object with a text and an optional language' }
);

export const organizationFields = z.looseObject(
  {
    name: z.string({ error: 'must be a string' }).trim().min(1, { error: 'must not be empty' }).max(255, { error: 'must be at most 255 characters' }).optional(),
    acronym: z
      .string({ error: 'must be a string' })
      .trim()
      .min(2, { error: 'must be at least 2 characters' })
      .max(32, { error: 'must be at most 32 characters' })
      .nullable()
      .optional(),
    aliases: z.array(alias, { error: 'must be a list of aliases' }).nullable().optional(),
    website: httpUrl.nullable().optional(),
    country: z
      .string({ error: 'must be a string' })
      .trim()
      .toUpperCase()
      .refine((code) => ISO_COUNTRY_CODES.has(code), { error: 'must be an ISO 3166-1 alpha-2 country code, such as CN or DE' })
      .nullable()
      .optional(),
    city: trimmedText(255).nullable().optional(),
    type: enumOf(ORGANIZATION_TYPES).nullable().optional(),
    sectors: toManyRelation.nullable().optional(),
    autolink: z.boolean({ error: 'must be true or false' }).nullable().optional(),
    acronymAlone: enumOf(['auto', 'always', 'never']).nullable().optional(),
    rorId: identifier(normalizeRorId, 'must be a ROR id such as 03vek6s52 or https://ror.org/03vek6s52, with a valid checksum'),
    wikidataId: identifier(normalizeWikidataId, 'must be a Wikidata id such as Q42'),
    // Kept by the directory import (src/directory/importer.ts); hidden in the admin, private in the API.
    importedAt: z.iso.datetime({ error: 'must be a date and time such as 2026-12-02T10:00:00Z' }).nullable().optional(),
  },
  FIELDS_ERROR
);

export const articleFields = z.looseObject(
  {
    title: z.string({ error: 'must be a string' }).trim().min(1, { error: 'must not be empty' }).max(255, { error: 'must be at most 255 characters' }).optional(),
    excerpt: z.string({ error: 'must be a string' }).max(300, { error: 'must be at most 300 characters' }).nullable().optional(),
    date: isoDate.optional(),
    sectors: toManyRelation.nullable().optional(),
    autolink: z.boolean({ error: 'must be true or false' }).nullable().optional(),
    // Its entries are the org-linker's to check; the list shape is checked here too, so that a
    // non-list never reaches PostgreSQL's json column when the plugin is off.
    organizationChoices: z.array(z.unknown(), { error: 'must be a list of choices, or null' }).nullable().optional(),
  },
  FIELDS_ERROR
);

export const partnershipFields = z.looseObject(
  {
    kind: enumOf(PARTNERSHIP_KINDS).optional(),
    status: enumOf(PARTNERSHIP_STATUSES).nullable().optional(),
    role: trimmedText(255).nullable().optional(),
    startDate: isoDate.nullable().optional(),
    endDate: isoDate.nullable().optional(),
  },
  FIELDS_ERROR
);

export const authorFields = z.looseObject(
  {
    name: z.string({ error: 'must be a string' }).trim().min(1, { error: 'must not be empty' }).max(255, { error: 'must be at most 255 characters' }).optional(),
    role: trimmedText(255).nullable().optional(),
    email: z.email({ error: 'must be an email address' }).nullable().optional(),
  },
  FIELDS_ERROR
);

export const sectorFields = z.looseObject(
  {
    name: z.string({ error: 'must be a string' }).trim().min(1, { error: 'must not be empty' }).max(100, { error: 'must be at most 100 characters' }).optional(),
    nameZh: trimmedText(100).nullable().optional(),
  },
  FIELDS_ERROR
);
