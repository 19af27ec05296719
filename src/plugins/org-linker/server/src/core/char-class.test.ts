import { CLASS_OTHER, CLASS_SPACE, CLASS_TRANSPARENT, CLASS_UNSPACED, CLASS_WORD, codePointClass, isTransparentCodePoint, lineBreakWeight } from './char-class';

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
