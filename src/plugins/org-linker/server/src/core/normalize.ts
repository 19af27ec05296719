/**
 * Text normalization (matching rule 2): NFKC, accents and diacritics removed,
 * apostrophe and dash variants unified, any run of white space made one space.
 *
 * Folding works per code point (never across), so the scanner can fold the
 * original text on the fly and report offsets into it without copying it.
 * ASCII has a fast path; other code points are folded once and cached.
 */
import { CLASS_OTHER, CLASS_SPACE, CLASS_TRANSPARENT, CLASS_UNSPACED, CLASS_WORD, codePointClass, isCombiningAccent } from './char-class';

/** A code point folded two ways: `exact` keeps letter case, `lower` does not. */
export interface Fold {
  readonly exact: string;
  readonly lower: string;
}

const EMPTY_FOLD: Fold = { exact: '', lower: '' };
const SPACE_FOLD: Fold = { exact: ' ', lower: ' ' };

/**
 * Letters without a Unicode decomposition (so NFKD keeps them) and the
 * apostrophe/dash variants. Applied to every code point NFKD produces.
 */
const CHAR_MAP = new Map<number, string>([
  [0x0111, 'd'],
  [0x0110, 'D'], // đ Đ
  [0x0142, 'l'],
  [0x0141, 'L'], // ł Ł
  [0x00f8, 'o'],
  [0x00d8, 'O'], // ø Ø
  [0x0127, 'h'],
  [0x0126, 'H'], // ħ Ħ
  [0x0167, 't'],
  [0x0166, 'T'], // ŧ Ŧ
  [0x0131, 'i'], // ı (dotless i; İ decomposes to I + dot)
  // apostrophes: ’ ‘ ʼ ` plus the acute accent and prime often typed for them
  [0x2019, "'"],
  [0x2018, "'"],
  [0x02bc, "'"],
  [0x0060, "'"],
  [0x00b4, "'"],
  [0x2032, "'"],
  // dashes: ‐ ‑ ‒ – — −
  [0x2010, '-'],
  [0x2011, '-'],
  [0x2012, '-'],
  [0x2013, '-'],
  [0x2014, '-'],
  [0x2212, '-'],
]);

function lowerOf(exact: string): string {
  let lower = '';
  for (const ch of exact) {
    // Per code point, and only when the length is kept, so exact and lower
    // stay aligned unit for unit (e.g. "İ" is already "I" here).
    const l = ch === '\u03c2' ? '\u03c3' : ch.toLowerCase();
    lower += l.length === ch.length ? l : ch;
  }
  return lower;
}

function computeFold(cp: number): Fold {
  const cls = codePointClass(cp);
  if (cls === CLASS_SPACE) return SPACE_FOLD;
  if (cls === CLASS_TRANSPARENT) return EMPTY_FOLD;
  const direct = CHAR_MAP.get(cp);
  if (direct !== undefined) return { exact: direct, lower: lowerOf(direct) };
  let out = '';
  for (const ch of String.fromCodePoint(cp).normalize('NFKD')) {
    const k = ch.codePointAt(0) ?? 0;
    if (isCombiningAccent(k)) continue;
    const mapped = CHAR_MAP.get(k);
    if (mapped !== undefined) out += mapped;
    else if (codePointClass(k) !== CLASS_SPACE) out += ch; // "¨" is NFKD " \u0308": a spacing accent folds to nothing
  }
  // Not recomposed (no NFC here): the fold of a composed character must equal
  // the folds of its decomposed code points one by one, so that text typed
  // decomposed (Hangul jamo, kana with a separate voicing mark, Indic nukta)
  // matches like composed text.
  if (out.length === 0) return EMPTY_FOLD;
  return { exact: out, lower: lowerOf(out) };
}

/** Is this the fold of a white-space code point? */
export function isSpaceFold(f: Fold): boolean {
  return f === SPACE_FOLD;
}

const ASCII_FOLDS: Fold[] = [];
for (let c = 0; c < 0x80; c++) ASCII_FOLDS.push(computeFold(c));
const foldCache = new Map<number, Fold>();

