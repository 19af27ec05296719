import { CLASS_OTHER, CLASS_SPACE, CLASS_TRANSPARENT, CLASS_UNSPACED, CLASS_WORD } from './char-class';
import { boundaryClass, codePointLength, foldCodePoint, foldForSearch, normalizeForm, normalizeText } from './normalize';

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
