/**
 * The directory: validated entries plus the automaton over their surface
 * forms, built once and reused for every article.
 */
import slugify from 'slugify';
import { z } from 'zod';
import { type Automaton, type AutomatonForm, buildAutomaton } from './build';
import { DirectoryEntryError } from './errors';
import { normalizedForms } from './forms';
import type { PossibleReason } from './types';

export const ACRONYM_ALONE = ['auto', 'always', 'never'] as const;
export type AcronymAlone = (typeof ACRONYM_ALONE)[number];

/** Acronyms of at most this many letters and digits need a longer form in the article (rule 7). */
export const SHORT_ACRONYM_LETTERS = 3;

export const entryIdSchema = z.union([z.string().min(1), z.number().finite()]);
export type EntryId = z.infer<typeof entryIdSchema>;

export const directoryEntrySchema = z.object({
  id: entryIdSchema,
  name: z.string().refine((s) => s.trim().length > 0, { message: 'name must be a non-empty string' }),
  acronym: z.string().nullish(),
  aliases: z.array(z.string()).nullish(),
  /** Defaults to slugify(name, { lower: true, strict: true }). */
  slug: z.string().min(1).optional(),
  /** false: matched and reported, never linked (reason 'opted-out'). Default true. */
  autolink: z.boolean().optional(),
  /**
   * When the acronym alone is a mention (matching rule 7): 'auto' (default)
   * when it is longer than 3 letters and written as in the directory, else
   * only if the article also uses a longer form; 'always'; 'never' (only
   * with a longer form).
   */
  acronymAlone: z.enum(ACRONYM_ALONE).optional(),
});
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;

export const directoryInputSchema = z.array(directoryEntrySchema);

/** An entry as mentions and candidates report it. */
export interface EntryRef {
  id: EntryId;
  name: string;
  slug: string;
}

export function defaultSlug(name: string): string {
  return slugify(name, { lower: true, strict: true });
}

/** The typed error for the first problem zod found. */
function directoryError(error: z.ZodError): DirectoryEntryError {
  const issue = error.issues[0];
  const [index, ...rest] = issue.path;
  if (typeof index !== 'number') return new DirectoryEntryError(-1, 'the directory must be an array of entries');
  if (rest.length === 1 && rest[0] === 'name') return new DirectoryEntryError(index, 'name must be a non-empty string');
  const field = rest.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
  return new DirectoryEntryError(index, field ? `${field}: ${issue.message}` : issue.message);
}

// Fixed expression written by us, never built from user text.
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** Rule 7 for one entry: 0 the acronym alone is always a mention, 1 short, 2 setting 'never', 3 folded spelling. */
function acronymRule(e: DirectoryEntry, exact: string): number {
  if (typeof e.acronym !== 'string' || e.acronymAlone === 'always') return 0;
  if (e.acronymAlone === 'never') return 2;
  const written = e.acronym.trim();
  let letters = 0;
  let ascii = true;
  for (let i = 0; i < written.length; i++) {
    const c = written.charCodeAt(i);
    // ASCII without a regular expression; other code points (surrogate pairs whole) by their Unicode category.
    if (c < 0x80) {
      if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) letters++;
      continue;
    }
    ascii = false;
    const cp = written.codePointAt(i) ?? c;
    if (cp > 0xffff) i++;
    if (LETTER_OR_DIGIT.test(String.fromCodePoint(cp))) letters++;
  }
  if (letters <= SHORT_ACRONYM_LETTERS) return 1;
  // `exact` is normalizeForm(written).exact, computed with the entry's forms.
  return exact !== (ascii ? written : written.normalize('NFC')) ? 3 : 0;
}

/** NFC of a string (ASCII is its own NFC: no call into ICU, which is slow on short strings). */
function nfc(s: string): string {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return s.normalize('NFC');
  return s;
}

/**
 * A built directory. Entries are addressed by their index in the input array.
 * Slugs are computed lazily (slugify is slow and only linked entries need one).
 */
export class Directory {
  readonly automaton: Automaton;
  private readonly ids: EntryId[];
  private readonly names: string[];
  private readonly givenSlugs: (string | undefined)[];
  private readonly slugs: (string | undefined)[];
  private readonly autolinks: Uint8Array;
  /** Automaton key of each entry's acronym when it may need confirmation, else -1. */
  private readonly acronymKeys: Int32Array;
  /** Why an acronym match needs a longer form: 0 never, 1 short, 2 'never' setting, 3 only when written otherwise (folded). */
  private readonly acronymRule: Uint8Array;
  /** The acronym as written in the directory (NFC), for rule 3 above. */
  private readonly acronymWritten: (string | undefined)[];
  /** 1 for each automaton key that is some entry's acronym needing confirmation (a fast test per match). */
  private readonly cautiousKeys: Uint8Array;
  private slugIndex: Map<string, number> | undefined;
  private idIndex: Map<string, number> | undefined;

