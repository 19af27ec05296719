/**
 * The scan: walks the automaton over the ORIGINAL text, folding it on the fly
 * (no normalized copy, no offset map, offsets are native), and yields
 * leftmost-longest matches (matching rules 1-4).
 *
 * Candidate starts are the positions where a match may begin: not inside a
 * word of a spaced script (rule 3); every Han/Kana position is one. At each
 * candidate start the trie is walked as far as the text allows; the deepest
 * accepting state that passes the end boundary and the case rule wins, and
 * the next candidate start is after it (rule 4).
 */
import { type Automaton, childOf } from './build';
import { isCombiningAccent, lineBreakWeight } from './char-class';
import { UNIT_INFO, WORD_LOWER, boundaryClass, computeUnitInfo, foldCodePoint, isSpaceFold } from './normalize';

/** A match before entry resolution: original offsets [start, end) and the automaton key. */
export interface RawMatch {
  readonly start: number;
  readonly end: number;
  readonly key: number;
}

/** Matches in three growable typed arrays: no object per match on the hot path. */
export class MatchBuffer {
  start: Int32Array;
  end: Int32Array;
  key: Int32Array;
  length = 0;

  /** `capacity`: matches held before the arrays grow (they double). */
  constructor(capacity = 256) {
    const size = Math.max(1, Math.floor(capacity));
    this.start = new Int32Array(size);
    this.end = new Int32Array(size);
    this.key = new Int32Array(size);
  }

  push(start: number, end: number, key: number): void {
    if (this.length === this.start.length) {
      const grow = (old: Int32Array): Int32Array => {
        const next = new Int32Array(old.length * 2);
        next.set(old);
        return next;
      };
      this.start = grow(this.start);
      this.end = grow(this.end);
      this.key = grow(this.key);
    }
    this.start[this.length] = start;
    this.end[this.length] = end;
    this.key[this.length] = key;
    this.length++;
  }

  at(i: number): RawMatch {
    return { start: this.start[i], end: this.end[i], key: this.key[i] };
  }

  toArray(): RawMatch[] {
    const out: RawMatch[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.at(i));
    return out;
  }
}

// Table layout repeated as literals: constants imported from another module
// compile to property loads in the CommonJS output, measurably slower in the
// hot loops than module constants. scan.test.ts checks they match.
const classShift = 19; // CLASS_SHIFT
const cased = 1 << 18; // CASED_FLAG
const kindMask = 3 << 16; // 3 << KIND_SHIFT
const spaceKind = 1 << 16; // KIND_SPACE << KIND_SHIFT
const zeroKind = 2 << 16; // KIND_ZERO << KIND_SHIFT
const complexKind = 3 << 16; // KIND_COMPLEX << KIND_SHIFT
const space = 2; // CLASS_SPACE
const word = 3; // CLASS_WORD
const transparent = 5; // CLASS_TRANSPARENT
const surrogate = 6; // CLASS_SURROGATE
const hashSeed = 0x811c9dc5 | 0; // WORD_HASH_SEED
const upperSalt = 0x5bd1e995 | 0; // UPPER_FIRST_SALT
// Node records: stride NODE_STRIDE = 8; LABEL_START 0, LABEL_END 1, NODE_KEY 4.

/** The literals above, for the test that checks them against their sources. */
export const SCAN_LAYOUT = {
  classShift,
  cased,
  kindMask,
  spaceKind,
  zeroKind,
  complexKind,
  space,
  word,
  transparent,
  surrogate,
  hashSeed,
  upperSalt,
  nodeStride: 8,
  labelStart: 0,
  labelEnd: 1,
  nodeKey: 4,
};

const astralClassCache = new Map<number, number>();

/** Class of the code point whose first unit is at i (surrogates resolved). */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  let info = UNIT_INFO[c];
  if (info === 0) info = computeUnitInfo(c);
  const cls = info >>> classShift;
  if (cls !== surrogate) return cls;
  const cp = text.codePointAt(i) ?? c;
  let cached = astralClassCache.get(cp);
  if (cached === undefined) {
    cached = boundaryClass(cp);
    astralClassCache.set(cp, cached);
  }
  return cached;
}

