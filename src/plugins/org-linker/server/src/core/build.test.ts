import { type AutomatonForm, CHILD_COUNT, CHILD_FIRST, NODE_KEY, NODE_STRIDE, SMALL_FANOUT, buildAutomaton, childOf, lookupKey } from './build';
import fc from 'fast-check';
import { buildDirectory } from './directory';
import { scanText } from './scan';

const form = (lower: string, entry: number, exact: string | null = null): AutomatonForm => ({
  lower,
  exact: exact ?? lower,
  caseSensitive: exact !== null,
  entry,
});

describe('buildAutomaton', () => {
  it('finds every key and nothing else', () => {
    const keys = ['institute', 'institute of metals', 'institute of metals research', 'inst', 'cas', 'case', '中国科学院', 'a*star'];
    const a = buildAutomaton(keys.map((k, i) => form(k, i)));
    for (const k of keys) expect(a.keys[lookupKey(a, k)]).toBe(k);
    for (const k of ['institut', 'institute of', 'ca', 'cases', '中国', '']) expect(lookupKey(a, k)).toBe(-1);
    expect(a.keyCount).toBe(keys.length);
  });

  it('finds nothing for a text one unit away from a key, wherever that unit is', () => {
    // Node "x" has the small children "b", "d", "f", and the node laid out right after them is
    // "y"'s child "g"; "mid-label" is one label of nine units.
    const keys = ['xb', 'xd', 'xf', 'yg', 'yh', 'mid-label'];
    const a = buildAutomaton(keys.map((k, i) => form(k, i)));
    for (const k of keys) expect(lookupKey(a, k)).toBe([...keys].sort().indexOf(k));
    // Before the first child, between two, after the last; a unit changed inside a label.
    for (const k of ['xa', 'xc', 'xe', 'xg', 'mid-lubel', 'mid-labex', 'nid-label']) expect(lookupKey(a, k)).toBe(-1);
    const x = a.rootChild['x'.charCodeAt(0)];
    for (const unit of ['a', 'c', 'e', 'g']) expect(childOf(a, x, unit.charCodeAt(0))).toBe(-1);
  });

  it('compresses paths: about two nodes per key at most', () => {
    const keys = Array.from({ length: 500 }, (_, i) => `organization number ${i} of the world`);
    const a = buildAutomaton(keys.map((k, i) => form(k, i)));
    expect(a.nodeCount).toBeLessThanOrEqual(2 * keys.length + 1);
  });

  it('groups forms by key, case-insensitive ones flagged, shared keys sorted by exact text', () => {
    const a = buildAutomaton([form('nrc', 1, 'NRC'), form('nrc', 2, 'NRC'), form('nrc', 3, 'Nrc'), form('cas', 4)]);
    const k = lookupKey(a, 'nrc');
    const forms = [];
    for (let f = a.keyFormStart[k]; f < a.keyFormStart[k + 1]; f++) forms.push([a.formEntry[f], a.formExact[f]]);
    expect(forms).toEqual([
      [1, 'NRC'],
      [2, 'NRC'],
      [3, 'Nrc'],
    ]);
    expect(a.keyInsensitive[k]).toBe(0);
    expect(a.keyInsensitive[lookupKey(a, 'cas')]).toBe(1);
  });

  it('looks up wide nodes through the fan-out table', () => {
    const keys = Array.from({ length: 40 }, (_, i) => `x${String.fromCharCode(0x41 + i)}`);
    const a = buildAutomaton(keys.map((k, i) => form(k, i)));
    const x = a.rootChild['x'.charCodeAt(0)];
    expect(a.nodes[x * NODE_STRIDE + 3]).toBeGreaterThan(SMALL_FANOUT);
    for (const k of keys) {
      const child = childOf(a, x, k.charCodeAt(1));
      // The rank from the sorted keys, not from lookupKey (which goes through childOf itself).
      expect(a.nodes[child * NODE_STRIDE + NODE_KEY]).toBe([...keys].sort().indexOf(k));
    }
    expect(childOf(a, x, 0x7e)).toBe(-1);
    expect(childOf(a, x, 0x40)).toBe(-1);
  });

  it('handles an empty directory', () => {
    const a = buildAutomaton([]);
    expect(a.nodeCount).toBe(1);
    expect(lookupKey(a, 'x')).toBe(-1);
  });
});

