import fc from 'fast-check';
import {
  LIMIT_SETTINGS,
  checkFilters,
  checkRestQuery,
  findPrototypeKey,
  findPrototypeKeyInQueryString,
  parsePopulate,
  populateDepth,
  queryLimitsFromEnv,
  type QueryLimits,
} from './query-limits';

const limits: QueryLimits = queryLimitsFromEnv({});

describe('query limits', () => {
  it('reads each limit from its variable, and refuses a bad value naming it', () => {
    expect(limits.maxPopulateDepth).toBe(LIMIT_SETTINGS.maxPopulateDepth.default);
    expect(queryLimitsFromEnv({ QUERY_MAX_POPULATE_DEPTH: '5' }).maxPopulateDepth).toBe(5);
    expect(() => queryLimitsFromEnv({ QUERY_MAX_SORT: '0' })).toThrow('QUERY_MAX_SORT must be a positive integer (got "0")');
    expect(() => queryLimitsFromEnv({ QUERY_MAX_FIELDS: 'many' })).toThrow(/QUERY_MAX_FIELDS/);
  });

  it('measures populate depth however it is written', () => {
    const depth = (value: unknown) => {
      const result = parsePopulate(value, 'populate', { ...limits, maxPopulateDepth: 100 });
      if ('violation' in result) throw new Error(result.violation.message);
      return populateDepth(result.tree);
    };
    expect(depth('*')).toBe(1);
    expect(depth('author,mentionedOrganizations.mentionedIn')).toBe(2);
    expect(depth(['a.b.c'])).toBe(3);
    expect(depth({ a: { populate: { b: { populate: '*' } } } })).toBe(3);
    expect(depth({ a: { on: { 'x.y': { populate: { b: true } } } } })).toBe(2);
  });

  it('refuses populate past the depth limit with the parameter and the limit', () => {
    const result = parsePopulate({ a: { populate: { b: { populate: { c: { populate: { d: true } } } } } } }, 'populate', limits);
    expect(result).toEqual({
      violation: expect.objectContaining({
        message: expect.stringMatching(/^populate\[a\]\[populate\]\[b\]\[populate\]\[c\]\[populate\]: populate nested 4 levels deep; the limit is 3 \(QUERY_MAX_POPULATE_DEPTH\)$/),
      }),
    });
    expect(checkRestQuery({ populate: 'a.b.c.d' }, limits)?.message).toBe('populate: populate nested 4 levels deep; the limit is 3 (QUERY_MAX_POPULATE_DEPTH)');
  });

  it('counts filter conditions, nesting and list lengths', () => {
    const or = (n: number) => ({ $or: Array.from({ length: n }, (_, index) => ({ title: { $eq: `t${index}` } })) });
    expect(checkFilters(or(50), 'filters', limits)).toBeNull();
    expect(checkFilters(or(51), 'filters', limits)?.message).toBe('filters: more than 50 conditions (QUERY_MAX_FILTER_CONDITIONS)');
    expect(checkFilters({ id: { $in: Array.from({ length: 100 }, (_, index) => index) } }, 'filters', limits)).toBeNull();
    expect(checkFilters({ id: { $in: Array.from({ length: 101 }, (_, index) => index) } }, 'filters', limits)?.message).toBe(
      'filters[id][$in]: a list of 101 values; the limit is 100 (QUERY_MAX_LIST_LENGTH)'
    );
    // qs turns a long list into an object with numeric keys.
    expect(checkFilters({ id: { $in: Object.fromEntries(Array.from({ length: 150 }, (_, index) => [String(index), 'x'])) } }, 'filters', limits)?.message).toMatch(
      /QUERY_MAX_LIST_LENGTH/
    );
    let deep: unknown = { title: { $eq: 'x' } };
    for (let level = 0; level < 8; level += 1) deep = { $and: [deep] };
    expect(checkFilters(deep, 'filters', limits)?.message).toMatch(/nested more than 8 levels deep \(QUERY_MAX_FILTER_DEPTH\)$/);
  });

  it('refuses every name of Object.prototype as a key or field name, naming where', () => {
    for (const name of ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__']) {
      expect(checkRestQuery({ fields: [name] }, limits)?.parameter).toBe('fields[0]');
      expect(checkRestQuery({ sort: `${name}:asc` }, limits)?.parameter).toBe('sort');
      expect(checkRestQuery({ populate: { author: { fields: ['name', name] } } }, limits)?.parameter).toBe('populate[author][fields][1]');
    }
    expect(findPrototypeKey(JSON.parse('{"data":{"body":[{"constructor":1}]}}'), '', 'dots')?.parameter).toBe('data.body.0.constructor');
    expect(findPrototypeKey(JSON.parse('{"data":{"__proto__":1}}'), '', 'dots')?.parameter).toBe('data.__proto__');
    expect(findPrototypeKeyInQueryString('filters%5Btitle%5D%5BtoString%5D=x&a=1')?.parameter).toBe('filters[title][toString]');
    expect(findPrototypeKeyInQueryString('populate[author][populate][constructor]=true')?.parameter).toBe('populate[author][populate][constructor]');
    expect(findPrototypeKeyInQueryString('constructor=1')?.parameter).toBe('constructor');
    expect(findPrototypeKeyInQueryString('filters[title][$eq]=constructor')).toBeNull();
  });

  it('refuses U+0000 in any query value or filter value, naming where', () => {
    expect(checkRestQuery({ filters: { title: { $eq: 'a\u0000' } } }, limits)?.message).toBe(
      'filters[title][$eq]: contains the character U+0000, which no stored text can contain'
    );
    expect(checkFilters({ title: { $in: ['a', '\u0000'] } }, 'filters', limits)?.parameter).toBe('filters[title][$in][1]');
    expect(checkRestQuery({ locale: '\u0000' }, limits)?.parameter).toBe('locale');
  });

  it('never throws on any query, and every violation names a parameter in its message (property)', () => {
    const key = fc.oneof(fc.constantFrom('populate', 'filters', 'fields', 'sort', '$or', '$in', '*', 'on', 'constructor', 'a.b'), fc.string({ unit: 'binary' }));
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.string({ unit: 'binary' }), fc.boolean(), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(key, tree, { maxKeys: 5 }), (query) => {
        const problem = checkRestQuery(query, limits);
        if (problem) expect(problem.message.startsWith(`${problem.parameter}: `)).toBe(true);
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 1000) }
    );
  });
});
