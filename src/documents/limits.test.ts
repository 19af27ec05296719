import fc from 'fast-check';
import { LIMIT_SETTINGS, blocksSize, dataTooDeep, depthMessage, graphqlNestingExceeds, readLimits, sizeProblems, tooDeep, type WriteLimits } from './limits';

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

describe('write limits at their edges', () => {
  const limits: WriteLimits = { maxDepth: 100, maxBlocksNodes: 3, maxTextChars: 5, maxAliases: 2, maxJsonItems: 2 };

  it('reads every limit from its own variable', () => {
    for (const [key, setting] of Object.entries(LIMIT_SETTINGS)) expect(readLimits({ [setting.env]: '7' })).toEqual({ ...readLimits({}), [key]: 7 });
  });

  it('checks each field of a write from its own level, naming the first too deep', () => {
    expect(dataTooDeep({ a: [[1]], b: [[2]] }, 2)).toBeNull();
    expect(dataTooDeep({ a: [[1]], b: [[[2]]] }, 2)).toEqual({ path: ['b'], message: 'is nested more than 2 levels deep (limit WRITE_MAX_DEPTH)' });
    expect(depthMessage(100)).toBe('is nested more than 100 levels deep (limit WRITE_MAX_DEPTH)');
    expect(tooDeep('text', 0)).toBeNull();
    expect(tooDeep(null, 0)).toBeNull();
    expect(tooDeep([], 1)).toBeNull();
    expect(tooDeep([], 0)).toEqual({ path: [] });
    expect(tooDeep([1, [null, 'x', { a: { b: 1 } }]], 3)).toEqual({ path: [1, 2, 'a'] });
  });

  it('counts GraphQL nesting exactly at the limit, closing brackets included', () => {
    expect(graphqlNestingExceeds('{ a(x: [1]) }', 3)).toBe(false);
    expect(graphqlNestingExceeds('{ a(x: [1]) }', 2)).toBe(true);
    expect(graphqlNestingExceeds('{}[]()'.repeat(50), 1)).toBe(false);
    expect(graphqlNestingExceeds('', 0)).toBe(false);
  });

  it('skips every kind of string and comment, and only those', () => {
    expect(graphqlNestingExceeds('# {{{{\r{ a }', 1)).toBe(false);
    expect(graphqlNestingExceeds('# comment\n{ { } }', 1)).toBe(true);
    expect(graphqlNestingExceeds('{ a(x: "\\"{{{{") }', 2)).toBe(false);
    expect(graphqlNestingExceeds('{ a(x: "[[") { b } }', 2)).toBe(false);
    expect(graphqlNestingExceeds('{ a(x: "[[") { b { c } } }', 2)).toBe(true);
    // A string ends at its line: what follows on the next line is counted.
    expect(graphqlNestingExceeds('{ a(x: "open\n{{{{ ) }', 3)).toBe(true);
    expect(graphqlNestingExceeds('{ a(x: """ {{{{ """) { b } }', 2)).toBe(false);
    expect(graphqlNestingExceeds('{ a(x: """ {{{{ """) { b { c } } }', 2)).toBe(true);
    expect(graphqlNestingExceeds('"""x""" {{', 1)).toBe(true);
    // A comment ends at either line break; a block string does not.
    expect(graphqlNestingExceeds('# x\n{{', 1)).toBe(true);
    expect(graphqlNestingExceeds('# x\r{{', 1)).toBe(true);
    expect(graphqlNestingExceeds('{ a(x: """\n{{{{\n""") }', 3)).toBe(false);
  });

  it('counts blocks nodes and text only where blocks have them', () => {
    expect(blocksSize('text')).toEqual({ nodes: 0, chars: 0 });
    expect(blocksSize([null, 'x', [{ type: 'text', text: 'abc' }], { type: 'text', text: 12 }, { type: 'p', children: 'abc' }])).toEqual({ nodes: 2, chars: 0 });
    expect(blocksSize([{ type: 'p', children: [{ type: 'text', text: '中文' }, null] }])).toEqual({ nodes: 2, chars: 2 });
  });

  it('accepts every size at its limit and refuses one past it with the exact message', () => {
    const types = { body: 'blocks', title: 'string', notes: 'richtext', summary: 'text', choices: 'json', aliases: 'component' };
    const text = (value: string) => ({ type: 'text', text: value });
    expect(sizeProblems({ body: [text('ab'), text('c')], title: 'abcde', notes: 'abcde', choices: { a: 1, b: 2 }, aliases: [{}, {}] }, types, limits, 'aliases')).toEqual([]);
    expect(sizeProblems({ body: [text('a'), text('b'), text('c'), text('d')] }, types, limits)).toEqual([
      { path: ['body'], message: 'must have at most 3 nodes (got 4; limit WRITE_MAX_BLOCKS_NODES)' },
    ]);
    expect(sizeProblems({ body: [text('abc'), text('def')] }, types, limits)).toEqual([
      { path: ['body'], message: 'must have at most 5 characters of text (got 6; limit WRITE_MAX_TEXT_CHARS)' },
    ]);
    // Too many nodes is said first, even when the text is too long as well.
    expect(sizeProblems({ body: [text('abc'), text('def'), text('g'), text('h')] }, types, limits).map((problem) => problem.message)).toEqual([
      'must have at most 3 nodes (got 4; limit WRITE_MAX_BLOCKS_NODES)',
    ]);
    for (const field of ['title', 'notes', 'summary']) {
      expect(sizeProblems({ [field]: 'abcdef' }, types, limits)).toEqual([{ path: [field], message: 'must be at most 5 characters (got 6; limit WRITE_MAX_TEXT_CHARS)' }]);
    }
    expect(sizeProblems({ choices: [1, 2, 3] }, types, limits)).toEqual([{ path: ['choices'], message: 'must have at most 2 items (got 3; limit WRITE_MAX_JSON_ITEMS)' }]);
    // Every problem of the write, in field order.
    expect(sizeProblems({ title: 'abcdef', choices: [1, 2, 3] }, types, limits).map((problem) => problem.path)).toEqual([['title'], ['choices']]);
  });

  it('leaves alone what the limits do not cover', () => {
    const types = { body: 'blocks', title: 'string', choices: 'json', aliases: 'component', count: 'integer' };
    expect(sizeProblems({ aliases: [{}, {}, {}] }, types, limits, 'aliases')).toEqual([
      { path: ['aliases'], message: 'must have at most 2 aliases (got 3; limit WRITE_MAX_ALIASES)' },
    ]);
    expect(sizeProblems({ aliases: [{}, {}, {}] }, types, limits)).toEqual([]);
    expect(sizeProblems({ aliases: 'abcdefgh' }, types, limits, 'aliases')).toEqual([]);
    expect(sizeProblems({ body: 'abcdefgh', title: ['abcdefgh'], choices: null, count: 'abcdefgh', unknown: 'abcdefgh' }, types, limits)).toEqual([]);
    expect(sizeProblems({ choices: 'abcdefgh' }, types, limits)).toEqual([]);
  });
});