describe('buildAutomaton: the fan-out table and the first-word filter', () => {
  it('puts the children of nodes wider than SMALL_FANOUT, and only those, in the fan-out table', () => {
    const letters = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(0x61 + i));
    const keys = [...letters(12).map((c) => `x${c}`), ...letters(SMALL_FANOUT).map((c) => `y${c}`), ...letters(3).map((c) => `z${c}`)];
    const a = buildAutomaton(keys.map((k, i) => form(k, i)));
    const expected: string[] = [];
    for (let n = 1; n < a.nodeCount; n++) {
      const first = a.nodes[n * NODE_STRIDE + CHILD_FIRST];
      const count = a.nodes[n * NODE_STRIDE + CHILD_COUNT];
      if (count > SMALL_FANOUT) for (let c = first; c < first + count; c++) expected.push(`${n}:${c}`);
    }
    const stored: string[] = [];
    for (let slot = 0; slot <= a.fanoutMask; slot++) if (a.fanoutNode[slot] !== -1) stored.push(`${a.fanoutNode[slot]}:${a.fanoutChild[slot]}`);
    expect(expected).toHaveLength(12);
    expect(stored.sort()).toEqual(expected.sort());
  });

  it('finds a name whose first word is in a script no text has used before (its units are computed while building)', () => {
    const d = buildDirectory([{ id: 1, name: 'Росатом Group' }]);
    const text = 'Вчера Росатом Group объявила';
    expect(scanText(d.automaton, text).map((m) => text.slice(m.start, m.end))).toEqual(['Росатом Group']);
  });

  it('finds case-sensitive names in their own letter case only (the filter of case-sensitive forms)', () => {
    const d = buildDirectory([
      { id: 1, name: 'Inria' },
      { id: 2, name: 'Max Planck', acronym: 'mpg' },
    ]);
    const text = 'Inria, INRIA, inria, mpg, MPG.';
    expect(scanText(d.automaton, text).map((m) => text.slice(m.start, m.end))).toEqual(['Inria', 'INRIA', 'mpg']);
  });

  it('finds every name of a directory with more distinct first words than the smallest filter holds', () => {
    const names = Array.from({ length: 100 }, (_, i) => `Alpha${i} Institute`);
    const d = buildDirectory(names.map((name, i) => ({ id: i + 1, name })));
    const text = names.join(', ');
    expect(scanText(d.automaton, text).map((m) => text.slice(m.start, m.end))).toEqual(names);
  });
});

describe('buildAutomaton: keys sorted and ranked', () => {
  const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 300);
  // Few distinct units, so keys share long prefixes, repeat, and end inside
  // one another; lone surrogates and NUL included, as code units.
  const unit = fc.constantFrom('a', 'b', ' ', '\u0000', '\ud800', '\udfff', 'é', '中', '\uffff');
  const key = fc.oneof(
    fc.array(unit, { maxLength: 14 }).map((us) => us.join('')),
    fc.string({ unit: 'binary', maxLength: 6 })
  );
  const forms = fc.array(fc.record({ lower: key, entry: fc.nat(40), cased: fc.boolean() }), { maxLength: 120 });

  it('has each distinct key once, in the order of Array.prototype.sort, and maps every form to its key', () => {
    fc.assert(
      fc.property(forms, (input) => {
        const keyOfForm = new Int32Array(input.length);
        const a = buildAutomaton(
          input.map((f) => form(f.lower, f.entry, f.cased ? f.lower.toUpperCase() : null)),
          keyOfForm
        );
        expect(a.keys).toEqual([...new Set(input.map((f) => f.lower))].sort());
        input.forEach((f, i) => expect(a.keys[keyOfForm[i]]).toBe(f.lower));
        for (const k of a.keys) expect(lookupKey(a, k)).toBe(a.keys.indexOf(k));
      }),
      { numRuns: NUM_RUNS }
    );
  });

  it('keeps the forms of a key shared by two in input order', () => {
    fc.assert(
      fc.property(forms, (input) => {
        const a = buildAutomaton(input.map((f) => form(f.lower, f.entry)));
        a.keys.forEach((k, r) => {
          const expected = input.filter((f) => f.lower === k).map((f) => f.entry);
          if (expected.length > 2) return; // three or more are sorted by exact text (tested above)
          expect(Array.from(a.formEntry.subarray(a.keyFormStart[r], a.keyFormStart[r + 1]))).toEqual(expected);
        });
      }),
      { numRuns: NUM_RUNS }
    );
  });

  it('keeps the two forms of each key in input order when every key has two (the sort itself is not stable)', () => {
    const pairs = fc.uniqueArray(key, { minLength: 8, maxLength: 40 }).chain((keys) => fc.shuffledSubarray([...keys, ...keys], { minLength: keys.length * 2 }));
    fc.assert(
      fc.property(pairs, (lowers) => {
        const a = buildAutomaton(lowers.map((lower, i) => form(lower, i)));
        a.keys.forEach((k, r) => {
          const expected = lowers.flatMap((lower, i) => (lower === k ? [i] : []));
          expect(Array.from(a.formEntry.subarray(a.keyFormStart[r], a.keyFormStart[r + 1]))).toEqual(expected);
        });
      }),
      { numRuns: NUM_RUNS }
    );
  });

  it('sorts thousands of keys, most sharing a long prefix, the same way', () => {
    const keys = Array.from({ length: 3000 }, (_, i) => `national institute of ${(i * 7919) % 1000} ${i % 3 === 0 ? '' : 'x'}`);
    const a = buildAutomaton(keys.map((k, i) => form(k, i)));
    expect(a.keys).toEqual([...new Set(keys)].sort());
  });
});
