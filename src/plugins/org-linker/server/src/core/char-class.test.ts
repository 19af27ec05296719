import { CLASS_OTHER, CLASS_SPACE, CLASS_TRANSPARENT, CLASS_UNSPACED, CLASS_WORD, codePointClass, isCombiningAccent, isTransparentCodePoint, lineBreakWeight } from './char-class';

describe('codePointClass', () => {
  it('classifies letters, digits and marks of spaced scripts as words', () => {
    for (const ch of ['a', 'Z', '0', 'é', 'ß', 'Я', 'α', 'ع', '한', 'क', '\u093f']) expect(codePointClass(ch.codePointAt(0) ?? 0)).toBe(CLASS_WORD);
  });
  it('classes combining accents as transparent whatever scripts they list (decomposed text: issue 16)', () => {
    // U+0323 lists Katakana, U+0303 and U+0331 list Thai among their scripts.
    for (const ch of ['\u0301', '\u0323', '\u0303', '\u0331', '\u0302']) expect(codePointClass(ch.codePointAt(0) ?? 0)).toBe(CLASS_TRANSPARENT);
  });
  it('classifies Han, Kana, Thai, Lao, Khmer, Myanmar as unspaced', () => {
    for (const ch of ['中', '院', 'ひ', 'カ', 'ก', 'ກ', 'ក', 'က']) expect(codePointClass(ch.codePointAt(0) ?? 0)).toBe(CLASS_UNSPACED);
  });
  it('classifies white space, punctuation and invisible characters', () => {
    for (const ch of [' ', '\t', '\n', '\u00a0', '\u3000']) expect(codePointClass(ch.codePointAt(0) ?? 0)).toBe(CLASS_SPACE);
    for (const ch of ['.', ',', "'", '’', '(', '*', '、', '€']) expect(codePointClass(ch.codePointAt(0) ?? 0)).toBe(CLASS_OTHER);
    for (const ch of ['\u00ad', '\u200b', '\u200d', '\ufeff', '\ufe0f']) {
      expect(isTransparentCodePoint(ch.codePointAt(0) ?? 0)).toBe(true);
      expect(codePointClass(ch.codePointAt(0) ?? 0)).toBe(CLASS_TRANSPARENT);
    }
  });
  it('weighs line breaks (a paragraph separator counts twice)', () => {
    expect(lineBreakWeight(0x0a)).toBe(1);
    expect(lineBreakWeight(0x2029)).toBe(2);
    expect(lineBreakWeight(0x20)).toBe(0);
  });
});

/**
 * Every code point against a reference written from the rules in the README (matching rule 3)
 * with Unicode properties and the block ranges named there, not with the engine's tables.
 */
describe('codePointClass over all of Unicode', () => {
  // The blocks of combining accents: Combining Diacritical Marks (and their Extended, Supplement
  // and "for Symbols" blocks) and Combining Half Marks.
  const ACCENT_BLOCKS: [number, number][] = [
    [0x0300, 0x036f],
    [0x1ab0, 0x1aff],
    [0x1dc0, 0x1dff],
    [0x20d0, 0x20ff],
    [0xfe20, 0xfe2f],
  ];
  // Soft hyphen, zero-width space / non-joiner / joiner, word joiner, BOM, variation selectors (both blocks).
  const INVISIBLE: [number, number][] = [
    [0xad, 0xad],
    [0x200b, 0x200d],
    [0x2060, 0x2060],
    [0xfeff, 0xfeff],
    [0xfe00, 0xfe0f],
    [0xe0100, 0xe01ef],
  ];
  const within = (ranges: [number, number][], cp: number) => ranges.some(([first, last]) => cp >= first && cp <= last);
  const reference = (cp: number): number => {
    if (within(ACCENT_BLOCKS, cp) || within(INVISIBLE, cp)) return CLASS_TRANSPARENT;
    const ch = String.fromCodePoint(cp);
    if (/\s/u.test(ch)) return CLASS_SPACE;
    if (!/[\p{L}\p{M}\p{N}]/u.test(ch)) return CLASS_OTHER;
    return /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]/u.test(ch) ? CLASS_UNSPACED : CLASS_WORD;
  };

  it('classes every code point as the reference does', () => {
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp += 1) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const got = codePointClass(cp);
      if (got !== reference(cp) && wrong.length < 10) wrong.push(`U+${cp.toString(16)}: ${got}, expected ${reference(cp)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('has each transparent range exactly, first and last code point included, neighbours excluded', () => {
    for (const [first, last] of [...ACCENT_BLOCKS, ...INVISIBLE]) {
      expect([first, last].map(isTransparentCodePoint)).toEqual([true, true]);
      expect([first - 1, last + 1].map((cp) => within([...ACCENT_BLOCKS, ...INVISIBLE], cp) === isTransparentCodePoint(cp))).toEqual([true, true]);
    }
    for (const [first, last] of ACCENT_BLOCKS) expect([first - 1, first, last, last + 1].map(isCombiningAccent)).toEqual([false, true, true, false]);
  });

  it('weighs exactly the line breaks: LF, VT, FF, CR, NEL and the line separator once, the paragraph separator twice', () => {
    const weighed = new Map<number, number>();
    for (let cp = 0; cp <= 0x10ffff; cp += 1) if (lineBreakWeight(cp) !== 0) weighed.set(cp, lineBreakWeight(cp));
    expect([...weighed]).toEqual([
      [0x0a, 1],
      [0x0b, 1],
      [0x0c, 1],
      [0x0d, 1],
      [0x85, 1],
      [0x2028, 1],
      [0x2029, 2],
    ]);
  });
});