/** Is the next visible code point at or after i (before `to`) a word character of a spaced script? */
function spacedWordAt(text: string, i: number, to: number): boolean {
  while (i < to) {
    const cls = classAt(text, i);
    if (cls !== transparent) return cls === word;
    i += text.charCodeAt(i) >= 0xd800 && text.charCodeAt(i) <= 0xdbff ? 2 : 1;
  }
  return false;
}

/**
 * Korean particles (matching rule 4): Hangul is written with spaces, but a
 * particle is written against the noun before it ("KIST와", "연구원과"), so a
 * match may end where one begins. FIRST may be followed by one of THEN
 * ("에서는", "과의"); after that the word must end.
 */
export const KOREAN_PARTICLES = [
  '은',
  '는',
  '이',
  '가',
  '을',
  '를',
  '와',
  '과',
  '의',
  '에',
  '에서',
  '에게',
  '에게서',
  '께',
  '께서',
  '한테',
  '로',
  '으로',
  '로서',
  '으로서',
  '로써',
  '으로써',
  '도',
  '만',
  '까지',
  '부터',
  '처럼',
  '보다',
  '하고',
  '이나',
  '나',
  '랑',
  '이랑',
  '마저',
  '조차',
  '밖에',
  '뿐',
  '이며',
  '이고',
  '이다',
  '이자',
  '입니다',
  '이라는',
  '라는',
] as const;
export const KOREAN_PARTICLE_ENDINGS = ['는', '은', '도', '의', '만', '까지', '부터'] as const;

const foldParticle = (p: string): string => {
  let out = '';
  for (const ch of p) out += foldCodePoint(ch.codePointAt(0) ?? 0).lower;
  return out;
};
const PARTICLES = KOREAN_PARTICLES.map(foldParticle);
const PARTICLE_ENDINGS = KOREAN_PARTICLE_ENDINGS.map(foldParticle);
/** Longest particle stack in folded units (a bound on how far to look). */
const PARTICLE_LOOKAHEAD = Math.max(...PARTICLES.map((p) => p.length)) + Math.max(...PARTICLE_ENDINGS.map((p) => p.length));

/** The first folded unit of every particle: a cheap reject for the usual case, a word of another script going on. */
const PARTICLE_FIRST_UNITS = new Set(PARTICLES.map((p) => p.charCodeAt(0)));

/** Does a Korean particle (or two, see KOREAN_PARTICLE_ENDINGS) begin at i and end its word? */
export function particleEndsWordAt(text: string, i: number, to: number): boolean {
  if (!PARTICLE_FIRST_UNITS.has(foldCodePoint(text.codePointAt(i) ?? 0).lower.charCodeAt(0))) return false;
  // The folded units ahead, and the original offset after each code point.
  let folded = '';
  const cut = new Map<number, number>(); // folded length at a code point boundary -> original offset
  let p = i;
  while (p < to && folded.length < PARTICLE_LOOKAHEAD) {
    const cp = text.codePointAt(p) ?? 0;
    p += cp > 0xffff ? 2 : 1;
    const f = foldCodePoint(cp).lower;
    if (f === ' ') break;
    folded += f;
    cut.set(folded.length, p);
  }
  const endsAt = (at: number): boolean => {
    const offset = cut.get(at);
    return offset !== undefined && !spacedWordAt(text, offset, to);
  };
  for (const first of PARTICLES) {
    if (!folded.startsWith(first) || !cut.has(first.length)) continue;
    if (endsAt(first.length)) return true;
    for (const then of PARTICLE_ENDINGS) if (folded.startsWith(then, first.length) && endsAt(first.length + then.length)) return true;
  }
  return false;
}

