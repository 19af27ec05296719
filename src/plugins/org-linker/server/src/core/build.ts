/**
 * The automaton: a compact radix trie over the lower-cased normalized surface
 * forms, in flat typed arrays.
 *
 * Why a trie walked from each word start rather than Aho–Corasick: matches
 * must begin at a word boundary anyway, and walking from a start position
 * gives leftmost-longest directly, with no failure links to build or store.
 * Path compression (edge labels) keeps the node count near 2 × keys, so
 * 300,000 forms fit in a few tens of megabytes and build in well under a
 * second. Nodes are numbered breadth-first so the children of a node are
 * consecutive and sorted by their first code unit.
 */
import { CLASS_WORD } from './char-class';
import { CLASS_SHIFT, UNIT_INFO, computeUnitInfo } from './normalize';

export interface AutomatonForm {
  /** Automaton key: folded, lower case. */
  readonly lower: string;
  /** Folded, letter case kept (compared when caseSensitive). */
  readonly exact: string;
  readonly caseSensitive: boolean;
  /** Index of the directory entry. */
  readonly entry: number;
}

export interface Automaton {
  readonly nodeCount: number;
  readonly keyCount: number;
  readonly formCount: number;
  /** Child of the root by first code unit (65,536 slots), -1 if none. */
  readonly rootChild: Int32Array;
  /**
   * Node records of NODE_STRIDE ints, interleaved so that visiting a node
   * touches one cache line: label start and end in `pool`, first child and
   * child count (children are consecutive), accepted key or -1.
   */
  readonly nodes: Int32Array;
  /** First code unit of each node's label (children are sorted by it). */
  readonly firstUnit: Uint16Array;
  /** Edge labels, in node order. */
  readonly pool: Uint16Array;
  /** Forms of key k are formEntry[keyFormStart[k] … keyFormStart[k + 1] - 1]. */
  readonly keyFormStart: Int32Array;
  /** 1 when key k has at least one case-insensitive form (no case check needed). */
  readonly keyInsensitive: Uint8Array;
  readonly formEntry: Int32Array;
  /** The exact (case-kept) text of a case-sensitive form, null for case-insensitive ones. */
  readonly formExact: (string | null)[];
  /** Lower-cased key strings in key order (for diagnostics and tests). */
  readonly keys: readonly string[];
  /**
   * Bit set of the hashes of the first word of every key that starts with a
   * word character: a match starting at a word of the text must begin with
   * that whole word, so most words are rejected without walking the trie.
   */
  readonly firstWordBits: Int32Array;
  readonly firstWordMask: number;
  /**
   * The same for case-sensitive forms (acronyms, one-word names), with the
   * hash salted by whether the form's first letter is upper case: prose
   * words in lower case skip acronyms that spell them ("HAD", "WAS").
   */
  readonly casedFirstWordBits: Int32Array;
  readonly casedFirstWordMask: number;
  /**
   * Children of nodes with more than SMALL_FANOUT children, in an
   * open-addressing table keyed by (node, first unit): one or two probes
   * instead of a binary search with unpredictable branches.
   */
  readonly fanoutNode: Int32Array;
  readonly fanoutUnit: Uint16Array;
  readonly fanoutChild: Int32Array;
  readonly fanoutMask: number;
}

export const NODE_STRIDE = 8;
export const LABEL_START = 0;
export const LABEL_END = 1;
export const CHILD_FIRST = 2;
export const CHILD_COUNT = 3;
export const NODE_KEY = 4;

/** Nodes with at most this many children are searched linearly. */
export const SMALL_FANOUT = 8;

/** Slot of (node, unit) in the fan-out table (linear probing from here). */
export function fanoutSlot(node: number, unit: number, mask: number): number {
  const h = Math.imul(node ^ (unit << 16) ^ unit, 0x9e3779b1);
  return (h ^ (h >>> 16)) & mask;
}

function fanoutTable(childFirst: Int32Array, childCount: Int32Array, firstUnit: Uint16Array, nodes: number) {
  let entries = 0;
  for (let n = 1; n < nodes; n++) if (childCount[n] > SMALL_FANOUT) entries += childCount[n];
  let size = 16;
  while (size < entries * 2) size <<= 1;
  const mask = size - 1;
  const fanoutNode = new Int32Array(size).fill(-1);
  const fanoutUnit = new Uint16Array(size);
  const fanoutChild = new Int32Array(size);
  for (let n = 1; n < nodes; n++) {
    if (childCount[n] <= SMALL_FANOUT) continue;
    for (let c = childFirst[n]; c < childFirst[n] + childCount[n]; c++) {
      let slot = fanoutSlot(n, firstUnit[c], mask);
      while (fanoutNode[slot] !== -1) slot = (slot + 1) & mask;
      fanoutNode[slot] = n;
      fanoutUnit[slot] = firstUnit[c];
      fanoutChild[slot] = c;
    }
  }
  return { fanoutNode, fanoutUnit, fanoutChild, fanoutMask: mask };
}