/** Fold one code point (cached). White space folds to " ", invisible characters and bare accents to "". */
export function foldCodePoint(cp: number): Fold {
  if (cp < 0x80) return ASCII_FOLDS[cp];
  let f = foldCache.get(cp);
  if (f === undefined) {
    f = computeFold(cp);
    foldCache.set(cp, f);
  }
  return f;
}

/**
 * The class used for word boundaries. A code point that folds to one code
 * unit takes the class of what it folds to ("ⓐ" is a letter like "a"), so the
 * boundaries of a text and of its folded form agree; others keep their own.
 */
export function boundaryClass(cp: number): number {
  const base = codePointClass(cp);
  if (base === CLASS_SPACE || base === CLASS_TRANSPARENT) return base;
  const { lower } = foldCodePoint(cp);
  if (lower.length !== 1) return base;
  const u = lower.charCodeAt(0);
  if (u >= 0xd800 && u <= 0xdfff) return base;
  const folded = codePointClass(u);
  return folded === CLASS_WORD || folded === CLASS_UNSPACED || folded === CLASS_OTHER ? folded : base;
}

// ---------------------------------------------------------------------------
// Per code unit table used by the scanner's hot loop: one Int32 load gives the
// lower-cased fold (when it is one code unit), how to fold, and the class.
// 0 means "not computed yet".

/** The fold is the single code unit in the low 16 bits. */
export const KIND_SIMPLE = 0;
/** White space: part of a run folded to one space. */
export const KIND_SPACE = 1;
/** Folds to nothing (bare accent, invisible character). */
export const KIND_ZERO = 2;
/** Several code units or a surrogate: use foldCodePoint on the whole code point. */
export const KIND_COMPLEX = 3;
/** Class value in the table for either half of a surrogate pair (resolve the code point). */
export const CLASS_SURROGATE = 6;

export const KIND_SHIFT = 16;
/** Set when the unit folds to one unit whose letter case differs from its lower-cased fold (an upper-case letter). */
export const CASED_FLAG = 1 << 18;
export const CLASS_SHIFT = 19;

export const UNIT_INFO = new Int32Array(0x10000);

/**
 * For code units that are word characters of a spaced script and fold to one
 * unit: that lower-cased unit; 0 otherwise or not computed yet. Lets the
 * scanner skip words with one load per character.
 */
export const WORD_LOWER = new Uint16Array(0x10000);

/** Conjoining Hangul jamo (what Hangul syllables fold to). */
export function isHangulJamo(unit: number): boolean {
  return (unit >= 0x1100 && unit <= 0x11ff) || (unit >= 0xa960 && unit <= 0xa97f) || (unit >= 0xd7b0 && unit <= 0xd7ff);
}

/** Compute and store the table value of one UTF-16 code unit. */
export function computeUnitInfo(unit: number): number {
  let info: number;
  if (unit >= 0xd800 && unit <= 0xdfff) {
    info = (KIND_COMPLEX << KIND_SHIFT) | (CLASS_SURROGATE << CLASS_SHIFT);
  } else {
    const cls = boundaryClass(unit);
    const { lower, exact } = foldCodePoint(unit);
    let kind: number;
    let low = 0;
    if (cls === CLASS_SPACE) kind = KIND_SPACE;
    else if (lower.length === 0) kind = KIND_ZERO;
    else if (lower.length === 1) {
      kind = KIND_SIMPLE;
      low = lower.charCodeAt(0);
    } else kind = KIND_COMPLEX;
    info = low | (kind << KIND_SHIFT) | (cls << CLASS_SHIFT);
    if (kind === KIND_SIMPLE && exact !== lower) info |= CASED_FLAG;
    // Hangul jamo are left out: a jamo word may be a name followed by a
    // particle (matching rule 4), so the scanner must walk it, not hash it.
    if (kind === KIND_SIMPLE && cls === CLASS_WORD && !isHangulJamo(low)) WORD_LOWER[unit] = low;
  }
  UNIT_INFO[unit] = info;
  return info;
}
for (let c = 0; c < 0x80; c++) computeUnitInfo(c);

// ---------------------------------------------------------------------------

export interface NormalizedText {
  /** Folded text keeping letter case. */
  readonly exact: string;
  /** Folded text in lower case; same length as `exact`, unit for unit. */
  readonly lower: string;
  /** offsets[i] is the original offset of the code point that produced unit i; offsets[length] = original length. */
  readonly offsets: Int32Array;
}

