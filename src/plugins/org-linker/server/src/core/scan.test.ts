import { NODE_STRIDE, UPPER_FIRST_SALT, WORD_HASH_SEED } from './build';
import { CLASS_SPACE, CLASS_TRANSPARENT, CLASS_WORD } from './char-class';
import { buildDirectory } from './directory';
import { CASED_FLAG, CLASS_SHIFT, CLASS_SURROGATE, KIND_COMPLEX, KIND_SHIFT, KIND_SPACE, KIND_ZERO } from './normalize';
import { MatchBuffer, SCAN_LAYOUT, exactFoldEquals, matchEntries, scanText } from './scan';

describe('scan', () => {
  it('uses the same table layout as normalize.ts and build.ts', () => {
    expect(SCAN_LAYOUT).toEqual({
      classShift: CLASS_SHIFT,
      cased: CASED_FLAG,
      kindMask: 3 << KIND_SHIFT,
      spaceKind: KIND_SPACE << KIND_SHIFT,
      zeroKind: KIND_ZERO << KIND_SHIFT,
      complexKind: KIND_COMPLEX << KIND_SHIFT,
      space: CLASS_SPACE,
      word: CLASS_WORD,
      transparent: CLASS_TRANSPARENT,
      surrogate: CLASS_SURROGATE,
      hashSeed: WORD_HASH_SEED,
      upperSalt: UPPER_FIRST_SALT,
      nodeStride: NODE_STRIDE,
      labelStart: 0,
      labelEnd: 1,
      nodeKey: 4,
    });
  });

  const d = buildDirectory([
    { id: 1, name: 'Korea Institute of Science and Technology', acronym: 'KIST' },
    { id: 2, name: 'Institute of Science' },
    { id: 3, name: 'Math 𝐀lpha Lab' },
    { id: 4, name: 'Fine Institute' },
  ]);

  it('returns leftmost-longest raw matches with original offsets', () => {
    const text = 'The Korea Institute of Science and Technology, the Institute of Science.';
    expect(scanText(d.automaton, text).map((m) => text.slice(m.start, m.end))).toEqual(['Korea Institute of Science and Technology', 'Institute of Science']);
  });

  it('walks ligatures, astral letters, invisible characters', () => {
    const text = 'the ﬁne Institute, math 𝐀lpha lab, Korea Insti\u00adtute of Science and Tech\u200bnology';
    expect(scanText(d.automaton, text).map((m) => text.slice(m.start, m.end))).toEqual([
      'ﬁne Institute',
      'math 𝐀lpha lab',
      'Korea Insti\u00adtute of Science and Tech\u200bnology',
    ]);
  });

  it('matches the empty range and texts with no candidates', () => {
    expect(scanText(d.automaton, '')).toEqual([]);
    expect(scanText(d.automaton, 'nothing here at all')).toEqual([]);
  });

  it('checks case-sensitive forms on the folded text', () => {
    expect(exactFoldEquals('KİST', 0, 4, 'KIST')).toBe(true);
    expect(exactFoldEquals('Kist', 0, 4, 'KIST')).toBe(false);
    expect(exactFoldEquals('A \n B', 0, 5, 'A B')).toBe(true);
    const text = 'KIST and kist';
    expect(scanText(d.automaton, text).map((m) => matchEntries(d.automaton, m, text))).toEqual([[0]]);
  });
});

describe('Korean particles (matching rule 4, issue 16)', () => {
  const d = buildDirectory([
    { id: 1, name: 'Korea Institute of Science and Technology', acronym: 'KIST' },
    { id: 2, name: '한국기계연구원', acronym: 'KIMM' },
    { id: 3, name: 'Korea Advanced Institute of Science and Technology', acronym: 'KAIST' },
    { id: 4, name: '한국' },
  ]);
  const found = (text: string): string[] => scanText(d.automaton, text).map((m) => text.slice(m.start, m.end));

  it.each([
    ['KIST와 협력', 'KIST'],
    ['한국기계연구원과 함께', '한국기계연구원'],
    ['KAIST의 연구진', 'KAIST'],
    ['KIST에서는 밝혔다', 'KIST'],
    ['한국기계연구원으로부터', '한국기계연구원'],
    ['KIMM은.', 'KIMM'],
    ['KIST까지도', 'KIST'],
  ])('%s: the mention ends before the particle', (text, mention) => {
    expect(found(text)).toEqual([mention]);
    expect(found(text.normalize('NFD'))).toEqual([mention.normalize('NFD')]);
  });

  it('a syllable that is not a particle still ends no match', () => {
    expect(found('한국도로공사')).toEqual([]); // "도" + "로" + more: a longer word
    expect(found('한국가스공사')).toEqual([]);
    expect(found('KISTA')).toEqual([]);
    expect(found('KIST와이드')).toEqual([]);
  });
});

describe('MatchBuffer', () => {
  it('grows past its capacity and keeps every match in order', () => {
    const buffer = new MatchBuffer(1);
    for (let i = 0; i < 5; i++) buffer.push(i, i + 2, 10 + i);
    expect(buffer.start.length).toBe(8);
    expect(buffer.toArray()).toEqual([0, 1, 2, 3, 4].map((i) => ({ start: i, end: i + 2, key: 10 + i })));
    expect(new MatchBuffer(0).start.length).toBe(1);
  });
});
