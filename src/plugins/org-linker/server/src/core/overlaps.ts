/**
 * Leftmost-longest selection (matching rule 4), stated plainly: reading left
 * to right, at each position the longest match wins and the next one starts
 * after it. The scanner gets the same result by construction (it walks the
 * trie from each start position and resumes after a match); this function is
 * the rule on its own, used to check the scanner against a naive matcher.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
  /** How long the match is in normalized text (ties on `end` are impossible otherwise). */
  readonly length: number;
}

export function leftmostLongest<T extends Span>(spans: readonly T[]): T[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.length - a.length || a.end - b.end);
  const out: T[] = [];
  let free = -1;
  for (const s of sorted) {
    if (s.start < free) continue;
    out.push(s);
    free = s.end;
  }
  return out;
}
