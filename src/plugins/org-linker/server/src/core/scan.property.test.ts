/**
 * The scanner against a naive reference: normalize the whole text with an
 * offset map, find every occurrence of every form with indexOf, apply the
 * boundary, case and paragraph rules one by one, then leftmost-longest.
 */
import fc from 'fast-check';
import { CLASS_TRANSPARENT, CLASS_WORD, isCombiningAccent } from './char-class';
import { buildDirectory, type DirectoryEntry } from './directory';
import { normalizedForms } from './forms';
import { boundaryClass, normalizeText } from './normalize';
import { leftmostLongest } from './overlaps';
import { matchEntries, particleEndsWordAt, scanText } from './scan';
import { detect } from './detect';

const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 1000);

const width = (text: string, i: number): number => ((text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1);
const classAt = (text: string, i: number): number => boundaryClass(text.codePointAt(i) ?? 0);

function visibleBefore(text: string, i: number): number {
  let p = i;
  while (p > 0) {
    let q = p - 1;
    if (q > 0 && text.charCodeAt(q) >= 0xdc00 && text.charCodeAt(q) <= 0xdfff) q--;
    const c = classAt(text, q);
    if (c !== CLASS_TRANSPARENT) return c;
    p = q;
  }
  return 0;
}

function visibleAt(text: string, i: number): number {
  while (i < text.length) {
    const c = classAt(text, i);
    if (c !== CLASS_TRANSPARENT) return c;
    i += width(text, i);
  }
  return 0;
}

function lastVisibleIn(text: string, from: number, to: number): number {
  let last = 0;
  for (let i = from; i < to; i += width(text, i)) {
    const c = classAt(text, i);
    if (c !== CLASS_TRANSPARENT) last = c;
  }
  return last;
}

function hasParagraphBreak(s: string): boolean {
  // eslint-disable-next-line no-misleading-character-class -- a set of single code points: joiners and combining marks are members on their own, not parts of a cluster
  return /\n[\s\u00ad\u200b-\u200d\u2060\ufeff\u0300-\u036f]*\n|\r[\s\u00ad\u200b-\u200d\u2060\ufeff\u0300-\u036f]*\r|\u2029/.test(s.replace(/\r\n/g, '\n'));
}

interface Ref {
  start: number;
  end: number;
  length: number;
  entries: Set<number>;
}

function reference(entries: readonly DirectoryEntry[], text: string): { start: number; end: number; entries: number[] }[] {
  const norm = normalizeText(text);
  const n = norm.exact.length;
  const found = new Map<string, Ref>();
  entries.forEach((entry, index) => {
    for (const form of normalizedForms(entry)) {
      const hay = form.caseSensitive ? norm.exact : norm.lower;
      const needle = form.caseSensitive ? form.exact : form.lower;
      for (let a = hay.indexOf(needle); a >= 0; a = hay.indexOf(needle, a + 1)) {
        const b = a + needle.length;
        if (a > 0 && norm.offsets[a - 1] === norm.offsets[a]) continue; // starts inside a code point's fold
        if (b < n && norm.offsets[b] === norm.offsets[b - 1]) continue; // ends inside one
        const start = norm.offsets[a];
        if (visibleBefore(text, start) === CLASS_WORD && classAt(text, start) === CLASS_WORD) continue;
        let end = norm.offsets[b - 1] + width(text, norm.offsets[b - 1]);
        const ok = !(lastVisibleIn(text, start, end) === CLASS_WORD && visibleAt(text, end) === CLASS_WORD) || particleEndsWordAt(text, end, text.length);
        // accents that follow belong to the match
        while (end < text.length && isCombiningAccent(text.charCodeAt(end))) end++;
        if (!ok || hasParagraphBreak(text.slice(start, end))) continue;
        const key = `${start}:${end}:${b - a}`;
        const ref = found.get(key) ?? { start, end, length: b - a, entries: new Set<number>() };
        ref.entries.add(index);
        found.set(key, ref);
      }
    }
  });
  return leftmostLongest([...found.values()]).map((r) => ({ start: r.start, end: r.end, entries: [...r.entries].sort((x, y) => x - y) }));
}

// Pieces of names and texts: case variants, accents (composed and not),
// ligatures, dotted I, apostrophes, dashes, invisible characters, Han/Kana,
// markdown metacharacters.
const WORDS = [
  'alpha',
  'Alpha',
  'ALPHA',
  'beta',
  'Beta',
  'of',
  'the',
  'Café',
  'Cafe\u0301',
  'cafe',
  'ﬁne',
  'fine',
  'İz',
  'Iz',
  'ız',
  'AB',
  'ab',
  'C*D',
  '[x]',
  '(y)',
  '_u_',
  '`t`',
  'a.b',
  'c+d',
  'e?',
  '中国',
  '科学',
  'カナ',
  'O’Neil',
  "O'Neil",
  'x–y',
  'x-y',
  'ß',
  'Σίσυφος',
];
const SEPARATORS = [' ', ' ', ' ', '  ', '\n', '\n\n', '\u00a0', ', ', '. ', '’s ', '\u00ad', '\u200b', '\u0301', '', '(', ')', '-', '\t'];

const word = fc.constantFrom(...WORDS);
const name = fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' '));
const entryArb = fc.record({
  name,
  acronym: fc.option(fc.constantFrom('AB', 'CD', 'A*B', 'İTÜ', 'ab'), { nil: undefined }),
  aliases: fc.array(name, { maxLength: 2 }),
});
const directoryArb = fc.array(entryArb, { minLength: 1, maxLength: 8 }).map((es) => es.map((e, i): DirectoryEntry => ({ id: i, ...e })));