/**
 * Normalize a whole string, keeping an offset map to the original.
 * White space runs become one space; invisible characters and bare accents
 * between white space do not break the run.
 */
export function normalizeText(text: string): NormalizedText {
  let exact = '';
  let lower = '';
  const offsets: number[] = [];
  let lastWasSpace = false;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    const f = foldCodePoint(cp);
    if (f === SPACE_FOLD) {
      if (!lastWasSpace) {
        exact += ' ';
        lower += ' ';
        offsets.push(i);
        lastWasSpace = true;
      }
    } else if (f.exact.length > 0) {
      exact += f.exact;
      lower += f.lower;
      for (let k = 0; k < f.exact.length; k++) offsets.push(i);
      lastWasSpace = false;
    }
    i += width;
  }
  offsets.push(text.length);
  return { exact, lower, offsets: Int32Array.from(offsets) };
}

// Printable ASCII words (no backtick) separated by single spaces: already normalized.
const PLAIN_ASCII_FORM = /^[\x21-\x5f\x61-\x7e]+(?: [\x21-\x5f\x61-\x7e]+)*$/;

/** Normalize a surface form: like normalizeText, without leading or trailing space. */
export function normalizeForm(form: string): { exact: string; lower: string } {
  if (PLAIN_ASCII_FORM.test(form)) return { exact: form, lower: form.toLowerCase() };
  const { exact, lower } = normalizeText(form);
  let a = 0;
  let b = exact.length;
  while (a < b && exact.charCodeAt(a) === 0x20) a++;
  while (b > a && exact.charCodeAt(b - 1) === 0x20) b--;
  return { exact: exact.slice(a, b), lower: lower.slice(a, b) };
}

/** Number of code points of a string (forms shorter than 2 are ignored). */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

/**
 * Text folded the way matching compares it, in lower case, white space
 * collapsed and trimmed: if a form matches in a text, foldForSearch(form) is
 * a substring of foldForSearch(text). The plugin stores it to narrow SQL
 * queries to articles that may mention an organization.
 */
export function foldForSearch(text: string): string {
  // Recomposed so that stored folds stay what they were before folding
  // stopped recomposing (Hangul syllables, voiced kana); substrings survive.
  return foldLower(text).normalize('NFC');
}

/** Output units converted to a string at a time (String.fromCharCode's argument count is bounded). */
const FOLD_CHUNK = 4096;

/**
 * normalizeForm(text).lower without the case-keeping copy and the offset map: run on every
 * save over the whole article, one table load per code unit (the scanner's table).
 */
export function foldLower(text: string): string {
  const units = new Uint16Array(FOLD_CHUNK);
  let filled = 0;
  let out = '';
  const push = (unit: number) => {
    if (filled === FOLD_CHUNK) {
      out += String.fromCharCode.apply(null, units as unknown as number[]);
      filled = 0;
    }
    units[filled++] = unit;
  };
  // Leading white space is dropped; a run of it (invisible characters included) is one space, written only before what follows.
  let pendingSpace = false;
  let started = false;
  for (let i = 0; i < text.length; ) {
    const unit = text.charCodeAt(i);
    let info = UNIT_INFO[unit];
    if (info === 0) info = computeUnitInfo(unit);
    const kind = (info >>> KIND_SHIFT) & 3;
    if (kind === KIND_SIMPLE) {
      if (pendingSpace) push(0x20);
      pendingSpace = false;
      started = true;
      push(info & 0xffff);
      i += 1;
    } else if (kind === KIND_SPACE) {
      pendingSpace = started;
      i += 1;
    } else if (kind === KIND_ZERO) {
      i += 1;
    } else {
      const cp = text.codePointAt(i) ?? unit;
      const fold = foldCodePoint(cp);
      if (fold === SPACE_FOLD) pendingSpace = started;
      else if (fold.lower.length > 0) {
        if (pendingSpace) push(0x20);
        pendingSpace = false;
        started = true;
        for (let k = 0; k < fold.lower.length; k++) push(fold.lower.charCodeAt(k));
      }
      i += cp > 0xffff ? 2 : 1;
    }
  }
  return out + String.fromCharCode.apply(null, units.subarray(0, filled) as unknown as number[]);
}