export const WORD_HASH_SEED = 0x811c9dc5 | 0;

/** FNV-1a style step over one folded code unit. */
export function mixWordHash(h: number, unit: number): number {
  return Math.imul(h ^ unit, 0x01000193);
}

/** Bit index of a word hash in a set of mask + 1 bits. */
export function wordHashBit(h: number, mask: number): number {
  return (h ^ (h >>> 15)) & mask;
}

/** Salt of the hash of a case-sensitive form whose first letter is upper case. */
export const UPPER_FIRST_SALT = 0x5bd1e995 | 0;

/** Hash of the first word (a run of word characters) of a lower-cased key in `pool`, or null if it starts otherwise. */
function firstWordHash(pool: Uint16Array, from: number, to: number): number | null {
  let h = WORD_HASH_SEED;
  let n = 0;
  for (let i = from; i < to; i++) {
    const u = pool[i];
    let inf = UNIT_INFO[u];
    if (inf === 0) inf = computeUnitInfo(u);
    if (inf >>> CLASS_SHIFT !== CLASS_WORD) break;
    h = mixWordHash(h, u);
    n++;
  }
  return n > 0 ? h : null;
}

function firstWordFilter(
  sorted: SortedKeys,
  keyFormStart: Int32Array,
  keyInsensitive: Uint8Array,
  formExact: readonly (string | null)[]
): { bits: Int32Array; mask: number; casedBits: Int32Array; casedMask: number } {
  const plain = new Set<number>();
  const cased = new Set<number>();
  const { pool, keyOffset, keyLength } = sorted;
  for (let r = 0; r < sorted.keyCount; r++) {
    const h = firstWordHash(pool, keyOffset[r], keyOffset[r] + keyLength[r]);
    if (h === null) continue;
    if (keyInsensitive[r] === 1) plain.add(h);
    for (let f = keyFormStart[r]; f < keyFormStart[r + 1]; f++) {
      const exact = formExact[f];
      if (exact !== null) cased.add(exact.charCodeAt(0) !== pool[keyOffset[r]] ? h ^ UPPER_FIRST_SALT : h);
    }
  }
  // About 16 bits per word (a few per cent false positives) keeps each set
  // small enough to stay in the CPU cache: it is read once per word of text.
  const fill = (hashes: Set<number>): { bits: Int32Array; mask: number } => {
    let size = 1 << 10;
    while (size < hashes.size * 16 && size < 1 << 22) size <<= 1;
    const mask = size - 1;
    const bits = new Int32Array(size >>> 5);
    for (const h of hashes) {
      const b = wordHashBit(h, mask);
      bits[b >>> 5] |= 1 << (b & 31);
    }
    return { bits, mask };
  };
  const p = fill(plain);
  const c = fill(cased);
  return { bits: p.bits, mask: p.mask, casedBits: c.bits, casedMask: c.mask };
}

/** The forms' keys, sorted and de-duplicated (see sortKeys). */
interface SortedKeys {
  readonly keyCount: number;
  /** The distinct keys, copied one after another in key order. */
  readonly pool: Uint16Array;
  /** Form indices in key order; the forms of one key by form index. */
  readonly order: Int32Array;
  /** Key rank of each form. */
  readonly formRank: Int32Array;
  /** Position in `order` where the forms of each key start (keyCount + 1 long). */
  readonly keyStart: Int32Array;
  /** Where each key is in `pool`, and its length. */
  readonly keyOffset: Int32Array;
  readonly keyLength: Int32Array;
  /** Length of the prefix each key shares with the one before it. */
  readonly keyLcp: Int32Array;
}

/** Ranges this short are finished by insertion sort. */
const INSERTION_SORT_BELOW = 12;

/**
 * Sort the forms by key with a three-way radix quicksort on code units
 * (Bentley and Sedgewick) over one pool of code units, rather than a Map of
 * the key strings and Array.prototype.sort: equal keys end up adjacent, so
 * de-duplicating and ranking them, and the prefix each key shares with the
 * previous one (the trie's input), are one linear pass. Measured against the
 * Map and sort at 100,000 entries: 13-27 % faster in a fresh process, no
 * faster inside a Strapi process, where the partition loop's reads of each
 * key's next unit miss the cache (docs/benchmarks.md, Directory import).
 * The order is the UTF-16 code unit order of Array.prototype.sort().
 */
