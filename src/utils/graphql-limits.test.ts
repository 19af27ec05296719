import fc from 'fast-check';
import { GraphQLError, buildSchema, Kind, parse, specifiedRules, validate, type OperationDefinitionNode } from 'graphql';
import { filterVariableNames, literalArgumentsRule, queryCostRule, toStrapiFilters, variablesLimitPlugin, variablesViolation } from './graphql-limits';
import { NUL_PROBLEM, queryLimitsFromEnv } from './query-limits';

const schema = buildSchema(`
  input PaginationArg { limit: Int, pageSize: Int, page: Int, start: Int }
  input StringFilterInput { eq: String, in: [String] }
  input ArticleFiltersInput { title: StringFilterInput, or: [ArticleFiltersInput], and: [ArticleFiltersInput] }
  scalar JSON
  type Organization { name: String, mentionedIn(filters: ArticleFiltersInput, pagination: PaginationArg): [Article]! }
  type Article { title: String, body: JSON, mentionedOrganizations(pagination: PaginationArg): [Organization]!, related: [Article] }
  type ArticleConnection { nodes(sort: String): [Article]!, pageInfo: String }
  type Query {
    articles(filters: ArticleFiltersInput, pagination: PaginationArg, locales: [String]): [Article]!
    article(id: ID): Article
    articles_connection(pagination: PaginationArg): ArticleConnection
  }
  type Mutation { createArticle(data: JSON): Article }
  type Subscription { articleAdded: Article }
`);

const limits = queryLimitsFromEnv({});
const rules = [literalArgumentsRule(limits), queryCostRule({ maxCost: 10_000, defaultLimit: 25, maxLimit: 100 })];
const errorsOf = (query: string) => validate(schema, parse(query), [...specifiedRules, ...rules]).map((error) => error.message);

