/**
 * The directory: validated entries plus the automaton over their surface
 * forms, built once and reused for every article.
 */
import slugify from 'slugify';
import { z } from 'zod';
import { type Automaton, type AutomatonForm, buildAutomaton } from './build';
import { DirectoryEntryError } from './errors';
import { normalizedForms } from './forms';

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
    for (let i = 0; i < n; i++) {
      const e = entries[i];
      this.ids[i] = e.id;
      this.names[i] = e.name;
      this.givenSlugs[i] = e.slug;
      this.autolinks[i] = e.autolink === false ? 0 : 1;
      for (const f of normalizedForms(e)) forms.push({ lower: f.lower, exact: f.exact, caseSensitive: f.caseSensitive, entry: i });
    }
    this.automaton = buildAutomaton(forms);
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
