/**
 * detect() against a slow reference written from the README's matching rules alone ("Organization
 * linker", "Matching rules"). The reference imports nothing from the engine: it tries every
 * start and end offset of the text, folds each slice with String.prototype.normalize and regular
 * expressions, and applies each rule as the README words it. Only `buildDirectory` (detect's
 * input) and `detect` come from the engine.
 *
 * Where the README leaves a detail open, the reference decides as written here:
 * - folding: NFKD; combining accents (U+0300–036F, 1AB0–1AFF, 1DC0–1DFF, 20D0–20FF, FE20–FE2F)
 *   and the invisible characters the README lists for names (soft hyphen, zero-width space and
 *   joiners, word joiner, BOM, variation selectors) are dropped; letters with a stroke (đ ł ø)
 *   lose it; ’ ‘ ʼ ` are an apostrophe and ‐ ‑ ‒ – — − a hyphen; a run of white space is one space.
 *   Other format characters (the right-to-left and left-to-right marks) are visible punctuation.
 * - a word is letters, digits and marks of a script written with spaces; Han, Hiragana and
 *   Katakana are written without spaces (no boundary needed); the invisible characters and
 *   accents are skipped when looking at the characters around a match.
 * - a paragraph break is two line breaks with only white space, accents or invisible characters
 *   between them.
 * - a Korean particle is one the README lists, optionally followed by one of its endings.
 * - "found spelled otherwise than in the directory" applies to acronyms that folding changes
 *   (ÇOMÜ, İTÜ): the text, composed (NFC), must be the acronym as written.
 * - "named elsewhere" (rule 5) is a mention of one organization only (not an unconfirmed
 *   acronym); a name chosen that way confirms the organization's acronym (rule 7).
 * The generators stay inside what these rules decide (no ß, no Arabic harakat).
 */
import { expectGenerated } from './generated-cases.test-helper';
import fc from 'fast-check';
import { detect } from './detect';
import { buildDirectory, type DirectoryEntry } from './directory';

const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 1000);

// ---------------------------------------------------------------------------
// The reference

