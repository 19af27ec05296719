/**
 * Request and response contracts of the org-linker admin API, shared by the server
 * (validation with zod) and the admin panel (types).
 */
import { z } from 'zod';

export const PLUGIN_ID = 'org-linker';

export const ACTIONS = {
  read: `plugin::${PLUGIN_ID}.read`,
  relink: `plugin::${PLUGIN_ID}.relink`,
  settings: `plugin::${PLUGIN_ID}.settings`,
} as const;

/* ----------------------------------------------------------------------------------------
 * Settings
 * -------------------------------------------------------------------------------------- */

export const linkModes = ['first', 'all'] as const;
export type LinkMode = (typeof linkModes)[number];

export const scannedContentTypeSchema = z.object({
  uid: z.string().regex(/^api::[a-z0-9-]+\.[a-z0-9-]+$/, { error: 'must be a content type uid such as api::article.article' }),
  fields: z
    .array(z.string().min(1, { error: 'must not be empty' }), { error: 'must be a list of field names' })
    .min(1, { error: 'must name at least one field' })
    .max(10, { error: 'must name at most 10 fields' }),
});

export const settingsSchema = z.object({
  mode: z.enum(linkModes, { error: 'must be "first" or "all"' }),
  /** null: no limit. */
  maxLinks: z
    .number({ error: 'must be a whole number or null' })
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must be 0 or more' })
    .max(1000, { error: 'must be at most 1000' })
    .nullable(),
  linkInHeadings: z.boolean({ error: 'must be true or false' }),
  urlTemplate: z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }).max(500, { error: 'must be at most 500 characters' }),
  contentTypes: z
    .array(scannedContentTypeSchema, { error: 'must be a list of { uid, fields }' })
    .min(1, { error: 'must list at least one content type' })
    .max(20, { error: 'must list at most 20 content types' }),
});

export type Settings = z.infer<typeof settingsSchema>;
export type ScannedContentType = z.infer<typeof scannedContentTypeSchema>;

/** PUT /org-linker/settings takes any subset; omitted keys keep their value. */
export const updateSettingsSchema = settingsSchema.partial().strict();

export namespace GetSettings {
  export interface Response {
    data: {
      settings: Settings;
      defaults: Settings;
      /** Content types that may be scanned, with their rich-text fields. */
      available: { uid: string; displayName: string; fields: { name: string; type: 'blocks' | 'richtext' }[] }[];
    };
  }
}

export namespace UpdateSettings {
  export type Request = z.infer<typeof updateSettingsSchema>;
  export type Response = GetSettings.Response;
}

/* ----------------------------------------------------------------------------------------
 * Preview and mentions
 * -------------------------------------------------------------------------------------- */

export const choiceSchema = z.object({
  text: z.string().min(1, { error: 'must not be empty' }).max(255, { error: 'must be at most 255 characters' }),
  organization: z.string().min(1, { error: 'must be an organization documentId' }),
});
export const choicesSchema = z.array(choiceSchema, { error: 'must be a list of { text, organization }' }).max(200);
export type OrganizationChoice = z.infer<typeof choiceSchema>;

export const previewRequestSchema = z.object({
  contentType: z.string().default('api::article.article'),
  field: z.string().optional(),
  /** Blocks (array) or markdown (string): the unsaved value of the field. */
  value: z.union([z.array(z.unknown()), z.string()], { error: 'must be a blocks array or a markdown string' }),
  documentId: z.string().optional(),
  locale: z.string().optional(),
  autolink: z.boolean().optional(),
  /** The whole ignore list; or, with documentId, changes to the stored one (as the edit form holds them). */
  ignoredOrganizations: z.array(z.string(), { error: 'must be a list of organization documentIds' }).max(1000).optional(),
  ignoredChanges: z
    .object({
      connect: z.array(z.string(), { error: 'must be a list of organization documentIds' }).max(1000).default([]),
      disconnect: z.array(z.string(), { error: 'must be a list of organization documentIds' }).max(1000).default([]),
    })
    .optional(),
  organizationChoices: choicesSchema.optional(),
});

/** Why a mention was not linked. */
export type NotLinkedReason =
  | 'not-first'
  | 'in-heading'
  | 'not-linkable-here'
  | 'ignored'
  | 'opted-out'
  | 'link-limit'
  | 'article-autolink-off'
  | 'inside-link'
  | 'crosses-formatting'
  /** First-mention mode: the editor linked this organization themselves elsewhere in the article. */
  | 'linked-by-editor';

export type LinkState = 'present' | 'added' | 'removed' | 'none';

