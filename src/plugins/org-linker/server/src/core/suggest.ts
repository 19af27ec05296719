/**
 * Suggestions for the editor panel: names in the text that look like
 * organizations but are not in the directory.
 *
 * Two patterns: a run of capitalised words (lowercase joiners such as "of"
 * or "and" allowed inside) that contains an organization word (University,
 * Institute, Council…); or a capitalised phrase followed by an acronym in
 * parentheses, "Borealis Institute of Robotics (BIR)". A run that contains a
 * directory match (by the engine's own detection) is cut there and what is
 * left is judged on its own. No joiner at either end, at least two words,
 * deduplicated by normalized text, in reading order. A generic plural such
 * as "Research and Development Institutions" is suggested too: the rule is
 * about the shape of a name, and the editor decides.
 */
import { detect } from './detect';
import type { Directory } from './directory';
import { normalizeForm } from './normalize';

export interface Suggestion {
  text: string;
  start: number;
  end: number;
  acronym?: string;
}

const JOINERS = new Set(['of', 'for', 'and', 'the', 'de', 'du', 'des', 'la', 'le', 'für', 'und', 'y', 'e', 'di', 'van', 'von', '&']);

/** Organization words (compared without accents, so "Universität" is "Universitat"). */
const ORGANIZATION_WORDS = new Set([
  'university',
  'institute',
  'institution',
  'institutions',
  'academy',
  'council',
  'agency',
  'centre',
  'center',
  'association',
  'society',
  'foundation',
  'laboratory',
  'ministry',
  'government',
  'company',
  'corporation',
  // the same words in a few languages the joiners above come from
  'universidad',
  'universidade',
  'universita',
  'universitat',
  'universite',
  'instituto',
  'institut',
  'istituto',
  'academie',
  'academia',
  'akademie',
  'fundacion',
  'fondation',
  'stiftung',
  'gesellschaft',
  'ministerio',
  'ministere',
]);

interface Word {
  text: string;
  start: number;
  end: number;
}

// Fixed patterns written here (never built from text or directory data).
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’.-]*|&/gu;
const TRAILING_PUNCTUATION = /(?:['’]s|[.'’-])+$/u;
const CAPITALISED = /^[\p{Lu}\p{Lt}]/u;
const SAME_LINE_OR_NEXT = /^[ \t\u00a0]*(?:\r?\n)?[ \t\u00a0]*$/u;
const ACRONYM_AFTER = /^[ \t\u00a0]*\(([\p{Lu}][\p{Lu}\p{N}&*-]{1,9})\)/u;

function isJoiner(w: string): boolean {
  return JOINERS.has(w);
}

function isOrganizationWord(w: string): boolean {
  return ORGANIZATION_WORDS.has(normalizeForm(w).lower);
}

/**
 * Runs of capitalised words and joiners separated only by white space (one
 * line break at most). Trailing punctuation or a possessive ends a run.
 */
function runsOf(text: string): Word[][] {
  const runs: Word[][] = [];
  let run: Word[] = [];
  const flush = (): void => {
    if (run.length > 0) runs.push(run);
    run = [];
  };
  for (const m of text.matchAll(WORD)) {
    const start = m.index ?? 0;
    const core = m[0].replace(TRAILING_PUNCTUATION, '');
    if (core.length === 0 || !(CAPITALISED.test(core) || isJoiner(core))) {
      flush();
      continue;
    }
    const previous = run[run.length - 1];
    if (previous && !SAME_LINE_OR_NEXT.test(text.slice(previous.end, start))) flush();
    run.push({ text: core, start, end: start + core.length });
  }
  flush();
  return runs;
}

const COORDINATING = new Set(['and', 'und', 'y', 'e', '&']);
const SENTENCE_END = /(?:^|[.!?:;]|\n)[\s"“'‘(]*$/u;

/**
 * Two names side by side: "X and the Y" (a coordinating joiner followed by
 * another joiner) ends one run and starts the next. "of the" stays inside.
 */
function splitCoordinated(run: Word[]): Word[][] {
  const out: Word[][] = [[]];
  for (let i = 0; i < run.length; i++) {
    const w = run[i];
    if (COORDINATING.has(w.text) && i + 1 < run.length && isJoiner(run[i + 1].text)) {
      out.push([]);
      continue;
    }
    out[out.length - 1].push(w);
  }
  return out;
}

/** A capitalised word opening a sentence and followed by a joiner ("Researchers of the …") is not part of a name. */
function dropSentenceOpener(text: string, words: Word[]): Word[] {
  if (words.length > 1 && isJoiner(words[1].text) && SENTENCE_END.test(text.slice(0, words[0].start))) return words.slice(1);
  return words;
}

/** Drop joiners (and a sentence-initial "The") at both ends. */
function trimJoiners(words: Word[]): Word[] {
  let a = 0;
  let b = words.length;
  while (a < b && (isJoiner(words[a].text) || words[a].text === 'The')) a++;
  while (b > a && isJoiner(words[b - 1].text)) b--;
  return words.slice(a, b);
}

export function suggestUnknownOrganizations(directory: Directory, text: string): Suggestion[] {
  const { mentions, ambiguous, possible } = detect(directory, text);
  // Unconfirmed acronyms are in the directory too: never suggested as new.
  const known = [...mentions, ...ambiguous, ...possible].map((m) => ({ start: m.start, end: m.end })).sort((x, y) => x.start - y.start);
  const overlapsKnown = (start: number, end: number): boolean => known.some((k) => start < k.end && end > k.start);
  const out: Suggestion[] = [];
  const seen = new Set<string>();
  const add = (words: Word[], acronym?: string): void => {
    const ws = trimJoiners(words);
    if (ws.filter((w) => !isJoiner(w.text)).length < 2) return;
    const start = ws[0].start;
    const end = ws[ws.length - 1].end;
    const value = text.slice(start, end).replace(/\s+/gu, ' ');
    const key = normalizeForm(value).lower;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(acronym === undefined ? { text: value, start, end } : { text: value, start, end, acronym });
  };
  for (const run of runsOf(text).flatMap(splitCoordinated)) {
    // Cut the run at directory matches; judge each piece on its own.
    const pieces: Word[][] = [[]];
    for (const w of dropSentenceOpener(text, run)) {
      if (overlapsKnown(w.start, w.end)) pieces.push([]);
      else pieces[pieces.length - 1].push(w);
    }
    for (const piece of pieces) {
      if (piece.length === 0) continue;
      const last = piece[piece.length - 1];
      const acronym = ACRONYM_AFTER.exec(text.slice(last.end));
      if (acronym !== null) {
        // An acronym the directory knows: the phrase is one of its names.
        if (overlapsKnown(last.end, last.end + acronym[0].length)) continue;
        // Start at the first word carrying the acronym's initial, if any.
        const from = piece.findIndex((w) => w.text[0] === acronym[1][0]);
        add(from > 0 ? piece.slice(from) : piece, acronym[1]);
        continue;
      }
      if (piece.some((w) => isOrganizationWord(w.text))) add(piece);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
