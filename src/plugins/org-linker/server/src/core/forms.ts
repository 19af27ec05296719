/**
 * Surface forms of a directory entry (matching rules 1 and 6): its name,
 * acronym and aliases, trimmed, deduplicated, at least 2 characters long;
 * one-word names and aliases also in all capitals.
 */
import { codePointLength, normalizeForm } from './normalize';

export interface FormSource {
  readonly name: string;
  readonly acronym?: string | null;
  readonly aliases?: readonly string[] | null;
}

/** A surface form ready for the automaton. */
export interface NormalizedForm {
  /** The form as written (trimmed). */
  readonly text: string;
  /** Folded, letter case kept. */
  readonly exact: string;
  /** Folded, lower case: the automaton key. */
  readonly lower: string;
  /** One-word forms and acronyms match only in their own letter case. */
  readonly caseSensitive: boolean;
  /** The entry's acronym (not also one of its names or aliases). */
  readonly acronym?: true;
}

/** The normalized surface forms of one entry, deduplicated. */
export function normalizedForms(entry: FormSource): NormalizedForm[] {
  const out: NormalizedForm[] = [];
  // Keys seen so far, as two short lists (an entry has a few forms: cheaper
  // than a Set): exact texts of case-sensitive forms, keys of the others.
  const seenExact: string[] = [];
  const seenLower: string[] = [];
  const nameKeys: string[] = []; // keys of the name and aliases, duplicates included (a few: no Set)
  let acronym = -1; // index in `out` of the acronym's form
  const add = (raw: string | null | undefined, isAcronym: boolean): void => {
    if (typeof raw !== 'string') return;
    const text = raw.trim();
    if (text.length === 0) return;
    const { exact, lower } = normalizeForm(text);
    if (codePointLength(exact) < 2) return;
    if (!isAcronym) nameKeys.push(lower);
    const caseSensitive = isAcronym || !exact.includes(' ');
    // Same key and same case rule is the same form; a case-insensitive form
    // already covers a case-sensitive one with the same key.
    if (caseSensitive ? seenExact.includes(exact) || seenLower.includes(lower) : seenLower.includes(lower)) return;
    if (caseSensitive) seenExact.push(exact);
    else seenLower.push(lower);
    if (isAcronym) {
      acronym = out.length;
      out.push({ text, exact, lower, caseSensitive, acronym: true });
    } else out.push({ text, exact, lower, caseSensitive });
    // A one-word name or alias also matches in all capitals (headlines:
    // "INRIA", "FRAUNHOFER-GESELLSCHAFT"); acronyms keep their own case only.
    if (caseSensitive && !isAcronym) {
      const upperText = text.toUpperCase();
      if (upperText === text) return; // already in capitals: the same form
      const upper = normalizeForm(upperText);
      if (upper.exact === exact || seenExact.includes(upper.exact) || seenLower.includes(upper.lower)) return;
      seenExact.push(upper.exact);
      // Same text as the form unless upper case folds differently ("Straße": "STRASSE").
      out.push({ text: upper.lower === lower ? text : upperText, exact: upper.exact, lower: upper.lower, caseSensitive: true });
    }
  };
  add(entry.name, false);
  add(entry.acronym, true);
  if (entry.aliases) for (const alias of entry.aliases) add(alias, false);
  // An acronym that the name or an alias also spells (same key) is a name, not an acronym.
  if (acronym >= 0 && nameKeys.includes(out[acronym].lower)) {
    const { text, exact, lower, caseSensitive } = out[acronym];
    out[acronym] = { text, exact, lower, caseSensitive };
  }
  return out;
}

/** The forms of one entry as written: name, acronym, aliases (deduped, ≥ 2 characters). */
export function surfaceForms(entry: FormSource): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const form of normalizedForms(entry)) {
    if (seen.has(form.text)) continue;
    seen.add(form.text);
    out.push(form.text);
  }
  return out;
}
