/**
 * Character classes for word boundaries (matching rule 3).
 *
 * A match may not begin or end inside a word of a script written with spaces.
 * Scripts written without spaces (Han, Kana, and also Thai, Lao, Khmer and
 * Myanmar, which put no spaces between words either) need no boundary, so
 * every position in them may start or end a match.
 */

/** Punctuation, symbols, controls: always a boundary. */
export const CLASS_OTHER = 1;
/** White space (line breaks included): a boundary, folded to one space. */
export const CLASS_SPACE = 2;
/** Letter, digit or (non-accent) combining mark of a script written with spaces. */
export const CLASS_WORD = 3;
/** Letter or digit of a script written without spaces. */
export const CLASS_UNSPACED = 4;
/**
 * Invisible format characters (soft hyphen, zero-width space/joiners, BOM,
 * variation selectors) and combining accents: ignored entirely, so an accent
 * belongs to the character it follows. (Accents list scripts such as Katakana
 * or Thai among their Script_Extensions: classed by script, U+0323 in
 * decomposed "Viê\u0323n" ended the word early.)
 */
export const CLASS_TRANSPARENT = 5;

// Fixed expressions written by us, never built from user text.
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
const UNSPACED_SCRIPT = /^[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]$/u;
const WHITE_SPACE = /^\s$/u;

/** Combining marks that are accents/diacritics (folded away). Other marks (Indic vowel signs, kana voicing) are kept. */
export function isCombiningAccent(cp: number): boolean {
  return (cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x1ab0 && cp <= 0x1aff) || (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff) || (cp >= 0xfe20 && cp <= 0xfe2f);
}

export function isTransparentCodePoint(cp: number): boolean {
  return (
    isCombiningAccent(cp) || cp === 0xad || (cp >= 0x200b && cp <= 0x200d) || cp === 0x2060 || cp === 0xfeff || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}

/** The class of one code point (uncached; callers cache per code unit). */
export function codePointClass(cp: number): number {
  if (cp < 0x80) {
    if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) return CLASS_WORD;
    if (cp === 0x20 || (cp >= 0x09 && cp <= 0x0d)) return CLASS_SPACE;
    return CLASS_OTHER;
  }
  if (isTransparentCodePoint(cp)) return CLASS_TRANSPARENT;
  const ch = String.fromCodePoint(cp);
  if (WHITE_SPACE.test(ch)) return CLASS_SPACE;
  if (!WORD_CHAR.test(ch)) return CLASS_OTHER;
  return UNSPACED_SCRIPT.test(ch) ? CLASS_UNSPACED : CLASS_WORD;
}

/** Number of line breaks a white-space code point stands for (CRLF is counted by the caller as one). */
export function lineBreakWeight(cp: number): number {
  if (cp === 0x0a || cp === 0x0d || cp === 0x0b || cp === 0x0c || cp === 0x85 || cp === 0x2028) return 1;
  if (cp === 0x2029) return 2; // paragraph separator: a paragraph break on its own
  return 0;
}
