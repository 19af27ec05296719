/**
 * Detection: scan, resolve entries and ambiguity, and shape plain results.
 * Shared by plain text, blocks and markdown (which scan several ranges of
 * one visible text: a name never runs from one paragraph into the next).
 */
import { resolveAmbiguities } from './ambiguity';
import type { Directory, EntryId } from './directory';
import { normalizeForm } from './normalize';
import { MatchBuffer, matchEntries, scanRange } from './scan';
import type { Ambiguity, DetectResult, Mention, PossibleMention, PossibleReason } from './types';

export interface Resolution {
  /** The ambiguous text (compared after normalization, ignoring case). */
  text: string;
  /** The entry the editor chose. */
  id: EntryId;
}

export interface DetectOptions {
  resolutions?: readonly Resolution[];
}

export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** A match with its entry decided (-1: ambiguous between `candidates`). */
export interface Detected {
  readonly start: number;
  readonly end: number;
  readonly entry: number;
  readonly candidates: readonly number[];
  /** Set when this is an acronym alone that the article does not confirm (rule 7): not a mention. */
  readonly possible?: PossibleReason;
}

function editorChoices(directory: Directory, resolutions: readonly Resolution[] | undefined): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of resolutions ?? []) {
    const index = directory.indexOfId(r.id);
    if (index < 0) continue;
    const form = normalizeForm(r.text).lower;
    const list = out.get(form);
    if (list) list.push(index);
    else out.set(form, [index]);
  }
  return out;
}

interface Collected {
  readonly matches: MatchBuffer;
  /** Entry of each match, -1 while ambiguous. */
  readonly entry: Int32Array;
  /** Candidates of ambiguous matches (by match index); single-entry matches are absent. */
  readonly candidates: Map<number, number[]>;
  /** Unconfirmed acronyms (by match index), with why they need a longer form. */
  readonly possible: Map<number, PossibleReason>;
}

/** Scan the ranges, find each match's entries, resolve what can be resolved. */
function collect(directory: Directory, text: string, ranges: readonly TextRange[], resolutions?: readonly Resolution[]): Collected {
  const a = directory.automaton;
  // Room for about one match per 128 characters (prose rarely has more) so the buffer seldom grows.
  let length = 0;
  for (const r of ranges) length += r.end - r.start;
  const matches = new MatchBuffer(Math.min(1 << 16, Math.max(256, length >> 7)));
  for (const r of ranges) scanRange(a, text, r.start, r.end, matches);
  const n = matches.length;
  const entry = new Int32Array(n);
  const candidates = new Map<number, number[]>();
  const keyFormStart = a.keyFormStart;
  // Does any match need rule 7 below? Most articles have no match of an acronym that needs confirmation.
  let cautious = false;
  for (let i = 0; i < n; i++) {
    const key = matches.key[i];
    if (!cautious && directory.keyMayNeedConfirmation(key)) cautious = true;
    const first = keyFormStart[key];
    if (keyFormStart[key + 1] - first === 1) {
      entry[i] = a.formEntry[first]; // the scan accepted this key's only form
      continue;
    }
    const list = matchEntries(a, matches.at(i), text);
    if (list.length === 1) entry[i] = list[0];
    else {
      entry[i] = -1;
      candidates.set(i, list);
    }
  }
  // Rule 7: an acronym that needs confirmation counts only when the article
  // also names its organization by a longer form (name or alias). Without a
  // match of such an acronym (`cautious`), nothing below needs it. Only
  // entries with such an acronym are ever looked up in longForm.
  const longForm = new Set<number>();
  if (cautious) {
    for (let i = 0; i < n; i++) {
      const e = entry[i];
      if (e >= 0 && directory.hasCautiousAcronym(e) && !directory.isAcronymKey(e, matches.key[i])) longForm.add(e);
    }
  }
  // (Null for every match of a key that cannot need confirmation.)
  const caution = (i: number, e: number): PossibleReason | null =>
    !directory.keyMayNeedConfirmation(matches.key[i]) || longForm.has(e) ? null : directory.acronymCaution(e, matches.key[i], text, matches.start[i], matches.end[i]);
  let choices: Map<string, number[]> | undefined;
  const choicesOf = (): Map<string, number[]> => (choices ??= editorChoices(directory, resolutions));
  if (candidates.size > 0) {
    const named = new Set<number>();
    for (let i = 0; i < n; i++) if (entry[i] >= 0 && (!cautious || caution(i, entry[i]) === null)) named.add(entry[i]);
    const indices = [...candidates.keys()];
    const ambiguous = indices.map((i) => ({
      form: normalizeForm(text.slice(matches.start[i], matches.end[i])).lower,
      entries: candidates.get(i) as number[],
    }));
    const chosen = resolveAmbiguities(ambiguous, named, choicesOf());
    indices.forEach((i, x) => {
      if (chosen[x] >= 0) {
        entry[i] = chosen[x];
        if (cautious && directory.hasCautiousAcronym(chosen[x]) && !directory.isAcronymKey(chosen[x], matches.key[i])) longForm.add(chosen[x]);
      }
    });
  }
  const possible = new Map<number, PossibleReason>();
  if (cautious) {
    for (let i = 0; i < n; i++) {
      const e = entry[i];
      if (e < 0 || !directory.keyMayNeedConfirmation(matches.key[i])) continue;
      const reason = caution(i, e);
      if (reason === null) continue;
      // The editor's choice for this very text confirms it.
      const chosenFor = choicesOf().get(normalizeForm(text.slice(matches.start[i], matches.end[i])).lower);
      if (chosenFor?.includes(e)) continue;
      possible.set(i, reason);
    }
  }
  return { matches, entry, candidates, possible };
}

