import fc from 'fast-check';
import { blocksSize, graphqlNestingExceeds, readLimits, sizeProblems, tooDeep, type WriteLimits } from './limits';

/** Reference: the nesting of arrays/objects, recursively (small inputs only). */
const depthOf = (value: unknown): number => (value !== null && typeof value === 'object' ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0);

describe('tooDeep', () => {
  it('agrees with the recursive definition at every limit', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 1, max: 10 }), (value, limit) => {
        expect(tooDeep(value, limit) !== null).toBe(depthOf(value) > limit);
      })
    );
  });

  it('names the path of the first too-deep container', () => {
    expect(tooDeep({ a: 1, body: [{ children: [[]] }] }, 3)).toEqual({ path: ['body', 0, 'children'] });
    expect(tooDeep({ a: [[1]] }, 3)).toBeNull();
  });

  it('refuses 20,000 levels in one linear pass, in well under 100 ms', () => {
    let deep: unknown = [];
    for (let level = 1; level < 20_000; level += 1) deep = [deep];
    const started = performance.now();
    expect(tooDeep({ organizationChoices: deep }, 100)?.path).toHaveLength(100);
    expect(performance.now() - started).toBeLessThan(100);
  });
});

describe('graphqlNestingExceeds', () => {
  it('counts brackets outside strings and comments', () => {
    expect(graphqlNestingExceeds('{ a { b } }', 2)).toBe(false);
    expect(graphqlNestingExceeds('{ a { b { c } } }', 2)).toBe(true);
    expect(graphqlNestingExceeds('{ a(x: "[[[[[[") }', 3)).toBe(false);
    expect(graphqlNestingExceeds('{ a(x: """ {{{{{ \\""" {{{ """) }', 3)).toBe(false);
    expect(graphqlNestingExceeds('# {{{{{{\n{ a }', 1)).toBe(false);
    expect(graphqlNestingExceeds(`mutation { f(data: { s: ${'['.repeat(20_000)}${']'.repeat(20_000)} }) }`, 104)).toBe(true);
  });
});

describe('sizes', () => {
  const limits: WriteLimits = { maxDepth: 100, maxBlocksNodes: 3, maxTextChars: 5, maxAliases: 2, maxJsonItems: 2 };
  const types = { body: 'blocks', description: 'text', choices: 'json', aliases: 'component' };

  it('counts the nodes and text of blocks', () => {
    expect(
      blocksSize([
        {
          type: 'paragraph',
          children: [
            { type: 'text', text: 'abc' },
            { type: 'link', children: [{ type: 'text', text: 'de' }] },
          ],
        },
      ])
    ).toEqual({ nodes: 4, chars: 5 });
  });

  it('accepts each limit at its edge and refuses one past it, naming the field', () => {
    const paragraph = (texts: string[]) => ({ type: 'paragraph', children: texts.map((text) => ({ type: 'text', text })) });
    expect(sizeProblems({ body: [paragraph(['ab', 'cde'])], description: 'abcde', choices: [1, 2], aliases: [{}, {}] }, types, limits, 'aliases')).toEqual([]);
    expect(sizeProblems({ body: [paragraph(['a', 'b', 'c'])] }, types, limits)[0].path).toEqual(['body']);
    expect(sizeProblems({ body: [paragraph(['abc', 'def'])] }, types, limits)[0].message).toMatch(/WRITE_MAX_TEXT_CHARS/);
    expect(sizeProblems({ description: 'abcdef' }, types, limits)[0].path).toEqual(['description']);
    expect(sizeProblems({ choices: { a: 1, b: 2, c: 3 } }, types, limits)[0].message).toMatch(/WRITE_MAX_JSON_ITEMS/);
    expect(sizeProblems({ aliases: [{}, {}, {}] }, types, limits, 'aliases')[0].message).toBe('must have at most 2 aliases (got 3; limit WRITE_MAX_ALIASES)');
  });
});

describe('readLimits', () => {
  it('has safe defaults and refuses a bad setting by name', () => {
    expect(readLimits({})).toEqual({ maxDepth: 100, maxBlocksNodes: 5_000, maxTextChars: 1_500_000, maxAliases: 100, maxJsonItems: 100 });
    expect(readLimits({ WRITE_MAX_DEPTH: '40' }).maxDepth).toBe(40);
    expect(() => readLimits({ WRITE_MAX_ALIASES: '0' })).toThrow('WRITE_MAX_ALIASES must be a positive integer (got "0")');
    expect(() => readLimits({ WRITE_MAX_DEPTH: 'deep' })).toThrow(/WRITE_MAX_DEPTH/);
  });
});
