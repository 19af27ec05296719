import { buildSchema, Kind, parse, specifiedRules, validate } from 'graphql';
import fc from 'fast-check';
import { filterVariableNames, literalArgumentsRule, queryCostRule, toStrapiFilters, variablesViolation } from './graphql-limits';
import { queryLimitsFromEnv } from './query-limits';

const schema = buildSchema(`
  input PaginationArg { limit: Int, pageSize: Int, page: Int, start: Int }
  input StringFilterInput { eq: String, in: [String] }
  input ArticleFiltersInput { title: StringFilterInput, or: [ArticleFiltersInput], and: [ArticleFiltersInput] }
  scalar JSON
  type Organization { name: String, mentionedIn(filters: ArticleFiltersInput, pagination: PaginationArg): [Article]! }
  type Article { title: String, body: JSON, mentionedOrganizations(pagination: PaginationArg): [Organization]! }
  type ArticleConnection { nodes: [Article]!, pageInfo: String }
  type Query {
    articles(filters: ArticleFiltersInput, pagination: PaginationArg): [Article]!
    articles_connection(pagination: PaginationArg): ArticleConnection
  }
  type Mutation { createArticle(data: JSON): Article }
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
