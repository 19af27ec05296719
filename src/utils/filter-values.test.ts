import fc from 'fast-check';
import { checkFilterValues, checkPopulateFilterValues, type AttributeInfo, type AttributesOf } from './filter-values';

/** A small model set shaped like the database metadata: ids, a relation, a component, media. */
const MODELS: Record<string, Record<string, AttributeInfo>> = {
  article: {
    id: { type: 'increments' },
    documentId: { type: 'string' },
    title: { type: 'string' },
    views: { type: 'biginteger' },
    score: { type: 'float' },
    date: { type: 'date' },
    publishedAt: { type: 'datetime' },
    autolink: { type: 'boolean' },
    body: { type: 'blocks' },
    choices: { type: 'json' },
    author: { type: 'relation', target: 'author' },
    cover: { type: 'relation', target: 'file' },
  },
  author: { id: { type: 'increments' }, name: { type: 'string' }, aliases: { type: 'relation', target: 'alias' } },
  alias: { id: { type: 'increments' }, value: { type: 'string' } },
  file: { id: { type: 'increments' }, name: { type: 'string' } },
  page: { id: { type: 'increments' }, sections: { type: 'relation', target: 'section' } },
  section: { id: { type: 'increments' }, heading: { type: 'string' }, author: { type: 'relation', target: 'author' } },
  ledger: { id: { type: 'biginteger' } },
};
const attributesOf: AttributesOf = (uid) => MODELS[uid];
const check = (filters: unknown) => checkFilterValues(filters, 'article', attributesOf);

