/**
 * Ambiguity (matching rule 5): a form shared by several entries is resolved
 * by the editor's choice for that form, else by the article itself when it
 * names exactly one of the candidates unambiguously elsewhere; otherwise it
 * is reported and not linked.
 */

export interface CandidateMatch {
  /** The matched text, normalized (lower case): what editor resolutions are keyed by. */
  readonly form: string;
  /** Entry indices whose forms accept this text (ascending, distinct, at least two). */
  readonly entries: readonly number[];
}

/**
 * For each ambiguous match, the chosen entry index, or -1 when it stays
 * ambiguous. `named` holds the entries the article names unambiguously;
 * `editorChoices` maps a normalized form to the entry indices an editor chose
 * for it (the first one among the candidates wins).
 */
export function resolveAmbiguities(ambiguous: readonly CandidateMatch[], named: ReadonlySet<number>, editorChoices: ReadonlyMap<string, readonly number[]>): number[] {
  return ambiguous.map((m) => {
    const chosen = editorChoices.get(m.form);
    if (chosen) for (const e of chosen) if (m.entries.includes(e)) return e;
    let only = -1;
    for (const e of m.entries) {
      if (!named.has(e)) continue;
      if (only !== -1) return -1; // two candidates named elsewhere: still ambiguous
      only = e;
    }
    return only;
  });
}
