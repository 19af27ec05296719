/**
 * scanRange reads text[from, to) and nothing else: scanning a range of a text finds what scanning
 * that range cut out as a text of its own finds, at the same offsets. The linker scans each
 * container (paragraph, list item, caption) of a document as a range of one text, so a name, a
 * particle, an accent or a word just past the range must change nothing inside it.
 */
import fc from 'fast-check';
import { buildDirectory } from './directory';
import { MatchBuffer, scanRange, scanText } from './scan';

const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 1000);

const directory = buildDirectory([
  { id: 1, name: 'Fine Institute' },
  { id: 2, name: 'Lab Cafe' },
  { id: 3, name: 'Lab' },
  { id: 4, name: 'Korea Institute of Science and Technology', acronym: 'KIST', acronymAlone: 'always' },
  { id: 5, name: '한국기계연구원', acronym: 'KIMM', acronymAlone: 'always' },
  { id: 6, name: 'がん研究会' },
  { id: 7, name: 'Max Planck Society', aliases: ['MPG e.V.'] },
  { id: 8, name: 'Math Lab 𝐀' },
  { id: 9, name: 'Électricité de France', acronym: 'EDF', acronymAlone: 'always' },
]);
const automaton = directory.automaton;

/** Pieces that begin, end or continue a name, or change how the text around a cut reads. */
const TOKENS = [
  'Fine',
  'Institute',
  'Fine Institute',
  'Lab',
  'Cafe',
  'Lab Cafe',
  'KIST',
  'KIMM',
  'EDF',
  'Max',
  'Planck',
  'Society',
  'MPG',
  'e.V.',
  'Math',
  '𝐀',
  '한국기계연구원',
  '한국',
  '연구원',
  '와',
  '한',
  '테',
  '한테',
  '에서',
  '는',
  'がん',
  '研究会',
  '研',
  '究',
  '会',
  'Électricité',
  'Electricite',
  'de',
  'France',
  'E\u0301',
  '\u0301',
  '\u0300',
  'ﬁ',
  'x',
  'Labs',
  ' ',
  ' ',
  ' ',
  '\n',
  '\r\n',
  '\n\n',
  '\t',
  '\u200b',
  '\u200d',
  '.',
  ',',
  "'s",
  '’s',
  '-',
  '(',
  ')',
];

/** The text, and every offset that is not inside a surrogate pair (a range never splits a code point). */
const textAndCuts = fc.array(fc.tuple(fc.constantFrom(...TOKENS), fc.constantFrom(' ', ' ', ' ', '', '', '\n', ', ')), { minLength: 1, maxLength: 16 }).map((pieces) => {
  const text = pieces.map(([token, after]) => token + after).join('');
  const cuts = [0];
  for (let i = 0; i < text.length; ) {
    i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    cuts.push(i);
  }
  return { text, cuts };
});

/** Half the ends fall inside a match of the whole text (where reading past the range would show). */
const range = textAndCuts.chain(({ text, cuts }) => {
  const whole = scanText(automaton, text);
  const inside = cuts.filter((c) => whole.some((m) => m.start < c && c < m.end));
  const end = inside.length > 0 ? fc.oneof(fc.constantFrom(...cuts), fc.constantFrom(...inside)) : fc.constantFrom(...cuts);
  return fc.tuple(end, end).map(([x, y]) => ({ text, from: Math.min(x, y), to: Math.max(x, y) }));
});

const inRange = (text: string, from: number, to: number) => {
  const out = new MatchBuffer(1);
  scanRange(automaton, text, from, to, out);
  return out.toArray();
};

describe('scanRange: a range of a text reads like the same characters cut out as a text', () => {
  it('finds the same matches, at offsets shifted by the range start', () => {
    // How often the whole text has a match that crosses an end of the range: the cases that
    // would tell a scan reading past its range from one that does not.
    let crossing = 0;
    let total = 0;
    fc.assert(
      fc.property(range, ({ text, from, to }) => {
        const whole = scanText(automaton, text);
        if (whole.some((m) => (m.start < to && m.end > to) || (m.start < from && m.end > from))) crossing++;
        const expected = scanText(automaton, text.slice(from, to)).map((m) => ({ start: m.start + from, end: m.end + from, key: m.key }));
        expect(inRange(text, from, to)).toEqual(expected);
        total++;
      }),
      { numRuns: NUM_RUNS }
    );
    expect(total).toBe(NUM_RUNS);
    expect(crossing).toBeGreaterThan(NUM_RUNS / 5);
  });

  it('stops at the range end inside a word, a particle, a name and before accents', () => {
    const cut = (text: string, to: number) => inRange(text, 0, to).map((m) => text.slice(m.start, m.end));
    // "KIST한" ends inside a word: no match, though "한테" (a particle) goes on past the range.
    expect(cut('KIST한테 말했다', 5)).toEqual([]);
    expect(cut('KIST한테 말했다', 6)).toEqual(['KIST']);
    // "Lab Caf" names Lab alone: the rest of "Cafe" past the range does not make it Lab Cafe.
    expect(cut('Lab Cafe', 7)).toEqual(['Lab']);
    expect(cut('Lab Cafe', 8)).toEqual(['Lab Cafe']);
    // The accent past the range is not taken into the match.
    const accented = 'Lab Cafe\u0301 said';
    expect(inRange(accented, 0, 8).map((m) => [m.start, m.end])).toEqual([[0, 8]]);
    expect(inRange(accented, 0, 9).map((m) => [m.start, m.end])).toEqual([[0, 9]]);
    // The letter just past the range does not make "Lab" part of a longer word.
    expect(cut('Labs', 3)).toEqual(['Lab']);
    // Accents after the match are taken up to the range end, not past it.
    expect(inRange('Lab Cafe\u0301\u0301 said', 0, 9).map((m) => [m.start, m.end])).toEqual([[0, 9]]);
    // A range that starts inside a word starts a word of its own.
    expect(cut('XLab said', 9).length).toBe(0);
    expect(inRange('XLab said', 1, 9).map((m) => [m.start, m.end])).toEqual([[1, 4]]);
  });
});