export interface OrganizationSummary {
  documentId: string;
  name: string;
  acronym: string | null;
  slug: string;
  /** Where the engine links it (from the URL template). */
  url: string;
  /** How many times the text names it. */
  count: number;
  /** Whether at least one of its mentions is (or will be) linked. */
  linked: boolean;
  /** Why none of its mentions is linked (the reason of its first mention). */
  reason?: NotLinkedReason;
  /**
   * Its engine link in the value analysed, against what saving it will make: `present` (the
   * value already links it, and keeps a link), `added` (saving adds its link), `removed` (the
   * value links it, saving removes the link), `none` (not linked before nor after).
   */
  link: LinkState;
  ignored: boolean;
  autolink: boolean;
}

export interface AmbiguousName {
  text: string;
  start: number;
  end: number;
  candidates: { documentId: string; name: string; slug: string }[];
  /** The editor's stored choice, if any. */
  chosen?: string;
}

/**
 * Why an acronym found alone is only a possible mention (matching rule 7):
 * short-acronym: 3 letters or fewer; folded-acronym: written differently from
 * the directory (it matched only once folded, "ITU" for "İTÜ");
 * acronym-never-alone: the organization's setting says so.
 */
export type PossibleReason = 'short-acronym' | 'folded-acronym' | 'acronym-never-alone';

/** An acronym of the directory found alone, not confirmed by a longer form in the article: not linked. */
export interface PossibleMentionSummary {
  documentId: string;
  name: string;
  /** The acronym as written in the text. */
  text: string;
  count: number;
  reason: PossibleReason;
}

export interface Suggestion {
  text: string;
  acronym?: string;
}

/**
 * Everything about a published organization that linking depends on: what a relink job keeps of
 * it before and after a change (the plugin's directory tracker and the app's directory import).
 */
export interface DirectorySnapshot {
  name: string;
  acronym: string | null;
  aliases: string[];
  slug: string;
  autolink: boolean;
  /** Whether the acronym links on its own (core rule: short or folded acronyms need a longer form). */
  acronymAlone: string | null;
}

/** A link the engine adds, retargets (previousUrl) or removes; id is the organization's (its documentId in Strapi). */
export interface LinkChange {
  id?: string | number;
  slug?: string;
  text: string;
  url: string;
  previousUrl?: string;
}

export interface LinkChanges {
  added: LinkChange[];
  updated: LinkChange[];
  removed: LinkChange[];
}

export interface Analysis {
  organizations: OrganizationSummary[];
  ambiguous: AmbiguousName[];
  suggestions: Suggestion[];
  /** Unconfirmed acronyms (older servers leave it out). */
  possible?: PossibleMentionSummary[];
  links: LinkChanges;
  /** Choices for ambiguous names that now resolve one of them. */
  choices: OrganizationChoice[];
}

export namespace Preview {
  export type Request = z.input<typeof previewRequestSchema>;
  export interface Response {
    data: Analysis;
  }
}

export namespace GetConfig {
  /** What the editor panel needs to know: which types and fields are scanned, and the URL template. */
  export interface Response {
    data: { contentTypes: ScannedContentType[]; urlTemplate: string };
  }
}

export namespace ArticleMentions {
  export interface Response {
    data: Analysis & { documentId: string; locale: string | null; status: 'draft' | 'published' };
  }
}

/* ----------------------------------------------------------------------------------------
 * Relinking
 * -------------------------------------------------------------------------------------- */

export const jobKinds = ['organization-change', 'relink-all', 'directory-import'] as const;
export type JobKind = (typeof jobKinds)[number];
export const jobStatuses = ['pending', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof jobStatuses)[number];

export interface ArticleChange {
  contentType: string;
  documentId: string;
  locale: string | null;
  status: 'draft' | 'published';
  title: string | null;
  added: LinkChange[];
  updated: LinkChange[];
  removed: LinkChange[];
  /** The mentioned-organizations relation changes too (documentIds after the change). */
  mentioned: string[];
  relationChanged: boolean;
}

export interface ChangeTotals {
  articles: number;
  added: number;
  updated: number;
  removed: number;
}

export interface Job {
  id: number;
  kind: JobKind;
  status: JobStatus;
  organization: string | null;
  total: number | null;
  processed: number;
  changed: number;
  totals: ChangeTotals;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export namespace DryRun {
  export interface Response {
    data: { articles: ArticleChange[]; totals: ChangeTotals; scanned: number };
  }
}

export namespace StartRelink {
  export interface Response {
    data: Job;
  }
}

export namespace ListJobs {
  export interface Response {
    data: Job[];
  }
}

export namespace RetryJob {
  export interface Response {
    data: Job;
  }
}

export namespace GetJob {
  export interface Response {
    data: Job & { changes: ArticleChange[] };
  }
}

export namespace RelinkArticle {
  export interface Response {
    data: { changes: ArticleChange[] };
  }
}

/** Strapi's error body, as the admin sees it. */
export interface ErrorResponse {
  data: null;
  error: { status: number; name: string; message: string; details?: unknown };
}