function sortKeys(forms: readonly AutomatonForm[]): SortedKeys {
  const n = forms.length;
  const start = new Int32Array(n + 1);
  for (let f = 0; f < n; f++) start[f + 1] = start[f] + forms[f].lower.length;
  const pool = new Uint16Array(start[n]);
  for (let f = 0; f < n; f++) {
    const s = forms[f].lower;
    const at = start[f];
    for (let i = 0; i < s.length; i++) pool[at + i] = s.charCodeAt(i);
  }
  const order = new Int32Array(n);
  for (let f = 0; f < n; f++) order[f] = f;
  // Unit d of form f's key, -1 past its end (shorter keys sort first).
  const unitAt = (f: number, d: number): number => {
    const at = start[f] + d;
    return at < start[f + 1] ? pool[at] : -1;
  };
  // Does the key of form a sort after that of form b, both known equal before unit d?
  const after = (a: number, b: number, d: number): boolean => {
    for (; ; d++) {
      const x = unitAt(a, d);
      const y = unitAt(b, d);
      if (x !== y) return x > y;
      if (x === -1) return false;
    }
  };
  // Pending ranges as (lo, hi, depth): disjoint, so never more than n of them.
  let stack = new Int32Array(96);
  let top = 0;
  const push = (lo: number, hi: number, d: number): void => {
    if (hi - lo < 2) return;
    if (top + 3 > stack.length) {
      const grown = new Int32Array(stack.length * 2);
      grown.set(stack);
      stack = grown;
    }
    stack[top++] = lo;
    stack[top++] = hi;
    stack[top++] = d;
  };
  push(0, n, 0);
  while (top > 0) {
    let d = stack[--top];
    let hi = stack[--top];
    let lo = stack[--top];
    let sorted = false;
    while (hi - lo >= INSERTION_SORT_BELOW) {
      const a = unitAt(order[lo], d);
      const b = unitAt(order[(lo + hi) >>> 1], d);
      const c = unitAt(order[hi - 1], d);
      const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
      let lt = lo;
      let gt = hi;
      for (let i = lo; i < gt; ) {
        // unitAt(order[i], d), written out: this loop is most of the sort.
        const at = start[order[i]] + d;
        const u = at < start[order[i] + 1] ? pool[at] : -1;
        if (u < pivot) {
          const t = order[lt];
          order[lt++] = order[i];
          order[i++] = t;
        } else if (u > pivot) {
          const t = order[--gt];
          order[gt] = order[i];
          order[i] = t;
        } else i++;
      }
      push(lo, lt, d);
      push(gt, hi, d);
      if (pivot === -1) {
        sorted = true; // [lt, gt) are equal keys, all ended
        break;
      }
      lo = lt;
      hi = gt;
      d++;
    }
    if (sorted) continue;
    for (let i = lo + 1; i < hi; i++) {
      const f = order[i];
      let j = i - 1;
      for (; j >= lo && after(order[j], f, d); j--) order[j + 1] = order[j];
      order[j + 1] = f;
    }
  }

  // Distinct keys copied in key order into a second pool: from here on (prefixes shared with the
  // previous key, the trie's labels, the first-word filter) keys are read one after another.
  const formRank = new Int32Array(n);
  const keyStart = new Int32Array(n + 1);
  const keyOffset = new Int32Array(n);
  const keyLength = new Int32Array(n);
  const keyLcp = new Int32Array(n);
  const sortedPool = new Uint16Array(pool.length);
  let keyCount = 0;
  let used = 0;
  let prevOffset = 0;
  let prevLength = -1;
  for (let i = 0; i < n; i++) {
    const f = order[i];
    const from = start[f];
    const length = start[f + 1] - from;
    let lcp = 0;
    const max = length < prevLength ? length : prevLength;
    while (lcp < max && sortedPool[prevOffset + lcp] === pool[from + lcp]) lcp++;
    if (lcp === length && length === prevLength) {
      formRank[f] = keyCount - 1;
      continue;
    }
    // The shared prefix from the previous key (in the cache), the rest from the form's copy.
    for (let x = 0; x < lcp; x++) sortedPool[used + x] = sortedPool[prevOffset + x];
    for (let x = lcp; x < length; x++) sortedPool[used + x] = pool[from + x];
    keyStart[keyCount] = i;
    keyOffset[keyCount] = used;
    keyLength[keyCount] = length;
    keyLcp[keyCount] = lcp;
    formRank[f] = keyCount++;
    prevOffset = used;
    prevLength = length;
    used += length;
  }
  keyStart[keyCount] = n;
  // The forms of one key in input order (the sort is not stable).
  for (let r = 0; r < keyCount; r++) {
    const from = keyStart[r];
    const to = keyStart[r + 1];
    if (to - from > INSERTION_SORT_BELOW) order.subarray(from, to).sort();
    else
      for (let i = from + 1; i < to; i++) {
        const f = order[i];
        let j = i - 1;
        for (; j >= from && order[j] > f; j--) order[j + 1] = order[j];
        order[j + 1] = f;
      }
  }
  return { keyCount, pool: sortedPool, order, formRank, keyStart: keyStart.subarray(0, keyCount + 1), keyOffset, keyLength, keyLcp };
}

