/**
 * Result types of detection and linking (plain data, JSON-serializable).
 */
import type { EntryId, EntryRef } from './directory';
import type { LinkChange, LinkChanges, NotLinkedReason, PossibleReason } from '../../../shared/contracts';

// Defined once, with the admin API's contracts that carry them (the engine's changes and reasons are what the API returns).
export type { LinkChange, LinkChanges, NotLinkedReason, PossibleReason };

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

export interface MentionDecision extends Mention {
  linked: boolean;
  reason?: NotLinkedReason;
}

export interface LinkResult<T> {
  output: T;
  changed: boolean;
  /**
   * The visible text of the input (blocksToText / markdownToText), built while linking: a
   * caller that also needs the text (e.g. for a search index) need not parse the value again.
   */
  text: string;
  mentions: MentionDecision[];
  ambiguous: Ambiguity[];
  /** Unconfirmed acronyms: never linked, not mentions. */
  possible: PossibleMention[];
  links: LinkChanges;
}