describe('filter values against their columns', () => {
  it('accepts what each column can be compared with', () => {
    for (const filters of [
      { id: { $eq: 3 } },
      { id: '3' },
      { id: { $in: ['1', 2, ' 3 '] } },
      { id: { $between: ['1', '9'] } },
      { id: { $null: 'true' } },
      { id: { $notNull: 'x' } },
      { title: { $containsi: 'waitro', $eq: 'x', $startsWith: '' } },
      { views: { $gt: '9007199254740993' } },
      { score: { $lt: '1.5e3' } },
      { date: { $gte: '2024-01-01' }, publishedAt: { $lt: '2024-01-01T00:00:00Z' } },
      { autolink: { $eq: 'true' } },
      { body: { $null: true }, choices: { $notNull: true } },
      { author: { $eq: '4' } },
      { author: '4' },
      { author: { name: { $contains: 'x' }, aliases: { value: { $eqi: 'x' } } } },
      { cover: { id: { $in: [1, 2] } } },
      { $or: [{ id: 1 }, { title: 'x' }], $and: { 0: { id: '2' }, 1: { $not: { title: 'y' } } } },
      { id: { $not: { $eq: 2 } }, title: { $or: [{ $eq: 'a' }, { $eq: 'b' }] } },
      { unknownName: { $eq: 'left to Strapi' }, title: { $bogus: 'left to Strapi' } },
    ]) {
      expect(check(filters)).toBeNull();
    }
  });

  it('refuses a value an integer column cannot hold, naming where and why', () => {
    expect(check({ id: { $eq: 'x' } })).toEqual({ parameter: 'filters[id][$eq]', message: 'filters[id][$eq]: "x" is not one of the whole numbers id holds' });
    expect(check({ id: '' })?.parameter).toBe('filters[id]');
    expect(check({ id: { $in: ['1', 'a'] } })?.parameter).toBe('filters[id][$in][1]');
    expect(check({ id: { $lt: 1.5 } })?.parameter).toBe('filters[id][$lt]');
    // PostgreSQL's integer is 32 bits: one past it was a 500.
    expect(check({ id: { $eq: '2147483647' } })).toBeNull();
    expect(check({ id: { $eq: '2147483648' } })?.parameter).toBe('filters[id][$eq]');
    expect(check({ id: { $gt: -2147483648 } })).toBeNull();
    expect(check({ id: { $gt: -2147483649 } })?.parameter).toBe('filters[id][$gt]');
    expect(check({ views: { $eq: '9223372036854775807' } })).toBeNull();
    expect(check({ views: { $eq: '9223372036854775808' } })?.parameter).toBe('filters[views][$eq]');
    expect(check({ score: { $eq: 'NaN' } })?.message).toBe('filters[score][$eq]: "NaN" is not one of the numbers score holds');
  });

  it("refuses a relation's, a media field's and a component's id compared with text, at any depth", () => {
    expect(check({ author: { $eq: 'x' } })?.parameter).toBe('filters[author][$eq]');
    expect(check({ author: 'x' })?.parameter).toBe('filters[author]');
    expect(check({ author: { id: { $ne: 'x' } } })?.parameter).toBe('filters[author][id][$ne]');
    expect(check({ author: { aliases: { $in: ['1', 'x'] } } })?.parameter).toBe('filters[author][aliases][$in][1]');
    expect(check({ cover: { $gt: 'x' } })?.parameter).toBe('filters[cover][$gt]');
    expect(check({ $or: [{ title: 'a' }, { $and: [{ $not: { author: { id: 'x' } } }] }] })?.parameter).toBe('filters[$or][1][$and][0][$not][author][id]');
  });

  it('refuses text matching on numbers, dates and booleans, and any comparison on JSON', () => {
    for (const operator of ['$eqi', '$nei', '$contains', '$notContains', '$containsi', '$notContainsi', '$startsWith', '$startsWithi', '$endsWith', '$endsWithi']) {
      expect(check({ id: { [operator]: '1' } })).toEqual({
        parameter: `filters[id][${operator}]`,
        message: `filters[id][${operator}]: ${operator} matches text, and id holds whole numbers`,
      });
      expect(check({ publishedAt: { [operator]: '2024' } })?.message).toBe(`filters[publishedAt][${operator}]: ${operator} matches text, and publishedAt holds dates`);
      expect(check({ autolink: { [operator]: 't' } })?.parameter).toBe(`filters[autolink][${operator}]`);
    }
    expect(check({ body: { $eq: 'x' } })).toEqual({
      parameter: 'filters[body][$eq]',
      message: 'filters[body][$eq]: body holds JSON, which can only be filtered with $null or $notNull',
    });
    expect(check({ choices: 'x' })?.parameter).toBe('filters[choices]');
    expect(check({ choices: { $containsi: 'x' } })?.parameter).toBe('filters[choices][$containsi]');
  });

  it('refuses an object or a list of lists where a value belongs', () => {
    expect(check({ title: { $eq: { k: 'v' } } })).toEqual({
      parameter: 'filters[title][$eq]',
      message: 'filters[title][$eq]: $eq takes a value or a list of values, not an object',
    });
    expect(check({ title: { $in: [['a']] } })?.message).toBe('filters[title][$in][0]: $in takes a value or a list of values, not a list of lists');
  });

  it('reads numbers as PostgreSQL does: whole strings only, whitespace around allowed, each range to its edge', () => {
    for (const value of ['x1', '1x', '1 2', '', ' ', '1.0', '0x10', 1.5, true]) expect(check({ id: { $eq: value } })?.parameter).toBe('filters[id][$eq]');
    for (const value of [' 7 ', '-3', '007', 0, null]) expect(check({ id: { $eq: value } })).toBeNull();
    for (const value of ['x1', '1x', '', 1.5, Number.MAX_SAFE_INTEGER + 2]) expect(check({ views: { $eq: value } })?.parameter).toBe('filters[views][$eq]');
    for (const value of [' 5 ', 5, '-9223372036854775808', null]) expect(check({ views: { $eq: value } })).toBeNull();
    expect(check({ views: { $eq: '-9223372036854775809' } })?.parameter).toBe('filters[views][$eq]');
    for (const value of ['1.5', '-1.5E+2', '.5', '5.', ' 2.5 ', '10', '3e7', 2.5, null]) expect(check({ score: { $eq: value } })).toBeNull();
    for (const value of ['1e', 'e5', '1.2.3', 'x1.5', '1.5x', '..5', '1e+', '1e5.5', '', Infinity]) expect(check({ score: { $eq: value } })?.parameter).toBe('filters[score][$eq]');
  });

  it('checks every operator of a column, inside its own $and, $or and $not, and every key of a model', () => {
    expect(check({ id: { $eq: 1, $ne: 'x' } })?.parameter).toBe('filters[id][$ne]');
    expect(check({ id: { $null: 'x', $eq: 'y' } })?.parameter).toBe('filters[id][$eq]');
    expect(check({ id: { $or: [{ $eq: 1 }, { $eq: 'x' }] } })?.parameter).toBe('filters[id][$or][1][$eq]');
    expect(check({ id: { $and: { 0: { $eq: 'x' } } } })?.parameter).toBe('filters[id][$and][0][$eq]');
    expect(check({ id: { $or: 'x' } })?.parameter).toBe('filters[id][$or][0]');
    expect(check({ id: { $not: { $eq: 'x' } } })?.parameter).toBe('filters[id][$not][$eq]');
    expect(check({ id: { $not: 'x' } })?.parameter).toBe('filters[id][$not]');
    expect(check({ id: { $bogus: 'x' } })).toBeNull();
    expect(check({ title: 'ok', id: 'x' })?.parameter).toBe('filters[id]');
    expect(check({ $or: [{ id: 'x' }, { id: 1 }] })?.parameter).toBe('filters[$or][0][id]');
    expect(check({ $and: [{ id: 1 }, { id: 'x' }] })?.parameter).toBe('filters[$and][1][id]');
    expect(check([{ id: 1 }, { id: 'x' }])?.parameter).toBe('filters[1][id]');
    expect(check('x')).toBeNull();
    expect(checkFilterValues({ id: 'x' }, 'unknown', attributesOf)).toBeNull();
    // A model's own operators compare its id, as its id's type holds them.
    expect(checkFilterValues({ $eq: '9999999999' }, 'ledger', attributesOf)).toBeNull();
    expect(checkFilterValues({ $eq: '9999999999' }, 'author', attributesOf)?.message).toBe('filters[$eq]: "9999999999" is not one of the whole numbers id holds');
  });

  it('says what was wrong in each refusal', () => {
    expect(check({ author: { $eq: 'x' } })?.message).toBe('filters[author][$eq]: "x" is not one of the whole numbers id holds');
    expect(check({ author: 'x' })?.message).toBe('filters[author]: "x" is not one of the whole numbers id holds');
    expect(check({ choices: 'x' })?.message).toBe('filters[choices]: choices holds JSON, which can only be filtered with $null or $notNull');
    expect(check({ body: { $containsi: 'x' } })?.message).toBe('filters[body][$containsi]: body holds JSON, which can only be filtered with $null or $notNull');
    expect(check({ title: [{ k: 'v' }] })?.message).toBe('filters[title][0]: $eq takes a value or a list of values, not an object');
    expect(check({ autolink: { $contains: 't' } })?.message).toBe('filters[autolink][$contains]: $contains matches text, and autolink holds true or false');
    expect(check({ score: { $startsWith: '1' } })?.message).toBe('filters[score][$startsWith]: $startsWith matches text, and score holds numbers');
  });

  it('checks the filters inside a populate against the model they filter', () => {
    const populate = (filters: unknown) => checkPopulateFilterValues({ author: { populate: { aliases: { filters } } } }, 'article', attributesOf);
    expect(populate({ value: { $eq: 'x' } })).toBeNull();
    expect(populate({ id: { $eq: 'x' } })?.parameter).toBe('populate[author][populate][aliases][filters][id][$eq]');
    expect(checkPopulateFilterValues({ cover: { filters: { id: 'x' } } }, 'article', attributesOf)?.parameter).toBe('populate[cover][filters][id]');
    expect(checkPopulateFilterValues({ author: true, cover: '*', title: { filters: { id: 'x' } } }, 'article', attributesOf)).toBeNull();
    expect(checkPopulateFilterValues({ author: { filters: { id: 1 } }, cover: { filters: { id: 'x' } } }, 'article', attributesOf)?.parameter).toBe('populate[cover][filters][id]');
    expect(checkPopulateFilterValues({ author: { populate: { aliases: { filters: { id: 1 } } } }, cover: { filters: { id: 'x' } } }, 'article', attributesOf)?.parameter).toBe(
      'populate[cover][filters][id]'
    );
    for (const populate of ['*', ['author'], true, null]) expect(checkPopulateFilterValues(populate, 'article', attributesOf)).toBeNull();
    expect(checkPopulateFilterValues({ author: { filters: { id: 'x' } } }, 'unknown', attributesOf)).toBeNull();
    // A dynamic zone: `on` names each component, whose own filters and populates are checked.
    const zone = (on: unknown) => checkPopulateFilterValues({ sections: { on } }, 'page', attributesOf);
    expect(zone({ section: { filters: { heading: { $eq: 'x' } } } })).toBeNull();
    expect(zone({ section: { filters: { id: 'x' } } })?.parameter).toBe('populate[sections][on][section][filters][id]');
    expect(zone({ section: { populate: { author: { filters: { id: 'x' } } } } })?.parameter).toBe('populate[sections][on][section][populate][author][filters][id]');
    expect(zone({ other: true, section: { filters: { id: 1 } } })).toBeNull();
    expect(zone({ alias: { filters: { value: 'x' } }, section: { filters: { id: 'x' } } })?.parameter).toBe('populate[sections][on][section][filters][id]');
  });

  it('never throws on any filters, and a refusal always names a path under filters (property)', () => {
    const key = fc.constantFrom(...Object.keys(MODELS.article), '$and', '$or', '$not', '$eq', '$in', '$between', '$contains', '$null', 'name', 'aliases', 'value', 'x');
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.bigInt().map(String));
    const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('tree'), { maxLength: 3 }), fc.dictionary(key, tie('tree'), { maxKeys: 3 })),
    }));
    fc.assert(
      fc.property(tree, (filters) => {
        const problem = check(filters);
        if (problem) expect(problem.message.startsWith(`${problem.parameter}: `) && problem.parameter.startsWith('filters[')).toBe(true);
      })
    );
  });
});