/**
 * Build the automaton of `forms`. If `keyOfForm` is given (forms.length
 * long), it receives the key of each form, as lookupKey() would find it.
 */
export function buildAutomaton(forms: readonly AutomatonForm[], keyOfForm?: Int32Array): Automaton {
  // 1. Unique keys, sorted by UTF-16 code units (the trie's child order).
  const sortedKeys = sortKeys(forms);
  const { keyCount, order, keyOffset, keyLength, keyLcp } = sortedKeys;
  const keyPool = sortedKeys.pool;
  if (keyOfForm) keyOfForm.set(sortedKeys.formRank);
  // 2. Forms grouped by key rank (CSR), written from a pass over the forms in input order (the
  // objects read in order, the typed arrays written where each form sorted to).
  const keyFormStart = sortedKeys.keyStart;
  const slotOf = new Int32Array(forms.length);
  for (let slot = 0; slot < forms.length; slot++) slotOf[order[slot]] = slot;
  const keys = new Array<string>(keyCount);
  const formEntry = new Int32Array(forms.length);
  const formExact: (string | null)[] = new Array<string | null>(forms.length).fill(null);
  const keyInsensitive = new Uint8Array(keyCount);
  for (let f = 0; f < forms.length; f++) {
    const form = forms[f];
    const slot = slotOf[f];
    const r = sortedKeys.formRank[f];
    if (slot === keyFormStart[r]) keys[r] = form.lower;
    formEntry[slot] = form.entry;
    if (form.caseSensitive) formExact[slot] = form.exact;
    else keyInsensitive[r] = 1;
  }

  // Within a shared key, forms sorted by exact text (case-insensitive ones
  // first) so that matchEntries compares each distinct text once.
  for (let r = 0; r < keyCount; r++) {
    const from = keyFormStart[r];
    const to = keyFormStart[r + 1];
    if (to - from < 3) continue;
    const group: { entry: number; exact: string | null }[] = [];
    for (let f = from; f < to; f++) group.push({ entry: formEntry[f], exact: formExact[f] });
    group.sort((x, y) => {
      const ex = x.exact ?? '';
      const ey = y.exact ?? '';
      return ex < ey ? -1 : ex > ey ? 1 : x.entry - y.entry;
    });
    for (let f = from; f < to; f++) {
      formEntry[f] = group[f - from].entry;
      formExact[f] = group[f - from].exact;
    }
  }

  // 3. Radix trie from the sorted keys with a stack (the path of the previous
  // key). Labels are ranges of keyPool.
  const cap = 2 * keyCount + 1;
  const labOff = new Int32Array(cap);
  const labEnd = new Int32Array(cap);
  const depthEnd = new Int32Array(cap);
  const firstChild = new Int32Array(cap).fill(-1);
  const lastChild = new Int32Array(cap).fill(-1);
  const nextSibling = new Int32Array(cap).fill(-1);
  const key = new Int32Array(cap).fill(-1);
  let nodes = 1; // node 0 is the root, empty label
  const stack = new Int32Array(cap);
  let top = 0;
  stack[0] = 0;
  for (let r = 0; r < keyCount; r++) {
    const len = keyLength[r];
    const lcp = keyLcp[r];
    const off = keyOffset[r];
    let last = -1;
    while (depthEnd[stack[top]] > lcp) last = stack[top--];
    const parent = stack[top];
    if (depthEnd[parent] < lcp) {
      // Split `last` (the last child of parent) at depth lcp: it keeps the
      // shared prefix and its former suffix, children and key move to `tail`.
      const tail = nodes++;
      const cut = labOff[last] + (lcp - depthEnd[parent]);
      labOff[tail] = cut;
      labEnd[tail] = labEnd[last];
      depthEnd[tail] = depthEnd[last];
      firstChild[tail] = firstChild[last];
      lastChild[tail] = lastChild[last];
      key[tail] = key[last];
      labEnd[last] = cut;
      depthEnd[last] = lcp;
      firstChild[last] = tail;
      lastChild[last] = tail;
      key[last] = -1;
      stack[++top] = last;
    }
    const p = stack[top];
    if (lcp === len) {
      key[p] = r; // cannot happen for unique sorted keys, kept for safety
    } else {
      const leaf = nodes++;
      labOff[leaf] = off + lcp;
      labEnd[leaf] = off + len;
      depthEnd[leaf] = len;
      key[leaf] = r;
      if (lastChild[p] < 0) firstChild[p] = leaf;
      else nextSibling[lastChild[p]] = leaf;
      lastChild[p] = leaf;
      stack[++top] = leaf;
    }
  }

  // 4. Breadth-first renumbering: children become consecutive.
  const bfsOrder = new Int32Array(nodes); // new id -> old id
  const childFirst = new Int32Array(nodes);
  const childCount = new Int32Array(nodes);
  let tailPos = 1;
  bfsOrder[0] = 0;
  let poolLength = 0;
  for (let head = 0; head < nodes; head++) {
    const old = bfsOrder[head];
    poolLength += labEnd[old] - labOff[old];
    childFirst[head] = tailPos;
    for (let c = firstChild[old]; c >= 0; c = nextSibling[c]) bfsOrder[tailPos++] = c;
    childCount[head] = tailPos - childFirst[head];
  }
  const pool = new Uint16Array(poolLength);
  const records = new Int32Array(nodes * NODE_STRIDE);
  const firstUnit = new Uint16Array(nodes);
  let p = 0;
  for (let id = 0; id < nodes; id++) {
    const old = bfsOrder[id];
    const r = id * NODE_STRIDE;
    records[r + LABEL_START] = p;
    for (let x = labOff[old]; x < labEnd[old]; x++) pool[p++] = keyPool[x];
    records[r + LABEL_END] = p;
    records[r + CHILD_FIRST] = childFirst[id];
    records[r + CHILD_COUNT] = childCount[id];
    records[r + NODE_KEY] = key[old];
    firstUnit[id] = p > records[r + LABEL_START] ? pool[records[r + LABEL_START]] : 0;
  }
  const rootChild = new Int32Array(0x10000).fill(-1);
  for (let c = childFirst[0]; c < childFirst[0] + childCount[0]; c++) rootChild[firstUnit[c]] = c;

  const filter = firstWordFilter(sortedKeys, keyFormStart, keyInsensitive, formExact);
  const fanout = fanoutTable(childFirst, childCount, firstUnit, nodes);

  return {
    ...fanout,
    firstWordBits: filter.bits,
    casedFirstWordBits: filter.casedBits,
    casedFirstWordMask: filter.casedMask,
    firstWordMask: filter.mask,
    nodeCount: nodes,
    keyCount,
    formCount: forms.length,
    rootChild,
    nodes: records,
    firstUnit,
    pool,
    keyFormStart,
    keyInsensitive,
    formEntry,
    formExact,
    keys,
  };
}

