import { type AutomatonForm, CHILD_COUNT, CHILD_FIRST, NODE_KEY, NODE_STRIDE, SMALL_FANOUT, buildAutomaton, childOf, lookupKey } from './build';
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
      expect(a.nodes[child * NODE_STRIDE + NODE_KEY]).toBe(lookupKey(a, k));
    }
    expect(childOf(a, x, 0x7e)).toBe(-1);
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