describe('GraphQL limits', () => {
  it('multiplies lists by their page size (default 25, variables at the maximum), connections included', () => {
    expect(errorsOf('{ articles { title mentionedOrganizations { name } } }')).toEqual([]); // 25 + 625
    expect(errorsOf('{ articles(pagination: { limit: 100 }) { mentionedOrganizations(pagination: { limit: 99 }) { name } } }')).toEqual([]); // 100 + 9,900
    expect(errorsOf('{ articles(pagination: { limit: 100 }) { mentionedOrganizations(pagination: { limit: 100 }) { name } } }')[0]).toMatch(
      /^query cost over 10000 \(GRAPHQL_MAX_COST\)/
    );
    expect(errorsOf('query ($p: PaginationArg) { articles(pagination: $p) { mentionedOrganizations(pagination: $p) { name } } }')[0]).toMatch(/GRAPHQL_MAX_COST/);
    expect(errorsOf('{ articles_connection(pagination: { limit: 100 }) { nodes { mentionedOrganizations(pagination: { limit: 100 }) { name } } } }')[0]).toMatch(
      /GRAPHQL_MAX_COST/
    );
    // Through fragments and aliases.
    expect(
      errorsOf(
        '{ a: articles(pagination: { limit: 100 }) { ...F } b: articles(pagination: { limit: 100 }) { ...F } } fragment F on Article { mentionedOrganizations(pagination: { limit: 60 }) { name } }'
      )[0]
    ).toMatch(/GRAPHQL_MAX_COST/);
  });

  it('bounds literal filters and lists, and refuses prototype names in input objects', () => {
    const or = (n: number) => `{ articles(filters: { or: [${Array.from({ length: n }, (_, index) => `{ title: { eq: "t${index}" } }`).join(',')}] }) { title } }`;
    expect(errorsOf(or(50))).toEqual([]);
    expect(errorsOf(or(51))).toContain('filters: more than 50 conditions (QUERY_MAX_FILTER_CONDITIONS)');
    expect(errorsOf(`{ articles(filters: { title: { in: [${Array(101).fill('"x"').join(',')}] } }) { title } }`)[0]).toMatch(/a list of 101 values; the limit is 100/);
    // A mutation's data may be long (an article body); a read's lists may not.
    expect(errorsOf(`mutation { createArticle(data: { body: [${Array(150).fill('{ type: "paragraph" }').join(',')}] }) { title } }`)).toEqual([]);
    expect(errorsOf('mutation { createArticle(data: { title: "x", body: [{ constructor: 1 }] }) { title } }')).toContain(
      'constructor: "constructor" is not allowed (a name of Object.prototype is never a field name)'
    );
  });

  it('checks variables: prototype names anywhere, filters variables within the filter limits', () => {
    const operation = parse('query ($f: ArticleFiltersInput!, $p: PaginationArg) { articles(filters: $f, pagination: $p) { title } }').definitions[0];
    if (operation.kind !== Kind.OPERATION_DEFINITION) throw new Error('operation expected');
    expect(filterVariableNames(operation)).toEqual(['f']);
    expect(variablesViolation({ f: { or: Array.from({ length: 51 }, () => ({ title: { eq: 'x' } })) } }, ['f'], limits)?.message).toBe(
      'variables.f: more than 50 conditions (QUERY_MAX_FILTER_CONDITIONS)'
    );
    expect(variablesViolation({ data: JSON.parse('{"body":[{"toString":1}]}') }, [], limits)?.parameter).toBe('variables.data.body.0.toString');
    expect(variablesViolation({ f: { title: { eq: 'constructor' } } }, ['f'], limits)).toBeNull();
    expect(toStrapiFilters({ or: [{ title: { in: ['a'] } }] })).toEqual({ $or: [{ title: { $in: ['a'] } }] });
  });

  it('never throws on any document, whatever its fragments (property)', () => {
    const name = fc.constantFrom('articles', 'mentionedOrganizations', 'mentionedIn', 'title', 'name', 'nodes', 'articles_connection');
    const { selection } = fc.letrec<{ selection: string }>((tie) => ({
      selection: fc.oneof(
        { depthSize: 'small' },
        name,
        fc.constantFrom('...A', '...B'),
        fc.tuple(name, fc.integer({ min: -1, max: 500 }), tie('selection')).map(([field, limit, inner]) => `${field}(pagination: { limit: ${limit} }) { ${inner} }`)
      ),
    }));
    fc.assert(
      fc.property(selection, selection, selection, (root, a, b) => {
        const document = `{ articles { ${root} } } fragment A on Article { ${a} } fragment B on Organization { ${b} }`;
        let parsed;
        try {
          parsed = parse(document);
        } catch {
          return;
        }
        // The rules alone (as if graphql's own had passed), cycles and unknown fields included.
        expect(() => validate(schema, parsed, rules)).not.toThrow();
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 1000) }
    );
  });
});

