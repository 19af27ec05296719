import { CLASS_OTHER, CLASS_SPACE, CLASS_TRANSPARENT, CLASS_UNSPACED, CLASS_WORD } from './char-class';
import {
  CASED_FLAG,
  CLASS_SHIFT,
  CLASS_SURROGATE,
  KIND_COMPLEX,
  KIND_SHIFT,
  KIND_SIMPLE,
  KIND_SPACE,
  KIND_ZERO,
  WORD_LOWER,
  boundaryClass,
  codePointLength,
  computeUnitInfo,
  foldCodePoint,
  foldForSearch,
  isHangulJamo,
  normalizeForm,
  normalizeText,
} from './normalize';

describe('foldCodePoint', () => {
  it.each([
    ['é', 'e', 'e'],
    ['Ü', 'U', 'u'],
    ['İ', 'I', 'i'],
    ['ı', 'i', 'i'],
    ['đ', 'd', 'd'],
    ['Ł', 'L', 'l'],
    ['ø', 'o', 'o'],
    ['ﬁ', 'fi', 'fi'],
    ['Ａ', 'A', 'a'],
    ['’', "'", "'"],
    ['‘', "'", "'"],
    ['ʼ', "'", "'"],
    ['`', "'", "'"],
    ['‐', '-', '-'],
    ['‑', '-', '-'],
    ['‒', '-', '-'],
    ['–', '-', '-'],
    ['—', '-', '-'],
    ['−', '-', '-'],
    ['\u00a0', ' ', ' '],
    ['\n', ' ', ' '],
    ['\u0301', '', ''],
    ['\u00ad', '', ''],
    ['中', '中', '中'],
    ['Σ', 'Σ', 'σ'],
    ['ς', 'ς', 'σ'],
    // A letter whose decomposition holds a mapped letter (ø + acute): the mapping applies inside.
    ['ǿ', 'o', 'o'],
    ['Ǿ', 'O', 'o'],
    // A spacing accent decomposes to a space and a combining accent: both fold away.
    ['¨', '', ''],
    ['΄', '', ''],
  ])('%j folds to %j / %j', (ch, exact, lower) => {
    expect(foldCodePoint(ch.codePointAt(0) ?? 0)).toEqual({ exact, lower });
  });

  it('keeps exact and lower the same length', () => {
    for (let cp = 0; cp < 0x3000; cp++) {
      const f = foldCodePoint(cp);
      expect(f.lower.length).toBe(f.exact.length);
    }
  });
});

describe('normalizeText', () => {
  it('collapses white space runs and maps offsets to the original', () => {
    const text = 'A  b\u00a0\n c’d Café';
    const n = normalizeText(text);
    expect(n.exact).toBe("A b c'd Cafe");
    expect(n.lower).toBe("a b c'd cafe");
    expect(text[n.offsets[4]]).toBe('c');
    expect(n.offsets[n.exact.length]).toBe(text.length);
  });

  it('drops accents written as combining marks and invisible characters, offsets stay on code points', () => {
    const n = normalizeText('Tecnologi\u0301a Fraun\u00adhofer 𝐀');
    expect(n.exact).toBe('Tecnologia Fraunhofer A');
    expect(n.offsets[n.exact.length - 1]).toBe('Tecnologi\u0301a Fraun\u00adhofer '.length);
  });
});

describe('normalizeForm and foldForSearch', () => {
  it('trims and takes the ASCII fast path without changing results', () => {
    expect(normalizeForm('  Chinese   Academy ')).toEqual({ exact: 'Chinese Academy', lower: 'chinese academy' });
    expect(normalizeForm('A*STAR')).toEqual({ exact: 'A*STAR', lower: 'a*star' });
    expect(normalizeForm('People`s')).toEqual({ exact: "People's", lower: "people's" });
  });

  it('a form that matches is a substring of the folded text', () => {
    expect(foldForSearch('Shenyang Municipal People’s\nGovernment, China')).toContain(foldForSearch("Shenyang Municipal People's Government"));
  });

  it('counts code points', () => {
    expect(codePointLength('𝐀b')).toBe(2);
  });
});

describe('boundaryClass', () => {
  it.each([
    ['a', CLASS_WORD],
    ['7', CLASS_WORD],
    ['é', CLASS_WORD],
    ['\u0301', CLASS_TRANSPARENT],
    ['\u0323', CLASS_TRANSPARENT],
    ['ⓐ', CLASS_WORD],
    ['中', CLASS_UNSPACED],
    ['カ', CLASS_UNSPACED],
    ['ー', CLASS_UNSPACED],
    ['ก', CLASS_UNSPACED],
    ['’', CLASS_OTHER],
    ['-', CLASS_OTHER],
    [' ', CLASS_SPACE],
    ['\u2028', CLASS_SPACE],
    ['\u00ad', CLASS_TRANSPARENT],
    ['\u200b', CLASS_TRANSPARENT],
    // Folds to nothing, yet stays a boundary (not ignored like a combining accent).
    ['¨', CLASS_OTHER],
    // Folds to two units ("'n"): keeps its own class.
    ['ŉ', CLASS_WORD],
    // A Kangxi radical is a symbol, folded to a Han letter: classed as what it folds to.
    ['⼀', CLASS_UNSPACED],
    // U+02BC is a letter (of any script), folded to an apostrophe: punctuation like what it folds to.
    ['ʼ', CLASS_OTHER],
  ])('%j is class %i', (ch, cls) => {
    expect(boundaryClass(ch.codePointAt(0) ?? 0)).toBe(cls);
  });
});