  constructor(entries: readonly DirectoryEntry[]) {
    const n = entries.length;
    this.ids = new Array<EntryId>(n);
    this.names = new Array<string>(n);
    this.givenSlugs = new Array<string | undefined>(n);
    this.slugs = new Array<string | undefined>(n);
    this.autolinks = new Uint8Array(n);
    const forms: AutomatonForm[] = [];
    const cautious: { entry: number; form: number; rule: number }[] = [];
    for (let i = 0; i < n; i++) {
      const e = entries[i];
      this.ids[i] = e.id;
      this.names[i] = e.name;
      this.givenSlugs[i] = e.slug;
      this.autolinks[i] = e.autolink === false ? 0 : 1;
      for (const f of normalizedForms(e)) {
        forms.push({ lower: f.lower, exact: f.exact, caseSensitive: f.caseSensitive, entry: i });
        // (An acronym that is also one of the entry's names is not flagged: it is a name.)
        if (f.acronym === true) {
          const rule = acronymRule(e, f.exact);
          if (rule !== 0) cautious.push({ entry: i, form: forms.length - 1, rule });
        }
      }
    }
    const keyOfForm = new Int32Array(forms.length);
    this.automaton = buildAutomaton(forms, keyOfForm);
    this.acronymKeys = new Int32Array(n).fill(-1);
    this.acronymRule = new Uint8Array(n);
    this.acronymWritten = new Array<string | undefined>(n);
    this.cautiousKeys = new Uint8Array(this.automaton.keyCount);
    for (const { entry: i, form, rule } of cautious) {
      const key = keyOfForm[form];
      this.acronymKeys[i] = key;
      this.acronymRule[i] = rule;
      // Only rule 3 compares with the written acronym.
      if (rule === 3) this.acronymWritten[i] = nfc((entries[i].acronym ?? '').trim());
      if (key >= 0) this.cautiousKeys[key] = 1;
    }
  }

  /**
   * May a match of this key need a longer form in the article (rule 7)? False
   * means acronymCaution() is null for it whatever its entry: detection skips
   * the confirmation pass when no match of an article needs it.
   */
  keyMayNeedConfirmation(key: number): boolean {
    return key >= 0 && this.cautiousKeys[key] === 1;
  }

  /** Does entry `index` have an acronym that may need confirmation? */
  hasCautiousAcronym(index: number): boolean {
    return this.acronymKeys[index] >= 0;
  }

  /**
   * Why the match text[start, end) of this key, resolved to entry `index`,
   * needs a longer form of the entry in the same article; null if it does not.
   */
  acronymCaution(index: number, key: number, text: string, start: number, end: number): PossibleReason | null {
    if (this.acronymKeys[index] !== key || key < 0) return null;
    switch (this.acronymRule[index]) {
      case 1:
        return 'short-acronym';
      case 2:
        return 'acronym-never-alone';
      case 3:
        return nfc(text.slice(start, end)) === this.acronymWritten[index] ? null : 'folded-acronym';
      default:
        return null;
    }
  }

  /** Is `key` the acronym key of entry `index` (a match by the acronym rather than a longer form)? */
  isAcronymKey(index: number, key: number): boolean {
    return key >= 0 && this.acronymKeys[index] === key;
  }

  get size(): number {
    return this.ids.length;
  }

  id(index: number): EntryId {
    return this.ids[index];
  }

  name(index: number): string {
    return this.names[index];
  }

  autolink(index: number): boolean {
    return this.autolinks[index] === 1;
  }

  /** The entry's slug: its own, else slugify(name); names that slugify to nothing (e.g. only Han) fall back to slugify(String(id)), then `entry-<index>`. */
  slug(index: number): string {
    let s = this.slugs[index];
    if (s === undefined) {
      s = this.givenSlugs[index] ?? defaultSlug(this.names[index]);
      if (s.length === 0) s = defaultSlug(String(this.ids[index]));
      if (s.length === 0) s = `entry-${index}`;
      this.slugs[index] = s;
    }
    return s;
  }

  ref(index: number): EntryRef {
    return { id: this.ids[index], name: this.names[index], slug: this.slug(index) };
  }

  /** Index of the entry with this slug (first one), or -1. */
  indexOfSlug(slug: string): number {
    if (this.slugIndex === undefined) {
      this.slugIndex = new Map();
      for (let i = this.ids.length - 1; i >= 0; i--) this.slugIndex.set(this.slug(i), i);
    }
    return this.slugIndex.get(slug) ?? -1;
  }

  /** Index of the entry with this id (ids compare as strings, so 7 and "7" are the same), or -1. */
  indexOfId(id: EntryId): number {
    if (this.idIndex === undefined) {
      this.idIndex = new Map();
      for (let i = this.ids.length - 1; i >= 0; i--) this.idIndex.set(String(this.ids[i]), i);
    }
    return this.idIndex.get(String(id)) ?? -1;
  }
}

/**
 * Validate entries and build the automaton once.
 * Throws DirectoryEntryError naming the index of the first bad entry.
 */
export function buildDirectory(entries: readonly DirectoryEntry[]): Directory {
  const parsed = directoryInputSchema.safeParse(entries);
  if (!parsed.success) throw directoryError(parsed.error);
  return new Directory(entries);
}