function documentArb(entries: readonly DirectoryEntry[]) {
  const forms = entries.flatMap((e) => [e.name, ...(e.acronym ? [e.acronym] : []), ...(e.aliases ?? [])]);
  const token = fc.oneof(
    word,
    fc.constantFrom(...forms),
    fc.constantFrom(...forms).map((f) => f.toUpperCase())
  );
  return fc.array(fc.tuple(token, fc.constantFrom(...SEPARATORS)), { maxLength: 14 }).map((parts) => parts.map(([t, s]) => t + s).join(''));
}

describe('scan (property)', () => {
  it('equals the naive reference matcher', () => {
    fc.assert(
      fc.property(
        directoryArb.chain((entries) => fc.tuple(fc.constant(entries), documentArb(entries))),
        ([entries, text]) => {
          const directory = buildDirectory(entries);
          const got = scanText(directory.automaton, text).map((m) => ({
            start: m.start,
            end: m.end,
            entries: matchEntries(directory.automaton, m, text),
          }));
          expect(got).toEqual(reference(entries, text));
        }
      ),
      { numRuns: NUM_RUNS }
    );
  });
});

describe('detect on arbitrary text (property)', () => {
  const directory = buildDirectory([
    { id: 1, name: 'Alpha Beta', acronym: 'AB' },
    { id: 2, name: '中国科学院' },
    { id: 3, name: 'Café Ñu' },
  ]);
  it('never throws and reports slices of the text, in order, without overlap', () => {
    const piece = fc.oneof(fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom('Alpha Beta', 'AB', '中国科学院', 'CAFE ÑU', '\ud800', '\udc00', '\u0301'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        const r = detect(directory, text);
        let last = 0;
        for (const m of [...r.mentions, ...r.ambiguous].sort((a, b) => a.start - b.start)) {
          expect(m.start).toBeGreaterThanOrEqual(last);
          expect(m.end).toBeGreaterThan(m.start);
          expect(text.slice(m.start, m.end)).toBe(m.text);
          last = m.end;
        }
      }),
      { numRuns: NUM_RUNS }
    );
  });
});