describe('normalizeText: white-space runs and code point widths', () => {
  it('keeps a leading space, and an invisible character inside a white-space run does not break the run', () => {
    expect(normalizeText('  A').exact).toBe(' A');
    expect(normalizeText('a \u200b b\u00ad c').exact).toBe('a b c');
    expect(normalizeText('a \u0301\n b').offsets.length).toBe('a b'.length + 1);
  });

  it('reads U+FFFF as one unit and an astral code point as two', () => {
    const last = normalizeText('\uffffAB');
    expect(last.exact).toBe('\uffffAB');
    expect([...last.offsets]).toEqual([0, 1, 2, 3]);
    expect([...normalizeText('\u{10000}A').offsets]).toEqual([0, 0, 2, 3]);
  });
});

describe('codePointLength', () => {
  it('counts code units above the surrogates and astral code points up to U+10FFFF once each', () => {
    expect(codePointLength('ＡＢ')).toBe(2);
    expect(codePointLength('ﬁ\uffff')).toBe(2);
    expect(codePointLength('\u{10ffff}')).toBe(1);
    expect(codePointLength('\u{10ffff}\u{10000}a')).toBe(3);
  });
});

describe('isHangulJamo', () => {
  it('is true for the three conjoining jamo blocks, edges included, and false just outside them', () => {
    for (const unit of [0x1100, 0x11ff, 0xa960, 0xa97f, 0xd7b0, 0xd7ff]) expect([unit, isHangulJamo(unit)]).toEqual([unit, true]);
    for (const unit of [0x10ff, 0x1200, 0xa95f, 0xa980, 0xd7af, 0xd800, 0xac00, 0x61]) expect([unit, isHangulJamo(unit)]).toEqual([unit, false]);
  });
});

describe('computeUnitInfo: the per-unit table the scanner reads', () => {
  const decode = (ch: string) => {
    const unit = ch.charCodeAt(0);
    const info = computeUnitInfo(unit);
    return { kind: (info >> KIND_SHIFT) & 3, cls: info >> CLASS_SHIFT, low: info & 0xffff, cased: (info & CASED_FLAG) !== 0, wordLower: WORD_LOWER[unit] };
  };

  it.each([
    ['\u00a0', { kind: KIND_SPACE, cls: CLASS_SPACE, low: 0, cased: false, wordLower: 0 }],
    ['\u00ad', { kind: KIND_ZERO, cls: CLASS_TRANSPARENT, low: 0, cased: false, wordLower: 0 }],
    ['¨', { kind: KIND_ZERO, cls: CLASS_OTHER, low: 0, cased: false, wordLower: 0 }],
    ['ﬁ', { kind: KIND_COMPLEX, cls: CLASS_WORD, low: 0, cased: false, wordLower: 0 }],
    // Upper case, folded to several units: complex, and not flagged as a cased single unit.
    ['Ǆ', { kind: KIND_COMPLEX, cls: CLASS_WORD, low: 0, cased: false, wordLower: 0 }],
    ['É', { kind: KIND_SIMPLE, cls: CLASS_WORD, low: 0x65, cased: true, wordLower: 0x65 }],
    ['é', { kind: KIND_SIMPLE, cls: CLASS_WORD, low: 0x65, cased: false, wordLower: 0x65 }],
    ['中', { kind: KIND_SIMPLE, cls: CLASS_UNSPACED, low: 0x4e2d, cased: false, wordLower: 0 }],
    ['’', { kind: KIND_SIMPLE, cls: CLASS_OTHER, low: 0x27, cased: false, wordLower: 0 }],
    // A conjoining jamo is a word character the scanner must walk (a name may be followed by a particle).
    ['\u1100', { kind: KIND_SIMPLE, cls: CLASS_WORD, low: 0x1100, cased: false, wordLower: 0 }],
    ['\ud7ff', { kind: KIND_SIMPLE, cls: CLASS_OTHER, low: 0xd7ff, cased: false, wordLower: 0 }],
    ['\ue000', { kind: KIND_SIMPLE, cls: CLASS_OTHER, low: 0xe000, cased: false, wordLower: 0 }],
  ])('%j', (ch, expected) => {
    expect(decode(ch)).toEqual(expected);
  });

  it('marks both halves of a surrogate pair, and only them, to be resolved as a code point', () => {
    for (const unit of [0xd800, 0xdbff, 0xdc00, 0xdfff]) expect(computeUnitInfo(unit)).toBe((KIND_COMPLEX << KIND_SHIFT) | (CLASS_SURROGATE << CLASS_SHIFT));
  });
});