/** Does text[start, end), folded with letter case kept, equal `exact`? (case-sensitive forms) */
export function exactFoldEquals(text: string, start: number, end: number, exact: string): boolean {
  let p = 0;
  let lastWasSpace = false;
  for (let i = start; i < end; ) {
    const c = text.charCodeAt(i);
    // Printable ASCII other than the backtick folds to itself.
    if (c > 0x20 && c < 0x7f && c !== 0x60) {
      if (exact.charCodeAt(p++) !== c) return false;
      lastWasSpace = false;
      i++;
      continue;
    }
    const cp = text.codePointAt(i) ?? 0;
    const f = foldCodePoint(cp);
    if (isSpaceFold(f)) {
      if (!lastWasSpace) {
        if (exact.charCodeAt(p) !== 0x20) return false;
        p++;
        lastWasSpace = true;
      }
    } else if (f.exact.length > 0) {
      const s = f.exact;
      for (let k = 0; k < s.length; k++) if (exact.charCodeAt(p++) !== s.charCodeAt(k)) return false;
      lastWasSpace = false;
    }
    i += cp > 0xffff ? 2 : 1;
  }
  return p === exact.length;
}

/** Does the key accept text[start, end) under the case rule (rule 1)? */
export function caseAllows(a: Automaton, key: number, text: string, start: number, end: number): boolean {
  if (a.keyInsensitive[key] === 1) return true;
  for (let f = a.keyFormStart[key]; f < a.keyFormStart[key + 1]; f++) {
    const exact = a.formExact[f];
    if (exact !== null && exactFoldEquals(text, start, end, exact)) return true;
  }
  return false;
}

/** The entries (indices, ascending, distinct) whose forms accept text[start, end) for this key. */
export function matchEntries(a: Automaton, m: RawMatch, text: string): number[] {
  const first = a.keyFormStart[m.key];
  const last = a.keyFormStart[m.key + 1];
  if (last - first === 1) return [a.formEntry[first]]; // the scan accepted its only form
  const out: number[] = [];
  // Forms of a key are sorted by exact text, so equal texts are compared once.
  let previous: string | null = null;
  let previousEqual = false;
  for (let f = first; f < last; f++) {
    const exact = a.formExact[f];
    if (exact !== null) {
      if (exact !== previous) {
        previous = exact;
        previousEqual = exactFoldEquals(text, m.start, m.end, exact);
      }
      if (!previousEqual) continue;
    }
    out.push(a.formEntry[f]);
  }
  let sorted = true;
  for (let r = 1; r < out.length && sorted; r++) if (out[r] < out[r - 1]) sorted = false;
  if (!sorted) out.sort((x, y) => x - y);
  let w = 0;
  for (let r = 0; r < out.length; r++) if (r === 0 || out[r] !== out[r - 1]) out[w++] = out[r];
  out.length = w;
  return out;
}

/** The offset after the combining accents at i (none: i). Kept out of walk(), which rarely needs it. */
function afterAccents(text: string, i: number, to: number): number {
  while (i < to && isCombiningAccent(text.charCodeAt(i))) i++;
  return i;
}

// Result of walk() besides its return value (no allocation on the hot path).
let walkKey = -1;

/**
 * Walk the trie from `start`; return the end of the longest acceptable match
 * or -1 (sets walkKey). Accepting states are checked after each whole code
 * point: end boundary (rule 3), then the case rule (rule 1).
 */
