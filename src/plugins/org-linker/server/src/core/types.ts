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

export interface DetectResult {
  mentions: Mention[];
  ambiguous: Ambiguity[];
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
  links: LinkChanges;
}