/** Each rule at its edges: the limit itself accepted, one past it refused, and the message exact. */
describe('GraphQL limits at their edges', () => {
  const operationOf = (query: string): OperationDefinitionNode => {
    const definition = parse(query).definitions[0];
    if (definition.kind !== Kind.OPERATION_DEFINITION) throw new Error('operation expected');
    return definition;
  };
  /** Our rules only: what they refuse, whatever graphql's own rules say of the document. */
  const literalErrors = (query: string, own = limits) => validate(schema, parse(query), [literalArgumentsRule(own)]);
  const costErrors = (query: string, maxCost: number) =>
    validate(schema, parse(query), [queryCostRule({ maxCost, defaultLimit: 25, maxLimit: 100 })]).map((error) => error.message);
  /** The largest cost still accepted: the operation's cost. */
  const costOf = (query: string) => {
    let low = 0;
    let high = 1_000_000;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (costErrors(query, middle).length === 0) high = middle;
      else low = middle + 1;
    }
    return low;
  };
  const strings = (n: number) => `[${Array(n).fill('"x"').join(',')}]`;

  it('renames every Strapi operator to its $ form, and nothing else', () => {
    const operators = [
      'and',
      'or',
      'not',
      'eq',
      'eqi',
      'ne',
      'nei',
      'startsWith',
      'endsWith',
      'contains',
      'notContains',
      'containsi',
      'notContainsi',
      'gt',
      'gte',
      'lt',
      'lte',
      'null',
      'notNull',
      'in',
      'notIn',
      'between',
    ];
    for (const operator of operators) expect(toStrapiFilters({ title: { [operator]: 'x' } })).toEqual({ title: { [`$${operator}`]: 'x' } });
    expect(toStrapiFilters({ In: 1, equals: 2, title: { and: [[{ or: null }], 3, 'eq'] } })).toEqual({ In: 1, equals: 2, title: { $and: [[{ $or: null }], 3, 'eq'] } });
    for (const plain of [null, 3, 'or', true]) expect(toStrapiFilters(plain)).toBe(plain);
  });

  it("bounds a read's literal lists at the limit, anywhere, and names them", () => {
    expect(literalErrors(`{ articles(locales: ${strings(100)}) { title } }`)).toEqual([]);
    const [error, ...rest] = literalErrors(`{ articles(locales: ${strings(101)}) { title } }`);
    expect(rest).toEqual([]);
    expect(error.message).toBe('a list of 101 values; the limit is 100 (QUERY_MAX_LIST_LENGTH)');
    expect(error.locations).toEqual([{ line: 1, column: 21 }]);
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', http: { status: 400 } });
    // A mutation's lists are not bounded, but a fragment after it is read as a read.
    const mutationThenFragment = `mutation { createArticle(data: { body: ${strings(101)} }) { title } } fragment F on Query { articles(locales: ${strings(101)}) { title } }`;
    expect(literalErrors(mutationThenFragment).map((item) => item.message)).toEqual(['a list of 101 values; the limit is 100 (QUERY_MAX_LIST_LENGTH)']);
    expect(literalErrors(`query { articles(locales: ${strings(101)}) { title } } mutation { createArticle(data: ${strings(101)}) { title } }`)).toHaveLength(1);
    // A fragment before any operation is read as a read too.
    expect(literalErrors(`fragment F on Query { articles(locales: ${strings(101)}) { title } } query { ...F }`)).toHaveLength(1);
  });

  it('refuses U+0000 in any string literal, read or write, and prototype names as input fields only', () => {
    const nul = literalErrors('mutation { createArticle(data: { title: "a\\u0000" }) { title } }');
    expect(nul.map((item) => item.message)).toEqual([`a string ${NUL_PROBLEM}`]);
    expect(nul[0].locations).toEqual([{ line: 1, column: 41 }]);
    expect(literalErrors('{ article(id: "\\u0000") { title } }')).toHaveLength(1);
    expect(literalErrors('{ article(id: "a\\u0001") { title } }')).toEqual([]);
    const prototype = literalErrors('mutation { createArticle(data: { valueOf: 1 }) { title } }');
    expect(prototype.map((item) => item.message)).toEqual(['valueOf: "valueOf" is not allowed (a name of Object.prototype is never a field name)']);
    expect(prototype[0].locations).toEqual([{ line: 1, column: 43 }]);
    expect(literalErrors('mutation { createArticle(data: { title: "constructor", valueOf_: 1 }) { title } }')).toEqual([]);
  });

  it("checks literal filters with the REST limits, in GraphQL's operator names", () => {
    const own = { ...limits, maxFilterDepth: 2, maxListLength: 2 };
    expect(literalErrors('{ articles(filters: { title: { eq: "x" } }) { title } }', own)).toEqual([]);
    const deep = literalErrors('{ articles(filters: { or: [{ title: { eq: "x" } }] }) { title } }', own);
    expect(deep.map((item) => item.message)).toEqual(['filters[or][0][title][eq]: filters nested more than 2 levels deep (QUERY_MAX_FILTER_DEPTH)']);
    expect(deep[0].locations).toEqual([{ line: 1, column: 21 }]);
    // The argument's list is refused by the filter check (with its path) and by the list bound.
    expect(literalErrors('{ articles(filters: { title: { in: ["a", "b", "c"] } }) { title } }', own).map((item) => item.message)).toEqual([
      'filters[title][in]: a list of 3 values; the limit is 2 (QUERY_MAX_LIST_LENGTH)',
      'a list of 3 values; the limit is 2 (QUERY_MAX_LIST_LENGTH)',
    ]);
    // Only the argument named filters.
    expect(literalErrors('{ article(id: "x") { title } }', { ...limits, maxFilterConditions: 0 })).toEqual([]);
  });

  it('costs a list by its page size: limit or pageSize, clamped, the maximum for a variable, the default otherwise', () => {
    expect(costOf('{ articles { title } }')).toBe(25);
    expect(costOf('{ articles(pagination: { limit: 10 }) { title } }')).toBe(10);
    expect(costOf('{ articles(pagination: { pageSize: 7, page: 3 }) { title } }')).toBe(7);
    expect(costOf('{ articles(pagination: { page: 3 }) { title } }')).toBe(25);
    expect(costOf('{ articles(locales: ["en"], pagination: { limit: 3 }) { title } }')).toBe(3);
    expect(costOf('{ articles(pagination: null) { title } }')).toBe(25);
    expect(costOf('{ articles(pagination: { limit: 1000 }) { title } }')).toBe(100);
    expect(costOf('{ articles(pagination: { limit: -4 }) { mentionedOrganizations { name } } }')).toBe(0);
    expect(costOf('query ($l: Int) { articles(pagination: { limit: $l }) { title } }')).toBe(100);
    expect(costOf('query ($p: PaginationArg) { articles(pagination: $p) { title } }')).toBe(100);
    // Nested lists multiply; a single object costs one per parent; leaves cost nothing.
    expect(costOf('{ articles(pagination: { limit: 3 }) { mentionedOrganizations(pagination: { limit: 4 }) { name mentionedIn { title } } } }')).toBe(3 + 12 + 12 * 25);
    expect(costOf('{ article(id: 1) { title mentionedOrganizations(pagination: { limit: 2 }) { name } } }')).toBe(1 + 2);
    expect(costOf('mutation { createArticle(data: {}) { mentionedOrganizations(pagination: { limit: 5 }) { name } } }')).toBe(6);
    expect(costOf('subscription { articleAdded { mentionedOrganizations(pagination: { limit: 2 }) { name } } }')).toBe(3);
    // A list without a pagination argument takes the default, not its parent list's page.
    expect(costOf('{ articles(pagination: { limit: 3 }) { related { title } } }')).toBe(3 + 3 * 25);
  });

  it("hands a connection's page size to its nodes, and to no list that has its own", () => {
    // The connection is one object; its nodes are the page.
    expect(costOf('{ articles_connection(pagination: { limit: 4 }) { nodes { title } } }')).toBe(1 + 4);
    expect(costOf('{ articles_connection { nodes { title } } }')).toBe(1 + 25);
    expect(costOf('{ articles_connection(pagination: { limit: 4 }) { nodes(sort: "title") { title } } }')).toBe(1 + 4);
    expect(costOf('{ articles_connection(pagination: { limit: 4 }) { nodes { mentionedOrganizations { name } } } }')).toBe(1 + 4 + 4 * 25);
    expect(costOf('{ articles_connection(pagination: { limit: 4 }) { nodes { mentionedOrganizations(pagination: { limit: 2 }) { name } } } }')).toBe(1 + 4 + 8);
  });

  it('counts fragments where they are spread, inline or named, and each spread once per path', () => {
    expect(costOf('{ articles(pagination: { limit: 2 }) { ...F ...F } } fragment F on Article { mentionedOrganizations(pagination: { limit: 3 }) { name } }')).toBe(2 + 6 + 6);
    expect(costOf('{ articles(pagination: { limit: 2 }) { ... { mentionedOrganizations(pagination: { limit: 3 }) { name } } } }')).toBe(2 + 6);
    expect(costOf('{ articles(pagination: { limit: 2 }) { ... on Article { mentionedOrganizations(pagination: { limit: 3 }) { name } } } }')).toBe(2 + 6);
    expect(costOf('{ articles(pagination: { limit: 2 }) { ...Missing } }')).toBe(2);
    // A cycle (refused by graphql's own rules first): a fragment already on the path is not spread again.
    expect(
      costOf(
        '{ articles(pagination: { limit: 2 }) { ...A } } fragment A on Article { mentionedOrganizations(pagination: { limit: 3 }) { ...B } } fragment B on Organization { mentionedIn(pagination: { limit: 5 }) { ...A } }'
      )
    ).toBe(2 + 6 + 30);
  });

  it('refuses a cost one past the maximum, with a message that says how to ask less', () => {
    const query = '{ articles(pagination: { limit: 10 }) { mentionedOrganizations(pagination: { limit: 10 }) { name } } }';
    expect(costErrors(query, 110)).toEqual([]);
    expect(costErrors(query, 109)).toEqual([
      'query cost over 109 (GRAPHQL_MAX_COST): each list multiplies what it contains by its page size (25 by default, at most 100); ask for smaller pages or fewer nested lists',
    ]);
    const [error] = validate(schema, parse(`  ${query}`), [queryCostRule({ maxCost: 1, defaultLimit: 25, maxLimit: 100 })]);
    expect(error.locations).toEqual([{ line: 1, column: 3 }]);
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', http: { status: 400 } });
  });

  it('finds a prototype name anywhere in the variables, with a dotted path', () => {
    expect(variablesViolation(undefined, ['f'], limits)).toBeNull();
    expect(variablesViolation({ a: [1, 'constructor', { b: null }], c: { d: 'toString' } }, [], limits)).toBeNull();
    expect(variablesViolation(JSON.parse('{"a":[{"b":{"__proto__":1}}]}'), [], limits)).toEqual({
      parameter: 'variables.a.0.b.__proto__',
      message: 'variables.a.0.b.__proto__: "__proto__" is not allowed (a name of Object.prototype is never a field name)',
    });
  });

  it("checks each filters variable, and only those, with the REST limits in GraphQL's operator names", () => {
    const own = { ...limits, maxListLength: 2 };
    const threeValues = { title: { in: ['a', 'b', 'c'] } };
    expect(variablesViolation({ f: threeValues }, ['f'], own)).toEqual({
      parameter: 'variables.f[title][in]',
      message: 'variables.f[title][in]: a list of 3 values; the limit is 2 (QUERY_MAX_LIST_LENGTH)',
    });
    expect(variablesViolation({ f: threeValues, g: threeValues }, ['g'], own)?.parameter).toBe('variables.g[title][in]');
    expect(variablesViolation({ f: threeValues }, ['g'], own)).toBeNull();
    expect(variablesViolation({ f: { title: { in: ['a', 'b'] } } }, ['f'], own)).toBeNull();
    expect(variablesViolation({ f: { title: { eq: 'a\u0000' } } }, ['f'], own)).toEqual({ parameter: 'variables.f[title][eq]', message: `variables.f[title][eq]: ${NUL_PROBLEM}` });
    expect(variablesViolation({ f: { title: { eq: 'a\u0000' } } }, [], own)).toBeNull();
    // In a key too, which the filter limits do not read.
    expect(variablesViolation({ f: { ['ti\u0000tle']: { eq: 'a' } } }, ['f'], own)?.parameter).toBe('variables.f[ti\u0000tle]');
  });

  it('names the variables typed as a filters input, through lists and non-null', () => {
    expect(filterVariableNames(operationOf('query ($a: [ArticleFiltersInput!]!, $b: OrgFiltersInput, $c: String!, $d: [Filters]) { articles { title } }'))).toEqual(['a', 'b']);
    expect(filterVariableNames(operationOf('{ articles { title } }'))).toEqual([]);
  });

  it("refuses an operation's variables before execution with a 400, and lets the others through", async () => {
    const hooks = await variablesLimitPlugin({ ...limits, maxFilterConditions: 1 }).requestDidStart();
    const operation = operationOf('query ($f: ArticleFiltersInput) { articles(filters: $f) { title } }');
    const two = { f: { title: { eq: 'a' }, slug: { eq: 'b' } } };
    const refused = await hooks.didResolveOperation({ request: { variables: two }, operation }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GraphQLError);
    expect(refused).toMatchObject({ message: 'variables.f: more than 1 conditions (QUERY_MAX_FILTER_CONDITIONS)', extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
    await expect(hooks.didResolveOperation({ request: { variables: { f: { title: { eq: 'a' } } } }, operation })).resolves.toBeUndefined();
    // Without a resolved operation no variable is known to be filters; prototype names are still refused.
    await expect(hooks.didResolveOperation({ request: { variables: two }, operation: null })).resolves.toBeUndefined();
    await expect(hooks.didResolveOperation({ request: { variables: JSON.parse('{"x":{"constructor":1}}') } })).rejects.toThrow(
      'variables.x.constructor: "constructor" is not allowed'
    );
  });
});