function walk(a: Automaton, text: string, start: number, to: number): number {
  const info = UNIT_INFO;
  const pool = a.pool;
  const nodes = a.nodes;
  const keyInsensitive = a.keyInsensitive;
  let node = 0;
  let k = 0;
  let kEnd = 0;
  let j = start;
  let lastWord = false;
  let best = -1;
  let recorded = -1;
  outer: while (j < to) {
    const c = text.charCodeAt(j);
    let inf = info[c];
    if (inf === 0) inf = computeUnitInfo(c);
    const kind = inf & kindMask;
    if (kind === 0) {
      const u = inf & 0xffff;
      if (k < kEnd) {
        if (pool[k] !== u) break;
        k++;
      } else {
        const child = childOf(a, node, u);
        if (child < 0) break;
        node = child;
        k = nodes[child * 8] + 1; // LABEL_START
        kEnd = nodes[child * 8 + 1]; // LABEL_END
      }
      j++;
      // The rest of the label, as long as the text has plain characters:
      // the bulk of every walk, so it gets a loop of its own.
      while (k < kEnd && j < to) {
        const next = info[text.charCodeAt(j)];
        if ((next & kindMask) !== 0 || next === 0) break;
        if ((next & 0xffff) !== pool[k]) return best;
        inf = next;
        k++;
        j++;
      }
      lastWord = inf >>> classShift === word;
    } else if (kind === spaceKind) {
      // One space for the whole run; a run with two line breaks is a
      // paragraph break that no match crosses.
      let breaks = 0;
      let e = j;
      while (e < to) {
        const d = text.charCodeAt(e);
        let di = info[d];
        if (di === 0) di = computeUnitInfo(d);
        const dk = di & kindMask;
        if (dk === spaceKind) {
          if (d !== 0x20 && !(d === 0x0a && e > 0 && text.charCodeAt(e - 1) === 0x0d)) breaks += lineBreakWeight(d);
        } else if (dk !== zeroKind) break;
        e++;
      }
      if (breaks >= 2) break;
      if (k < kEnd) {
        if (pool[k] !== 0x20) break;
        k++;
      } else {
        const child = childOf(a, node, 0x20);
        if (child < 0) break;
        node = child;
        k = nodes[child * 8] + 1; // LABEL_START
        kEnd = nodes[child * 8 + 1]; // LABEL_END
      }
      j = e;
      lastWord = false;
      continue; // forms never end with a space
    } else if (kind === zeroKind) {
      j++;
      if (inf >>> classShift === word) lastWord = true; // a combining mark belongs to its word
    } else {
      // Several code units (e.g. a ligature) or an astral code point.
      const cp = text.codePointAt(j) ?? c;
      const s = foldCodePoint(cp).lower;
      const cls = classAt(text, j);
      for (let x = 0; x < s.length; x++) {
        const u = s.charCodeAt(x);
        if (k < kEnd) {
          if (pool[k] !== u) break outer;
          k++;
        } else {
          const child = childOf(a, node, u);
          if (child < 0) break outer;
          node = child;
          k = nodes[child * 8] + 1;
          kEnd = nodes[child * 8 + 1];
        }
      }
      j += cp > 0xffff ? 2 : 1;
      if (cls !== transparent && (s.length > 0 || cls === word)) lastWord = cls === word;
    }
    if (k === kEnd && node !== recorded) {
      const key = nodes[node * 8 + 4]; // NODE_KEY
      if (key >= 0 && (!lastWord || !spacedWordAt(text, j, to) || particleEndsWordAt(text, j, to)) && (keyInsensitive[key] === 1 || caseAllows(a, key, text, start, j))) {
        // Accents after the last letter belong to it (decomposed text); all are at U+0300 or above.
        best = j < to && text.charCodeAt(j) >= 0x300 ? afterAccents(text, j, to) : j;
        walkKey = key;
        recorded = node;
      }
    }
  }
  return best;
}

/**
 * Leftmost-longest matches in text[from, to). `from` is treated as the start
 * of a paragraph (the character before it is not looked at).
 *
 * Shaped for speed: no match starts inside a word of a spaced script, so each
 * such word is skipped by a tight loop that also hashes it; the trie is only
 * walked when some form begins with that very word (a bit-set test), or at
 * punctuation/Han/Kana positions whose first code unit begins some form.
 */