/** Child of `node` whose label starts with `unit`, or -1 (root included). */
export function childOf(a: Automaton, node: number, unit: number): number {
  if (node === 0) return a.rootChild[unit];
  const first = a.nodes[node * NODE_STRIDE + CHILD_FIRST];
  const end = first + a.nodes[node * NODE_STRIDE + CHILD_COUNT];
  if (end - first <= SMALL_FANOUT) {
    for (let c = first; c < end; c++) {
      const u = a.firstUnit[c];
      if (u >= unit) return u === unit ? c : -1;
    }
    return -1;
  }
  for (let slot = fanoutSlot(node, unit, a.fanoutMask); ; slot = (slot + 1) & a.fanoutMask) {
    const n = a.fanoutNode[slot];
    if (n === -1) return -1;
    if (n === node && a.fanoutUnit[slot] === unit) return a.fanoutChild[slot];
  }
}

/** Exact lookup of a lower-cased key (tests and diagnostics): its key rank or -1. */
export function lookupKey(a: Automaton, lower: string): number {
  let node = 0;
  let k = 0;
  let kEnd = 0;
  for (let i = 0; i < lower.length; i++) {
    const u = lower.charCodeAt(i);
    if (k < kEnd) {
      if (a.pool[k] !== u) return -1;
      k++;
    } else {
      const child = childOf(a, node, u);
      if (child < 0) return -1;
      node = child;
      k = a.nodes[child * NODE_STRIDE + LABEL_START] + 1;
      kEnd = a.nodes[child * NODE_STRIDE + LABEL_END];
    }
  }
  return k === kEnd ? a.nodes[node * NODE_STRIDE + NODE_KEY] : -1;
}
