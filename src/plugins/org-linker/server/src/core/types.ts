/**
 * Result types of detection and linking (plain data, JSON-serializable).
 */
import type { EntryId, EntryRef } from './directory';

export type { EntryId, EntryRef };

/** An organization named in the text. Offsets are UTF-16, into the original text, end exclusive. */
export interface Mention {
  id: EntryId;
  name: string;
  slug: string;
  start: number;
  end: number;
  /** The text as written (original slice). */
  text: string;
}

/** A form shared by several entries that nothing in the article or options resolved. */
export interface Ambiguity {
  start: number;
  end: number;
  text: string;
  candidates: EntryRef[];
}

/**
 * Why an acronym found alone is only a possible mention (matching rule 7):
 * short-acronym: 3 letters or fewer; folded-acronym: written differently from
 * the directory (it matched only once folded, "ITU" for "İTÜ");
 * acronym-never-alone: the organization's setting says so.
 */
export type PossibleReason = 'short-acronym' | 'folded-acronym' | 'acronym-never-alone';

/** An acronym the article does not confirm by a longer form: not linked, not in the relation, shown to the editor. */
export interface PossibleMention extends Mention {
  reason: PossibleReason;
}

export interface DetectResult {
  mentions: Mention[];
  ambiguous: Ambiguity[];
  /** Unconfirmed acronyms (not mentions). */
  possible: PossibleMention[];
}

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

export interface MentionDecision extends Mention {
  linked: boolean;
  reason?: NotLinkedReason;
}

export interface LinkChange {
  id?: EntryId;
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

export interface LinkResult<T> {
  output: T;
  changed: boolean;
  mentions: MentionDecision[];
  ambiguous: Ambiguity[];
  /** Unconfirmed acronyms: never linked, not mentions. */
  possible: PossibleMention[];
  links: LinkChanges;
}