export function scanRange(a: Automaton, text: string, from: number, to: number, out: MatchBuffer): void {
  const info = UNIT_INFO;
  const wordLower = WORD_LOWER;
  const rootChild = a.rootChild;
  const bits = a.firstWordBits;
  const casedBits = a.casedFirstWordBits;
  const casedMask = a.casedFirstWordMask;
  const mask = a.firstWordMask;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    const first = wordLower[c];
    if (first !== 0) {
      // A word starts here. Find its end, hashing its folded units (FNV-1a
      // as mixWordHash, inlined): one load per character while the word is
      // made of plain word characters, which is nearly always.
      let h = Math.imul(hashSeed ^ first, 0x01000193);
      let j = i + 1;
      let simple = true;
      for (;;) {
        while (j < to) {
          const u = wordLower[text.charCodeAt(j)];
          if (u === 0) break;
          h = Math.imul(h ^ u, 0x01000193);
          j++;
        }
        if (j >= to) break;
        const d = text.charCodeAt(j);
        if (d === 0x20) break; // the usual end of a word
        let di = info[d];
        if (di === 0) {
          di = computeUnitInfo(d);
          if (wordLower[d] !== 0) continue; // a word character seen for the first time
        }
        const dc = di >>> classShift;
        if (dc === word) {
          if ((di & kindMask) !== zeroKind) simple = false; // accents fold to nothing; others are complex
          j++;
        } else if (dc === transparent) {
          j++;
        } else if (dc === surrogate) {
          const sc = classAt(text, j);
          if (sc !== word && sc !== transparent) break;
          simple = false;
          j += d <= 0xdbff && j + 1 < to ? 2 : 1;
        } else {
          // What follows the word must fold to one unit for the hash test to be exact.
          if ((di & kindMask) === complexKind) simple = false;
          break;
        }
      }
      const b0 = (h ^ (h >>> 15)) & mask;
      let pass = !simple || ((bits[b0 >>> 5] >>> (b0 & 31)) & 1) === 1;
      if (!pass) {
        // Case-sensitive forms: the first letter's case must agree too.
        const hc = (info[c] & cased) !== 0 ? h ^ upperSalt : h;
        const b = (hc ^ (hc >>> 15)) & casedMask;
        pass = ((casedBits[b >>> 5] >>> (b & 31)) & 1) === 1;
      }
      if (pass) {
        const end = walk(a, text, i, to);
        if (end >= 0) {
          out.push(i, end, walkKey);
          i = end;
          continue;
        }
      }
      // Skip the single space that usually follows a word.
      i = j < to && text.charCodeAt(j) === 0x20 ? j + 1 : j;
      continue;
    }
    if (c === 0x20) {
      i++;
      continue;
    }
    let inf = info[c];
    if (inf === 0) {
      inf = computeUnitInfo(c);
      if (wordLower[c] !== 0) continue; // a word character seen for the first time
    }
    let cls = inf >>> classShift;
    let width = 1;
    if (cls === surrogate) {
      cls = classAt(text, i);
      if (c <= 0xdbff && i + 1 < to) width = 2;
    }
    if (cls === space || cls === transparent) {
      i += width;
      continue;
    }
    if (cls === word) {
      // A word starting with a ligature or an astral letter: no hash test.
      // One starting with a bare accent cannot start a match at all.
      if ((inf & kindMask) !== zeroKind) {
        const end = walk(a, text, i, to);
        if (end >= 0) {
          out.push(i, end, walkKey);
          i = end;
          continue;
        }
      }
      i += width;
      while (i < to) {
        const cw = classAt(text, i);
        if (cw !== word && cw !== transparent) break;
        i += text.charCodeAt(i) >= 0xd800 && text.charCodeAt(i) <= 0xdbff ? 2 : 1;
      }
      continue;
    }
    // Punctuation, Han, Kana...: every position may start a match.
    const kind = inf & kindMask;
    if (kind === 0 ? rootChild[inf & 0xffff] >= 0 : kind !== zeroKind) {
      const end = walk(a, text, i, to);
      if (end >= 0) {
        out.push(i, end, walkKey);
        i = end;
        continue;
      }
    }
    i += width;
  }
}

/** Leftmost-longest matches over the whole text. */
export function scanText(a: Automaton, text: string): RawMatch[] {
  const out = new MatchBuffer();
  scanRange(a, text, 0, text.length, out);
  return out.toArray();
}