/** Scan each range of `text` and resolve entries (reading order). */
export function detectInRanges(directory: Directory, text: string, ranges: readonly TextRange[], resolutions?: readonly Resolution[]): Detected[] {
  const { matches, entry, candidates, possible } = collect(directory, text, ranges, resolutions);
  const out: Detected[] = [];
  for (let i = 0; i < matches.length; i++) {
    const e = entry[i];
    const reason = possible.size > 0 ? possible.get(i) : undefined;
    const list = candidates.size > 0 ? (candidates.get(i) ?? [e]) : [e];
    out.push(
      reason === undefined
        ? { start: matches.start[i], end: matches.end[i], entry: e, candidates: list }
        : { start: matches.start[i], end: matches.end[i], entry: e, candidates: list, possible: reason }
    );
  }
  return out;
}

/**
 * The organizations a plain text names. A paragraph break (a blank line)
 * ends any name; single line breaks inside a name are white space.
 */
export function detect(directory: Directory, text: string, options: DetectOptions = {}): DetectResult {
  return detectResultInRanges(directory, text, [{ start: 0, end: text.length }], options.resolutions);
}

/**
 * Detection results straight from the matches (no intermediate object per match) (the
 * hot path of detection in every format). Reported offsets are `offset` of
 * the model's (default: the same), and texts are cut from `source` at them.
 */
export function detectResultInRanges(
  directory: Directory,
  text: string,
  ranges: readonly TextRange[],
  resolutions?: readonly Resolution[],
  source: string = text,
  offset?: (r: TextRange) => TextRange
): DetectResult {
  const { matches, entry, candidates, possible } = collect(directory, text, ranges, resolutions);
  const mentions: Mention[] = [];
  const ambiguous: Ambiguity[] = [];
  const possibleMentions: PossibleMention[] = [];
  for (let i = 0; i < matches.length; i++) {
    let start = matches.start[i];
    let end = matches.end[i];
    if (offset) {
      const r = offset({ start, end });
      start = r.start;
      end = r.end;
    }
    const e = entry[i];
    const reason = possible.size > 0 ? possible.get(i) : undefined;
    if (reason !== undefined) {
      possibleMentions.push({ id: directory.id(e), name: directory.name(e), slug: directory.slug(e), start, end, text: source.slice(start, end), reason });
    } else if (e >= 0) {
      mentions.push({ id: directory.id(e), name: directory.name(e), slug: directory.slug(e), start, end, text: source.slice(start, end) });
    } else {
      ambiguous.push({ start, end, text: source.slice(start, end), candidates: (candidates.get(i) ?? [e]).map((c) => directory.ref(c)) });
    }
  }
  return { mentions, ambiguous, possible: possibleMentions };
}