// eslint-disable-next-line no-misleading-character-class -- combining marks and joiners are classes of single code points here, on purpose
const ACCENT = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/;
// eslint-disable-next-line no-misleading-character-class -- combining marks and joiners are classes of single code points here, on purpose
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff\ufe00-\ufe0f]/;
const STROKE: Record<string, string> = { đ: 'd', Đ: 'D', ł: 'l', Ł: 'L', ø: 'o', Ø: 'O' };
const APOSTROPHES = /[\u2019\u2018\u02bc`]/g;
const DASHES = /[\u2010-\u2014\u2212]/g;
const UNSPACED = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]/u;

type CharClass = 'invisible' | 'space' | 'word' | 'unspaced' | 'other';

function classOf(ch: string): CharClass {
  if (ACCENT.test(ch) || INVISIBLE.test(ch)) return 'invisible';
  if (/\s/u.test(ch)) return 'space';
  if (UNSPACED.test(ch)) return 'unspaced';
  if (/[\p{L}\p{N}\p{M}]/u.test(ch)) return 'word';
  return 'other';
}

/** Folded text, letter case kept. */
function foldExact(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFKD')) {
    if (ACCENT.test(ch) || INVISIBLE.test(ch)) continue;
    out += STROKE[ch] ?? ch;
  }
  return out.replace(APOSTROPHES, "'").replace(DASHES, '-').replace(/\s+/gu, ' ');
}

/** Folded text in lower case (each code point on its own: a final sigma is a sigma). */
function lowerOf(folded: string): string {
  let out = '';
  for (const ch of folded) out += ch.toLowerCase().replace('ς', 'σ');
  return out;
}
const foldLower = (s: string): string => lowerOf(foldExact(s));

/** Code points of the text with their offsets. */
function codePoints(text: string): { ch: string; at: number }[] {
  const out: { ch: string; at: number }[] = [];
  for (let i = 0; i < text.length; ) {
    const ch = String.fromCodePoint(text.codePointAt(i) ?? 0);
    out.push({ ch, at: i });
    i += ch.length;
  }
  return out;
}

const PARTICLES = ['은', '는', '이', '가', '을', '를', '와', '과', '의', '에', '에서', '에게', '로', '으로', '도', '만', '까지', '부터'];
const PARTICLE_ENDINGS = ['', '는', '은', '도', '의', '만', '까지', '부터'];

type FormKind = 'name' | 'alias' | 'acronym';
interface RefForm {
  entry: number;
  kind: FormKind;
  written: string;
  exact: string;
  lower: string;
  oneWord: boolean;
  upperExact: string;
}

function formsOf(entries: readonly DirectoryEntry[]): RefForm[] {
  const out: RefForm[] = [];
  entries.forEach((e, entry) => {
    const add = (raw: string | null | undefined, kind: FormKind) => {
      if (typeof raw !== 'string') return;
      const written = raw.trim();
      const exact = foldExact(written).trim();
      if ([...exact].length < 2) return; // the README's minimum: 2 characters
      out.push({ entry, kind, written, exact, lower: foldLower(written).trim(), oneWord: !exact.includes(' '), upperExact: foldExact(written.toUpperCase()).trim() });
    };
    add(e.name, 'name');
    add(e.acronym, 'acronym');
    for (const alias of e.aliases ?? []) add(alias, 'alias');
  });
  return out;
}

/**
 * Rule 1, for a slice folded both ways: acronyms only as written; one-word names and aliases as
 * written or in all capitals; longer names in any case.
 */
function accepts(form: RefForm, exact: string, lower: string): boolean {
  if (lower !== form.lower) return false;
  if (form.kind === 'acronym') return exact === form.exact;
  if (form.oneWord) return exact === form.exact || exact === form.upperExact;
  return true;
}

type Reason = 'short-acronym' | 'folded-acronym' | 'acronym-never-alone';

/** Rule 7: why an acronym found alone needs a longer form in the article, if it does. */
function acronymReason(e: DirectoryEntry, slice: string): Reason | null {
  const acronym = (e.acronym ?? '').trim();
  if (e.acronymAlone === 'always') return null;
  if (e.acronymAlone === 'never') return 'acronym-never-alone';
  if ([...acronym].filter((ch) => /[\p{L}\p{N}]/u.test(ch)).length <= 3) return 'short-acronym';
  const changedByFolding = foldExact(acronym) !== acronym.normalize('NFC');
  return changedByFolding && slice.normalize('NFC') !== acronym.normalize('NFC') ? 'folded-acronym' : null;
}

interface RefMatch {
  start: number;
  end: number;
  /** Entries whose forms accept the text, and whether each accepted it by its acronym only. */
  entries: Map<number, boolean>;
}

function referenceMatches(entries: readonly DirectoryEntry[], text: string): RefMatch[] {
  const forms = formsOf(entries);
  const cps = codePoints(text);
  const offsets = [...cps.map((c) => c.at), text.length];
  const visibleBefore = (k: number): CharClass | null => {
    for (let x = k - 1; x >= 0; x--) if (classOf(cps[x].ch) !== 'invisible') return classOf(cps[x].ch);
    return null;
  };
  const visibleFrom = (k: number): CharClass | null => {
    for (let x = k; x < cps.length; x++) if (classOf(cps[x].ch) !== 'invisible') return classOf(cps[x].ch);
    return null;
  };
  // eslint-disable-next-line no-misleading-character-class -- combining marks and joiners are classes of single code points here, on purpose
  const paragraphBreak = (s: string): boolean => /\u2029|\n(?:[^\S\n]|[\u00ad\u200b-\u200d\u2060\ufeff\ufe00-\ufe0f\u0300-\u036f])*\n/u.test(s);
  // Rule 4: a Korean particle (and an optional ending) written against the name, then the word
  // ends; the mention ends just before the particle. Returns where the particle starts, or -1.
  const particleAt = (k: number): number => {
    let p = k;
    while (p < cps.length && classOf(cps[p].ch) === 'invisible') p++;
    for (let u = p + 1; u <= cps.length && u <= p + 8; u++) {
      const written = text.slice(offsets[p], offsets[u]).normalize('NFC');
      if (PARTICLES.some((first) => PARTICLE_ENDINGS.some((end) => written === first + end)) && visibleFrom(u) !== 'word') return p;
    }
    return -1;
  };
  const candidates: { start: number; end: number; length: number; form: RefForm }[] = [];
  for (let s = 0; s < cps.length; s++) {
    const first = classOf(cps[s].ch);
    if (first === 'invisible' || first === 'space') continue;
    if (first === 'word' && visibleBefore(s) === 'word') continue; // never starts inside a word
    const pending = new Set(forms);
    for (let t = s + 1; t <= cps.length && pending.size > 0; t++) {
      const slice = text.slice(offsets[s], offsets[t]);
      const exact = foldExact(slice);
      const lower = lowerOf(exact);
      // Folding goes code point by code point, so a longer slice folds to a longer text.
      if (![...pending].some((f) => f.lower.startsWith(lower))) break;
      for (const form of [...pending]) {
        if (!accepts(form, exact, lower)) continue;
        pending.delete(form); // its shortest slice
        if (paragraphBreak(slice)) continue;
        let lastVisible: CharClass | null = null;
        for (let x = s; x < t; x++) if (classOf(cps[x].ch) !== 'invisible') lastVisible = classOf(cps[x].ch);
        let e = t;
        if (lastVisible === 'word' && visibleFrom(t) === 'word') {
          // never ends inside a word, unless a particle follows
          e = particleAt(t);
          if (e < 0) continue;
        } else {
          while (e < cps.length && ACCENT.test(cps[e].ch)) e++; // an accent belongs to the letter before it
        }
        candidates.push({ start: s, end: e, length: form.lower.length, form });
      }
    }
  }
  // Leftmost longest.
  const out: RefMatch[] = [];
  let from = 0;
  for (;;) {
    const left = candidates.filter((c) => c.start >= from);
    if (left.length === 0) break;
    const start = Math.min(...left.map((c) => c.start));
    const here = left.filter((c) => c.start === start);
    const length = Math.max(...here.map((c) => c.length));
    const best = here.filter((c) => c.length === length);
    const entriesHere = new Map<number, boolean>();
    for (const c of best) entriesHere.set(c.form.entry, (entriesHere.get(c.form.entry) ?? true) && c.form.kind === 'acronym');
    const end = best[0].end;
    out.push({ start: offsets[start], end: offsets[end], entries: entriesHere });
    from = end;
  }
  return out;
}

interface RefResult {
  mentions: { id: number; start: number; end: number }[];
  ambiguous: { start: number; end: number; ids: number[] }[];
  possible: { id: number; start: number; end: number; reason: Reason }[];
}

/** The README's answer, and how many ambiguous names the article itself resolved. */
function reference(entries: readonly DirectoryEntry[], text: string): { result: RefResult; resolved: number } {
  const matches = referenceMatches(entries, text);
  const byAcronym = (m: RefMatch, e: number) => m.entries.get(e) === true && typeof entries[e].acronym === 'string';
  const needsLongForm = (m: RefMatch, e: number) => byAcronym(m, e) && acronymReason(entries[e], text.slice(m.start, m.end)) !== null;
  const chosen = new Map<RefMatch, number>();
  for (const m of matches) if (m.entries.size === 1) chosen.set(m, [...m.entries.keys()][0]);
  // Rule 7: named by a longer form (name or alias) somewhere in the article.
  const longForm = new Set<number>();
  for (const [m, e] of chosen) if (!byAcronym(m, e)) longForm.add(e);
  // Rule 5: an ambiguous name means the one candidate the article names unambiguously elsewhere.
  const named = new Set<number>();
  let resolved = 0;
  for (const [m, e] of chosen) if (!needsLongForm(m, e) || longForm.has(e)) named.add(e);
  for (const m of matches) {
    if (m.entries.size < 2) continue;
    const namedHere = [...m.entries.keys()].filter((e) => named.has(e));
    if (namedHere.length !== 1) continue;
    chosen.set(m, namedHere[0]);
    resolved++;
    if (!byAcronym(m, namedHere[0])) longForm.add(namedHere[0]);
  }
  const result: RefResult = { mentions: [], ambiguous: [], possible: [] };
  for (const m of matches) {
    const e = chosen.get(m);
    if (e === undefined) {
      result.ambiguous.push({ start: m.start, end: m.end, ids: [...m.entries.keys()].sort((a, b) => a - b) });
      continue;
    }
    const reason = needsLongForm(m, e) && !longForm.has(e) ? acronymReason(entries[e], text.slice(m.start, m.end)) : null;
    if (reason === null) result.mentions.push({ id: e, start: m.start, end: m.end });
    else result.possible.push({ id: e, start: m.start, end: m.end, reason });
  }
  return { result, resolved };
}

// ---------------------------------------------------------------------------
// Generators: names and texts with case variants, accents composed and decomposed, letters with
// strokes, apostrophe and dash variants, zero-width joiners and spaces, right-to-left text and
// marks, Han, Kana, Hangul with particles, shared names and acronyms (ambiguity), short and
// folded acronyms (rule 7).

const WORDS = [
  'Alpha',
  'alpha',
  'ALPHA',
  'Beta',
  'beta',
  'Institute',
  'of',
  'the',
  'Café',
  'Ñandú',
  'Đại',
  'Łódź',
  'Øst',
  'O’Neil',
  "O'Neil",
  'x–y',
  'x-y',
  'Σίσυφος',
  'Việt',
  '中国',
  '科学院',
  'がん',
  '研究',
  'カナ',
  '한국',
  '기계',
  '연구원',
  'مرحبا',
  'معهد',
  'מכון',
  'ABC',
];
const ACRONYMS = ['AB', 'NRC', 'ABCD', 'WAITRO', 'İTÜ', 'ÇOMÜ', 'A*STAR', 'KIST'];
const word = fc.constantFrom(...WORDS);
const name = fc.oneof(
  { arbitrary: fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' ')), weight: 4 },
  { arbitrary: fc.constantFrom('中国科学院', 'がん研究会', '한국기계연구원', 'معهد مرحبا', 'Alpha Beta', 'NRC Canada'), weight: 2 }
);
const entryArb = fc.record({
  name,
  acronym: fc.option(fc.constantFrom(...ACRONYMS), { nil: undefined }),
  aliases: fc.array(fc.oneof(name, fc.constantFrom('NRC', 'Beta', 'Alpha Beta')), { maxLength: 2 }),
  acronymAlone: fc.option(fc.constantFrom('auto' as const, 'always' as const, 'never' as const), { nil: undefined }),
});
const directoryArb = fc.array(entryArb, { minLength: 1, maxLength: 6 }).map((es) =>
  es.map((e, i): DirectoryEntry => {
    // An acronym that a name or alias of the same entry also spells is left out (the README
    // does not say which rule such a form follows).
    const own = [e.name, ...e.aliases].map((f) => foldLower(f).trim());
    const acronym = e.acronym !== undefined && own.includes(foldLower(e.acronym)) ? undefined : e.acronym;
    return { id: i, name: e.name, aliases: e.aliases, ...(acronym === undefined ? {} : { acronym }), ...(e.acronymAlone ? { acronymAlone: e.acronymAlone } : {}) };
  })
);

const SEPARATORS = [
  ' ',
  ' ',
  ' ',
  '  ',
  '\n',
  '\n\n',
  '\n\u200b\n',
  '\u00a0',
  ', ',
  '. ',
  '’s ',
  '\u00ad',
  '\u200b',
  '\u200d',
  '\u0301',
  '\u0323',
  '',
  '(',
  ')',
  '-',
  '—',
  '\t',
  ' \u200f',
  '\u200f',
  '\u200e ',
  '👩\u200d🔬',
  'x',
  '와 ',
  '과의 ',
  '에서는 ',
  '가',
  '이',
  '의',
];

/** A form as a text might write it. */
function variantArb(form: string) {
  return fc.constantFrom(
    form,
    form,
    form.toUpperCase(),
    form.toLowerCase(),
    form.normalize('NFD'),
    // a zero-width joiner or soft hyphen inside, or an accent after it
    `${form.slice(0, 1)}\u200d${form.slice(1)}`,
    `${form.slice(0, 2)}\u00ad${form.slice(2)}`,
    `${form}\u0301`,
    form.replace(/ /g, '\n'),
    form.replace(/ /g, '\n\n'),
    form.normalize('NFD').replace(/\u0301/g, '')
  );
}

function textArb(entries: readonly DirectoryEntry[]) {
  const forms = entries.flatMap((e) => [e.name, ...(e.acronym ? [e.acronym] : []), ...(e.aliases ?? [])]);
  const token = fc.oneof(
    { arbitrary: word, weight: 2 },
    { arbitrary: fc.constantFrom(...forms).chain(variantArb), weight: 3 },
    { arbitrary: fc.constantFrom('COMU', 'ITU', 'ÇOMÜ'.normalize('NFD'), 'NRC', 'KIST', 'İTÜ'), weight: 1 }
  );
  return fc.array(fc.tuple(token, fc.constantFrom(...SEPARATORS)), { maxLength: 12 }).map((parts) => parts.map(([t, s]) => t + s).join(''));
}

// ---------------------------------------------------------------------------

describe('detect against the README reference (property)', () => {
  it('finds exactly the mentions, ambiguities and possible mentions the rules give', () => {
    const seen = { mentions: 0, ambiguous: 0, possible: 0, resolvedByContext: 0, accents: 0, joiners: 0, rtl: 0, particles: 0 };
    fc.assert(
      fc.property(
        directoryArb.chain((entries) => fc.tuple(fc.constant(entries), textArb(entries))),
        ([entries, text]) => {
          const got = detect(buildDirectory(entries), text);
          const { result: want, resolved } = reference(entries, text);
          expect({
            mentions: got.mentions.map((m) => ({ id: m.id, start: m.start, end: m.end })),
            ambiguous: got.ambiguous.map((a) => ({ start: a.start, end: a.end, ids: a.candidates.map((c) => c.id) })),
            possible: got.possible.map((p) => ({ id: p.id, start: p.start, end: p.end, reason: p.reason })),
          }).toEqual(want);
          if (want.mentions.length > 0) seen.mentions++;
          if (want.ambiguous.length > 0) seen.ambiguous++;
          if (want.possible.length > 0) seen.possible++;
          if (resolved > 0) seen.resolvedByContext++;
          const named = want.mentions.map((m) => text.slice(m.start, m.end)).join('');
          if (/[\u0300-\u036f]/.test(named)) seen.accents++;
          if (/[\u200d\u00ad]/.test(named)) seen.joiners++;
          if (/[\u0590-\u06ff]/.test(named)) seen.rtl++;
          if (want.mentions.some((m) => /^[와과에가이의]/.test(text.slice(m.end)))) seen.particles++;
        }
      ),
      { numRuns: NUM_RUNS }
    );
    // The generated cases really exercise each rule (a generator that drifted would make the
    // comparison above vacuous).
    expectGenerated('mentions', seen.mentions, NUM_RUNS, 0.5);
    expectGenerated('ambiguous', seen.ambiguous, NUM_RUNS, 0.05);
    expectGenerated('possible', seen.possible, NUM_RUNS, 0.05);
    expectGenerated('resolvedByContext', seen.resolvedByContext, NUM_RUNS, 0.005);
    expectGenerated('accents', seen.accents, NUM_RUNS, 0.05);
    expectGenerated('joiners', seen.joiners, NUM_RUNS, 0.02);
    expectGenerated('rtl', seen.rtl, NUM_RUNS, 0.01);
    expectGenerated('particles', seen.particles, NUM_RUNS, 0.005);
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
