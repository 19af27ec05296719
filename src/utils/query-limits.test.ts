import fc from 'fast-check';
import {
  BETWEEN_PROBLEM,
  LIMIT_SETTINGS,
  NUL_PROBLEM,
  checkFields,
  checkFilters,
  checkRestQuery,
  checkSort,
  findNulString,
  findPrototypeKey,
  findPrototypeKeyInQueryString,
  isPrototypeName,
  parsePopulate,
  populateDepth,
  queryLimitsFromEnv,
  type PopulateNode,
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

/** Each check at its edges: the limit itself accepted, one past it refused, and where it says. */
describe('query limits at their edges', () => {
  const tight = (overrides: Partial<QueryLimits>): QueryLimits => ({ ...limits, ...overrides });
  const names = (n: number, prefix = 'f') => Array.from({ length: n }, (_, index) => `${prefix}${index}`);
  const prototypeProblem = (name: string) => `"${name}" is not allowed (a name of Object.prototype is never a field or parameter name)`;
  const tree = (value: unknown, own: Partial<QueryLimits> = {}) => {
    const result = parsePopulate(value, 'populate', tight(own));
    if ('violation' in result) throw new Error(result.violation.message);
    return result.tree;
  };
  /** A populate tree as plain data: `{ '*': true, a: { … } }`. */
  const shape = (node: PopulateNode): Record<string, unknown> => ({
    ...(node.all ? { '*': true } : {}),
    ...Object.fromEntries([...node.children].map(([name, child]) => [name, shape(child)])),
  });

  it('reads every limit from its own variable, with the defaults the README names', () => {
    expect(queryLimitsFromEnv({})).toEqual({
      maxPopulateDepth: 3,
      maxRelationEntries: 100,
      maxPopulatedEntries: 5000,
      maxFilterConditions: 50,
      maxFilterDepth: 8,
      maxListLength: 100,
      maxFields: 50,
      maxSort: 10,
    });
    for (const [key, setting] of Object.entries(LIMIT_SETTINGS)) {
      expect(queryLimitsFromEnv({ [setting.env]: '7' })).toEqual({ ...queryLimitsFromEnv({}), [key]: 7 });
    }
  });

  it('knows the names of Object.prototype, and no others', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'isPrototypeOf', '__lookupSetter__']) expect(isPrototypeName(name)).toBe(true);
    for (const name of ['', 'title', 'Constructor', 'proto', 'prototype', 'to_string']) expect(isPrototypeName(name)).toBe(false);
  });

  it('finds a prototype key at any depth, in brackets or dots, from any base', () => {
    const value = JSON.parse('{"a":[1,{"b":{"c":2,"constructor":3}}]}');
    expect(findPrototypeKey(value, '')).toEqual({ parameter: 'a[1][b][constructor]', message: `a[1][b][constructor]: ${prototypeProblem('constructor')}` });
    expect(findPrototypeKey(value, 'data')?.parameter).toBe('data[a][1][b][constructor]');
    expect(findPrototypeKey(value, '', 'dots')?.parameter).toBe('a.1.b.constructor');
    expect(findPrototypeKey(value, 'body', 'dots')?.parameter).toBe('body.a.1.b.constructor');
    expect(findPrototypeKey(JSON.parse('[{"__proto__":1}]'), '')?.parameter).toBe('0[__proto__]');
    // Values are data, whatever they say; own keys only.
    expect(findPrototypeKey({ a: ['constructor', { b: 'toString' }], c: null, d: 1 }, '')).toBeNull();
    expect(findPrototypeKey(Object.create({ constructor: 1 }) as unknown, '')).toBeNull();
    expect(findPrototypeKey('constructor', '')).toBeNull();
  });

  it('counts fields by comma-separated names, at the limit and one past', () => {
    const own = tight({ maxFields: 3 });
    expect(checkFields(names(3).join(','), 'fields', own)).toBeNull();
    expect(checkFields(names(4).join(','), 'fields', own)).toEqual({ parameter: 'fields', message: 'fields: 4 fields asked; the limit is 3 (QUERY_MAX_FIELDS)' });
    expect(checkFields(names(3), 'fields', own)).toBeNull();
    expect(checkFields(names(4), 'fields', own)?.message).toBe('fields: 4 fields asked; the limit is 3 (QUERY_MAX_FIELDS)');
    // White space separates names without counting as more fields; names are trimmed.
    expect(checkFields('a b c d', 'fields', own)).toBeNull();
    expect(checkFields('title, constructor', 'fields', own)).toEqual({ parameter: 'fields', message: `fields: ${prototypeProblem('constructor')}` });
    expect(checkFields(['title', 'a toString'], 'fields', own)?.parameter).toBe('fields[1]');
    expect(checkFields(['title', 'a,toString'], 'fields', own)?.parameter).toBe('fields[1]');
    // What is not a name list is left to the other checks.
    expect(checkFields(7, 'fields', own)).toBeNull();
    expect(checkFields([{ constructor: 1 }], 'fields', own)).toBeNull();
  });

  it('counts sort keys written every way, at the limit and one past', () => {
    const own = tight({ maxSort: 2 });
    expect(checkSort({ a: 'asc', b: 'desc' }, 'sort', own)).toBeNull();
    expect(checkSort({ a: 'asc', b: 'desc', c: 'asc' }, 'sort', own)).toEqual({ parameter: 'sort', message: 'sort: 3 sort keys; the limit is 2 (QUERY_MAX_SORT)' });
    expect(checkSort('a:asc,author.name:desc', 'sort', own)).toBeNull();
    expect(checkSort('a:asc,b,c:desc', 'sort', own)?.message).toBe('sort: 3 sort keys; the limit is 2 (QUERY_MAX_SORT)');
    expect(checkSort(['a', 'b'], 'sort', own)).toBeNull();
    expect(checkSort(['a', 'b', 'c'], 'sort', own)?.message).toBe('sort: 3 sort keys; the limit is 2 (QUERY_MAX_SORT)');
    expect(checkSort([{ a: 'asc' }, { a: 'asc', b: 'asc' }], 'sort', own)).toBeNull();
    expect(checkSort([{ a: 'asc' }, { a: 'asc', b: 'asc', c: 'asc' }], 'sort', own)).toEqual({
      parameter: 'sort[1]',
      message: 'sort[1]: more than 2 sort keys (QUERY_MAX_SORT)',
    });
    // Names split at `.` and `:`.
    expect(checkSort('author.constructor:asc', 'sort', own)?.message).toBe(`sort: ${prototypeProblem('constructor')}`);
    expect(checkSort('title:valueOf', 'sort', own)?.parameter).toBe('sort');
    expect(checkSort(['title', 'author.toString'], 'sort', own)?.parameter).toBe('sort[1]');
    expect(checkSort(3, 'sort', own)).toBeNull();
    // Names are trimmed before they are compared.
    expect(checkSort('title, constructor', 'sort', own)?.parameter).toBe('sort');
  });

  it('counts filter nesting, a list and a qs object list at the same level as their elements', () => {
    const own = tight({ maxFilterDepth: 3 });
    expect(checkFilters({ author: { name: { $eq: 'x' } } }, 'filters', own)).toBeNull();
    expect(checkFilters({ author: { org: { name: { $eq: 'x' } } } }, 'filters', own)).toEqual({
      parameter: 'filters[author][org][name][$eq]',
      message: 'filters[author][org][name][$eq]: filters nested more than 3 levels deep (QUERY_MAX_FILTER_DEPTH)',
    });
    expect(checkFilters({ $or: [{ name: { $eq: 'x' } }] }, 'filters', own)).toBeNull();
    expect(checkFilters({ $or: { 0: { name: { $eq: 'x' } }, 1: { name: { $eq: 'y' } } } }, 'filters', own)).toBeNull();
    expect(checkFilters({ $or: { a: { name: { $eq: 'x' } } } }, 'filters', own)?.message).toMatch(/QUERY_MAX_FILTER_DEPTH/);
    expect(checkFilters({ $or: { '0a': { name: { $eq: 'x' } } } }, 'filters', own)?.message).toMatch(/QUERY_MAX_FILTER_DEPTH/);
    expect(checkFilters({ $or: { a1: { name: { $eq: 'x' } } } }, 'filters', own)?.message).toMatch(/QUERY_MAX_FILTER_DEPTH/);
    expect(checkFilters({ $or: { 10: { name: { $eq: 'x' } } } }, 'filters', own)).toBeNull();
  });

  it('counts a list of values as one condition and every other leaf as one, at the limit and one past', () => {
    const own = tight({ maxFilterConditions: 2 });
    expect(checkFilters({ id: { $in: [1, 2, 3] }, title: { $eq: 'x' } }, 'filters', own)).toBeNull();
    expect(checkFilters({ id: { $in: [1, 2, 3] }, title: { $eq: 'x' }, slug: { $null: true } }, 'filters', own)).toEqual({
      parameter: 'filters',
      message: 'filters: more than 2 conditions (QUERY_MAX_FILTER_CONDITIONS)',
    });
    expect(checkFilters({ a: { $in: [1] }, b: { $between: [1, 2] }, c: { $in: [3] } }, 'filters', own)?.message).toMatch(/more than 2 conditions/);
    expect(checkFilters({ a: { $in: { 0: 'x', 1: 'y' } }, b: { $eq: 1 } }, 'filters', own)).toBeNull();
    // A list of objects under an operator is not a list of values: each leaf counts.
    expect(checkFilters({ a: { $in: [{ x: 1 }, { y: 2 }, { z: 3 }] } }, 'filters', own)?.message).toMatch(/more than 2 conditions/);
    // $and/$or lists are not lists of values either, even of plain values.
    expect(checkFilters({ $and: [1, 2, 3] }, 'filters', own)?.message).toMatch(/more than 2 conditions/);
    // Two operators on one field are two conditions; a list with one object in it is not a list of values.
    expect(checkFilters({ a: { $eq: 1, $ne: 2 } }, 'filters', tight({ maxFilterConditions: 1 }))?.message).toMatch(/more than 1 conditions/);
    expect(checkFilters({ a: { $in: [1, { x: { $eq: 1 } }] } }, 'filters', tight({ maxFilterConditions: 1 }))?.message).toMatch(/more than 1 conditions/);
  });

  it('bounds lists at their length, $and/$or/$not excepted, and names where', () => {
    const own = tight({ maxListLength: 3 });
    expect(checkFilters({ id: { $in: [1, 2, 3] } }, 'filters', own)).toBeNull();
    expect(checkFilters({ id: { $in: [1, 2, 3, 4] } }, 'filters', own)).toEqual({
      parameter: 'filters[id][$in]',
      message: 'filters[id][$in]: a list of 4 values; the limit is 3 (QUERY_MAX_LIST_LENGTH)',
    });
    const four = Array.from({ length: 4 }, (_, index) => ({ id: { $eq: index } }));
    expect(checkFilters({ $or: four }, 'filters', own)).toBeNull();
    expect(checkFilters({ $and: four }, 'filters', own)).toBeNull();
    expect(checkFilters({ $not: { a: { $eq: 1 }, b: { $eq: 1 }, c: { $eq: 1 }, d: { $eq: 1 } } }, 'filters', own)).toBeNull();
    expect(checkFilters({ $nor: four }, 'filters', own)?.parameter).toBe('filters[$nor]');
  });

  it('takes $between only as a list of two values, anywhere in the filters, naming where', () => {
    expect(checkFilters({ title: { $between: ['a', 'b'] } }, 'filters', limits)).toBeNull();
    expect(checkFilters({ id: { $between: [1, 9] }, $or: [{ publishedAt: { $between: ['2024-01-01', '2025-01-01'] } }] }, 'filters', limits)).toBeNull();
    for (const value of ['x', '', 5, null, [], ['a'], ['a', 'b', 'c'], { 0: 'a', 1: 'b' }, [['a'], 'b'], ['a', { k: 'v' }]]) {
      expect(checkFilters({ title: { $between: value } }, 'filters', limits)).toEqual({
        parameter: 'filters[title][$between]',
        message: `filters[title][$between]: ${BETWEEN_PROBLEM}`,
      });
    }
    expect(checkFilters({ $and: [{ sectors: { name: { $between: 'x' } } }] }, 'filters', limits)?.parameter).toBe('filters[$and][0][sectors][name][$between]');
    expect(checkFilters({ $not: { id: { $between: [1] } } }, 'filters', limits)?.parameter).toBe('filters[$not][id][$between]');
  });

  it('refuses U+0000 and prototype names inside filters, naming where', () => {
    expect(checkFilters({ title: { $eq: 'a\u0000' } }, 'filters', limits)).toEqual({ parameter: 'filters[title][$eq]', message: `filters[title][$eq]: ${NUL_PROBLEM}` });
    expect(checkFilters({ $or: [{ title: { $in: ['a', 'b\u0000'] } }] }, 'filters', limits)?.parameter).toBe('filters[$or][0][title][$in][1]');
    expect(checkFilters({ title: { $eq: 'a' } }, 'filters', limits)).toBeNull();
    expect(checkFilters({ title: { valueOf: 'a' } }, 'filters', limits)).toEqual({
      parameter: 'filters[title][valueOf]',
      message: `filters[title][valueOf]: ${prototypeProblem('valueOf')}`,
    });
    // A qs list of values is read as values; its keys are the REST query's first check.
    expect(checkRestQuery({ filters: { title: { $in: { constructor: 'a' } } } }, limits)?.parameter).toBe('filters[title][$in][constructor]');
  });

  it('finds U+0000 in any string, key or value, with its path', () => {
    expect(findNulString({ a: [1, { b: 'x\u0000y' }] }, 'q')).toEqual({ parameter: 'q[a][1][b]', message: `q[a][1][b]: ${NUL_PROBLEM}` });
    expect(findNulString({ ['k\u0000']: 1 }, '')?.parameter).toBe('k\u0000');
    expect(findNulString(['ok', '\u0000'], 'locale')?.parameter).toBe('locale[1]');
    expect(findNulString('\u0000', 'locale')?.parameter).toBe('locale');
    expect(findNulString({ a: ['ok', 1, null, true, { b: 'fine' }] }, '')).toBeNull();
  });

  it('reads populate every way Strapi accepts it into one tree', () => {
    for (const none of [undefined, null, false, '', 'false']) expect(shape(tree(none))).toEqual({});
    for (const all of [true, 'true', '*']) expect(shape(tree(all))).toEqual({ '*': true });
    expect(shape(tree('a , b.c,b.d'))).toEqual({ a: {}, b: { c: {}, d: {} } });
    expect(shape(tree(['a', 'b.*']))).toEqual({ a: {}, b: { '*': true } });
    expect(shape(tree([{ a: true }, 'b']))).toEqual({ a: {}, b: {} });
    expect(shape(tree({ '*': true, a: { populate: { b: true } }, c: { fields: ['x'] }, d: true }))).toEqual({ '*': true, a: { b: {} }, c: {}, d: {} });
    expect(shape(tree({ a: { on: { 'x.y': { populate: 'b' }, 'x.z': { fields: ['q'] } } } }))).toEqual({ a: { b: {} } });
    expect(shape(tree({ a: { populate: 'b' }, 'a.b': true }))).toEqual({ a: { b: {} }, 'a.b': {} });
    expect(shape(tree([{ a: { populate: 'b' } }, { a: { populate: 'c' } }, 'a.d']))).toEqual({ a: { b: {}, c: {}, d: {} } });
    expect(populateDepth(tree('a.*'))).toBe(2);
    expect(populateDepth(tree({ '*': true, a: true }))).toBe(1);
    expect(populateDepth(tree(undefined))).toBe(0);
  });

  it('refuses populate one level past the limit however it is written, and accepts the limit', () => {
    const own = { maxPopulateDepth: 2 };
    expect(populateDepth(tree('a.b', own))).toBe(2);
    expect(parsePopulate('a,b.c.d', 'populate', tight(own))).toEqual({
      violation: { parameter: 'populate', message: 'populate: populate nested 3 levels deep; the limit is 2 (QUERY_MAX_POPULATE_DEPTH)' },
    });
    expect(populateDepth(tree({ a: { populate: { b: true } } }, own))).toBe(2);
    expect(populateDepth(tree({ a: { populate: 'b' } }, own))).toBe(2);
    expect(parsePopulate({ a: { populate: 'b.c' } }, 'populate', tight(own))).toEqual({
      violation: { parameter: 'populate[a][populate]', message: 'populate[a][populate]: populate nested 3 levels deep; the limit is 2 (QUERY_MAX_POPULATE_DEPTH)' },
    });
    expect(parsePopulate({ a: { populate: { b: { populate: { c: true } } } } }, 'populate', tight(own))).toEqual({
      violation: {
        parameter: 'populate[a][populate][b][populate]',
        message: 'populate[a][populate][b][populate]: populate nested 3 levels deep; the limit is 2 (QUERY_MAX_POPULATE_DEPTH)',
      },
    });
    expect(parsePopulate({ a: { on: { 'x.y': { populate: { b: { populate: 'c' } } } } } }, 'populate', tight(own))).toEqual({
      violation: {
        parameter: 'populate[a][on][x.y][populate][b][populate]',
        message: 'populate[a][on][x.y][populate][b][populate]: populate nested 3 levels deep; the limit is 2 (QUERY_MAX_POPULATE_DEPTH)',
      },
    });
    expect(parsePopulate([{ a: { populate: 'b.c' } }], 'populate', tight(own))).toEqual({
      violation: expect.objectContaining({ parameter: 'populate[0][a][populate]' }),
    });
  });

  it('refuses prototype names and over-limit options inside populate, naming where', () => {
    const refused = (value: unknown, own: Partial<QueryLimits> = {}) => {
      const result = parsePopulate(value, 'populate', tight(own));
      return 'violation' in result ? result.violation : null;
    };
    expect(refused({ constructor: true })).toEqual({ parameter: 'populate[constructor]', message: `populate[constructor]: ${prototypeProblem('constructor')}` });
    expect(refused({ a: { toString: 1 } })?.parameter).toBe('populate[a][toString]');
    expect(refused({ a: { on: { constructor: { populate: 'b' } } } })?.parameter).toBe('populate[a][on][constructor]');
    expect(refused({ a: { on: { 'x.y': { populate: { valueOf: true } } } } })?.parameter).toBe('populate[a][on][x.y][populate][valueOf]');
    expect(refused({ a: { publicationState: { constructor: 1 } } })?.parameter).toBe('populate[a][publicationState][constructor]');
    expect(refused({ a: { on: 'x' } })).toBeNull();
    expect(refused({ a: { x: { b: { constructor: 1 } } } })?.parameter).toBe('populate[a][x][b][constructor]');
    // Every component of a dynamic zone is checked, whichever is too deep.
    const zone = (first: string, second: string) => ({ a: { on: { 'x.y': { populate: first }, 'x.z': { populate: second } } } });
    expect(refused(zone('b', 'c.d'), { maxPopulateDepth: 2 })?.parameter).toBe('populate[a][on][x.z][populate]');
    expect(refused(zone('c.d', 'b'), { maxPopulateDepth: 2 })?.parameter).toBe('populate[a][on][x.y][populate]');
    expect(refused(zone('b', 'c'), { maxPopulateDepth: 2 })).toBeNull();
    expect(refused('a.constructor')?.parameter).toBe('populate');
    expect(refused(['a', 'b.__proto__'])?.parameter).toBe('populate[1]');
    expect(refused({ a: { fields: names(4) } }, { maxFields: 3 })?.message).toBe('populate[a][fields]: 4 fields asked; the limit is 3 (QUERY_MAX_FIELDS)');
    expect(refused({ a: { fields: names(3) } }, { maxFields: 3 })).toBeNull();
    expect(refused({ a: { sort: 'x,y,z' } }, { maxSort: 2 })?.message).toBe('populate[a][sort]: 3 sort keys; the limit is 2 (QUERY_MAX_SORT)');
    expect(refused({ a: { filters: { x: { $eq: 1 }, y: { $eq: 2 } } } }, { maxFilterConditions: 1 })?.message).toBe(
      'populate[a][filters]: more than 1 conditions (QUERY_MAX_FILTER_CONDITIONS)'
    );
    expect(refused({ a: { filters: { x: { $eq: 1 } } } }, { maxFilterConditions: 1 })).toBeNull();
  });

  it('finds prototype names in a raw query string, naming the key up to the name', () => {
    expect(findPrototypeKeyInQueryString('a=1&filters[title][constructor][$eq]=x')).toEqual({
      parameter: 'filters[title][constructor]',
      message: `filters[title][constructor]: ${prototypeProblem('constructor')}`,
    });
    expect(findPrototypeKeyInQueryString('__proto__[x]=1')?.parameter).toBe('__proto__');
    expect(findPrototypeKeyInQueryString('a[][toString]=1')?.parameter).toBe('a[toString]');
    expect(findPrototypeKeyInQueryString('a[b][c]=1&d[]=2')).toBeNull();
    // A `]` that closes no bracket is part of the name, as qs reads it.
    expect(findPrototypeKeyInQueryString('a]constructor=1')).toBeNull();
  });

  it('checks a REST query in order: prototype keys and U+0000 first, then fields, sort, filters, populate', () => {
    const own = tight({ maxFields: 1, maxSort: 1, maxFilterConditions: 1, maxPopulateDepth: 1 });
    const all = { fields: 'a,b', sort: 'a,b', filters: { a: { $eq: 1 }, b: { $eq: 2 } }, populate: 'a.b' };
    expect(checkRestQuery(all, own)?.parameter).toBe('fields');
    expect(checkRestQuery({ ...all, fields: undefined }, own)?.parameter).toBe('sort');
    expect(checkRestQuery({ ...all, fields: undefined, sort: undefined }, own)?.parameter).toBe('filters');
    expect(checkRestQuery({ populate: 'a.b' }, own)?.parameter).toBe('populate');
    expect(checkRestQuery({ fields: 'a', sort: 'a,b' }, own)?.parameter).toBe('sort');
    expect(checkRestQuery({ fields: 'a', sort: 'a', filters: { a: { $eq: 1 }, b: { $eq: 2 } } }, own)?.parameter).toBe('filters');
    expect(checkRestQuery({ ...all, locale: 'x\u0000' }, own)?.parameter).toBe('locale');
    expect(checkRestQuery({ ...all, meta: { constructor: 1 } }, own)?.parameter).toBe('meta[constructor]');
    expect(checkRestQuery({ fields: 'a', sort: 'a', filters: { a: { $eq: 1 } }, populate: 'a' }, own)).toBeNull();
    for (const notAQuery of [null, 'fields=a,b', ['a'], 3]) expect(checkRestQuery(notAQuery, own)).toBeNull();
  });
});
