import Database from 'better-sqlite3';
import fc from 'fast-check';
import { checkSort, constrainFilters, constrainReadParams, DraftInvisibilityError, type Schema } from './draft-invisibility';

const relation = (relationType: string, target: string) => ({ type: 'relation', relation: relationType, target });
const SCHEMAS: Record<string, Schema> = {
  'api::article.article': {
    uid: 'api::article.article',
    draftAndPublish: true,
    attributes: {
      title: { type: 'string' },
      publishedAt: { type: 'datetime' },
      author: relation('manyToOne', 'api::author.author'),
      mentionedOrganizations: relation('manyToMany', 'api::organization.organization'),
      cover: { type: 'media' },
      lead: relation('oneToOne', 'api::organization.organization'),
    },
  },
  'api::author.author': {
    uid: 'api::author.author',
    draftAndPublish: false,
    attributes: {
      name: { type: 'string' },
      role: { type: 'string' },
      articles: relation('oneToMany', 'api::article.article'),
      profile: { type: 'component', component: 'author.profile' },
      sections: { type: 'dynamiczone', components: ['author.profile'] },
      related: { type: 'relation', relation: 'morphToMany' },
    },
  },
  'author.profile': { uid: 'author.profile', draftAndPublish: false, attributes: { featured: relation('manyToOne', 'api::article.article') } },
  'api::organization.organization': {
    uid: 'api::organization.organization',
    draftAndPublish: true,
    attributes: {
      name: { type: 'string' },
      publishedAt: { type: 'datetime' },
      parent: relation('manyToOne', 'api::organization.organization'),
      children: relation('oneToMany', 'api::organization.organization'),
      mentionedIn: relation('manyToMany', 'api::article.article'),
      aliases: { type: 'component', component: 'organization.alias' },
    },
  },
  'organization.alias': { uid: 'organization.alias', draftAndPublish: false, attributes: { text: { type: 'string' } } },
  'plugin::upload.file': { uid: 'plugin::upload.file', draftAndPublish: false, attributes: { name: { type: 'string' } } },
};
const getSchema = (uid: string) => SCHEMAS[uid];
const published = { publishedAt: { $notNull: true } };
const AUTHOR = 'api::author.author';
const ORGANIZATION = 'api::organization.organization';
const ARTICLE = 'api::article.article';

describe('constrainFilters', () => {
  it('adds the published condition inside a relation into a draft & publish type (the attack)', () => {
    expect(constrainFilters({ articles: { title: { $startsWith: 'Emb' } } }, AUTHOR, getSchema)).toEqual({
      articles: { $and: [{ title: { $startsWith: 'Emb' } }, published] },
    });
  });

  it('leaves conditions without a relation, and relations into types without drafts, as they are', () => {
    const filters = { name: { $eq: 'Li' }, $or: [{ name: { $null: true } }], $not: { name: 'x' } };
    expect(constrainFilters(filters, AUTHOR, getSchema)).toEqual(filters);
    expect(constrainFilters({ author: { name: { $eq: 'Li' } } }, ARTICLE, getSchema)).toEqual({ author: { name: { $eq: 'Li' } } });
    expect(constrainFilters({ aliases: { text: 'x' }, logo: 1 }, ORGANIZATION, getSchema)).toEqual({ aliases: { text: 'x' }, logo: 1 });
  });

  it('constrains every hop at any depth, also through types without drafts and inside $and/$or', () => {
    const out = constrainFilters({ $or: [{ mentionedIn: { author: { articles: { title: { $contains: 'x' } } } } }] }, ORGANIZATION, getSchema);
    expect(out).toEqual({
      $or: [{ mentionedIn: { $and: [{ author: { articles: { $and: [{ title: { $contains: 'x' } }, published] } } }, published] } }],
    });
  });

  it('pushes $not below the relation so the published condition is never negated', () => {
    expect(constrainFilters({ $not: { articles: { title: { $eq: 'A' } } } }, AUTHOR, getSchema)).toEqual({
      articles: { $and: [{ $not: { title: { $eq: 'A' } } }, published] },
    });
    // not (a and b) = (not a) or (not b); not (a or b) = (not a) and (not b); not not a = a
    expect(constrainFilters({ $not: { name: 'Li', articles: { title: 'A' } } }, AUTHOR, getSchema)).toEqual({
      $or: [{ $not: { name: 'Li' } }, { articles: { $and: [{ $not: { title: 'A' } }, published] } }],
    });
    expect(constrainFilters({ $not: { $or: [{ articles: { title: 'A' } }, { name: 'Li' }] } }, AUTHOR, getSchema)).toEqual({
      $and: [{ articles: { $and: [{ $not: { title: 'A' } }, published] } }, { $not: { name: 'Li' } }],
    });
    expect(constrainFilters({ $not: { $not: { articles: { title: 'A' } } } }, AUTHOR, getSchema)).toEqual({
      articles: { $and: [{ title: 'A' }, published] },
    });
  });

  it('keeps a negation pushed below a relation without drafts inside $and (Strapi reads { relation: { $not } } as an id condition)', () => {
    expect(constrainFilters({ articles: { $and: [{ $not: { author: { name: { $gt: 'a' } } } }] } }, AUTHOR, getSchema)).toEqual({
      articles: { $and: [{ $and: [{ author: { $and: [{ $not: { name: { $gt: 'a' } } }] } }] }, published] },
    });
  });

  it('reads operator-only and id shorthand relation values as conditions on the related id', () => {
    expect(constrainFilters({ articles: 7 }, AUTHOR, getSchema)).toEqual({ articles: { $and: [{ id: 7 }, published] } });
    expect(constrainFilters({ articles: { $in: [1, 2] } }, AUTHOR, getSchema)).toEqual({ articles: { $and: [{ id: { $in: [1, 2] } }, published] } });
  });

  it('keeps "nothing published related" exact on a to-one relation of a draft & publish type', () => {
    expect(constrainFilters({ parent: { id: { $null: true } } }, ORGANIZATION, getSchema)).toEqual({
      parent: { $or: [{ $and: [{ id: { $null: true } }, published] }, { publishedAt: { $null: true } }] },
    });
    expect(constrainFilters({ $not: { parent: { id: { $notNull: true } } } }, ORGANIZATION, getSchema)).toEqual({
      parent: { $or: [{ $and: [{ $not: { id: { $notNull: true } } }, published] }, { publishedAt: { $null: true } }] },
    });
  });

  it('refuses a condition satisfied by "nothing related" on to-many relations or from a type without drafts, naming the parameter', () => {
    expect(() => constrainFilters({ articles: { id: { $null: true } } }, AUTHOR, getSchema)).toThrow(DraftInvisibilityError);
    expect(() => constrainFilters({ articles: { id: { $null: true } } }, AUTHOR, getSchema)).toThrow(/^filters\[articles\]:/);
    expect(() => constrainFilters({ $and: [{ children: { name: { $eq: null } } }] }, ORGANIZATION, getSchema)).toThrow(/^filters\[\$and\]\[0\]\[children\]:/);
    // a condition no empty row satisfies is accepted
    expect(() => constrainFilters({ articles: { id: { $notNull: true } } }, AUTHOR, getSchema)).not.toThrow();
    expect(() => constrainFilters({ articles: { title: { $ne: 'x' } } }, AUTHOR, getSchema)).not.toThrow();
  });

  it('speaks GraphQL', () => {
    expect(constrainFilters({ not: { articles: { title: { startsWith: 'E' } } } }, AUTHOR, getSchema, 'graphql')).toEqual({
      articles: { and: [{ not: { title: { startsWith: 'E' } } }, { publishedAt: { notNull: true } }] },
    });
    expect(() => constrainFilters({ articles: { title: { null: true } } }, AUTHOR, getSchema, 'graphql')).toThrow(DraftInvisibilityError);
  });
});

describe('checkSort', () => {
  it('refuses sorting through a relation into a draft & publish type, in every spelling', () => {
    for (const sort of ['articles.title', 'name,articles.title:desc', ['articles.title:asc'], { articles: { title: 'asc' } }, [{ articles: { title: 'desc' } }]]) {
      expect(() => checkSort(sort, AUTHOR, getSchema)).toThrow(/^sort: sorting by articles\.title/);
    }
    expect(() => checkSort('parent.name', ORGANIZATION, getSchema)).toThrow(DraftInvisibilityError);
  });

  it('allows sorting by own fields and through types without drafts', () => {
    for (const sort of ['name', 'name:desc', ['title', 'author.name:asc'], { author: { name: 'asc' } }, 'cover.name']) {
      expect(() => checkSort(sort, ARTICLE, getSchema)).not.toThrow();
    }
  });
});

describe('constrainReadParams', () => {
  it('rewrites filters and checks sorts inside populate at any depth', () => {
    const params = {
      fields: ['name'],
      filters: { articles: { title: 'A' } },
      populate: { articles: { filters: { mentionedOrganizations: { name: 'X' } }, populate: { mentionedOrganizations: { filters: { mentionedIn: { title: 'B' } } } } } },
    };
    expect(constrainReadParams(params, AUTHOR, getSchema)).toEqual({
      fields: ['name'],
      filters: { articles: { $and: [{ title: 'A' }, published] } },
      populate: {
        articles: {
          filters: { mentionedOrganizations: { $and: [{ name: 'X' }, published] } },
          populate: { mentionedOrganizations: { filters: { mentionedIn: { $and: [{ title: 'B' }, published] } } } },
        },
      },
    });
    expect(() => constrainReadParams({ populate: { articles: { sort: 'mentionedOrganizations.name' } } }, AUTHOR, getSchema)).toThrow(/^populate\[articles\]\[sort\]: /);
    expect(() => constrainReadParams({ populate: { articles: { filters: { mentionedOrganizations: { id: { $null: true } } } } } }, AUTHOR, getSchema)).toThrow(
      /^populate\[articles\]\[filters\]\[mentionedOrganizations\]: /
    );
  });
});

describe('GraphQL argument objects', () => {
  it('are rewritten although graphql-js makes them without a prototype', () => {
    const bare = <T extends object>(value: T): T => Object.assign(Object.create(null) as T, value);
    const filters = bare({ author: bare({ articles: bare({ title: bare({ startsWith: 'Emb' }) }) }) });
    expect(JSON.parse(JSON.stringify(constrainFilters(filters, ARTICLE, getSchema, 'graphql')))).toEqual({
      author: { articles: { and: [{ title: { startsWith: 'Emb' } }, { publishedAt: { notNull: true } }] } },
    });
  });
});

describe('publication filters', () => {
  it('are refused: they tell published entries with unpublished changes apart', () => {
    expect(() => constrainReadParams({ publicationFilter: 'modified' }, ARTICLE, getSchema)).toThrow(/^publicationFilter: /);
    expect(() => constrainReadParams({ hasPublishedVersion: 'true' }, ARTICLE, getSchema)).toThrow(/^hasPublishedVersion: /);
    expect(constrainReadParams({ status: 'published' }, ARTICLE, getSchema)).toEqual({ status: 'published' });
  });
});

/**
 * What an entry with nothing related satisfies is decided by SQL's three-valued logic on the
 * all-NULL row a LEFT JOIN gives. The reference here is SQLite itself: each generated condition
 * on `title` is written as SQL (as Strapi's query layer writes it) and evaluated on NULL.
 */
describe('conditions an entry with nothing related satisfies, against SQLite', () => {
  type Condition = null | string | string[] | { [operator: string]: unknown };
  const database = new Database(':memory:');
  afterAll(() => database.close());

  const sql = (condition: Condition, values: unknown[]): string => {
    const literal = (value: unknown) => {
      values.push(value);
      return '?';
    };
    if (condition === null) return 'x IS NULL';
    if (typeof condition === 'string') return `x = ${literal(condition)}`;
    if (Array.isArray(condition)) return condition.length === 0 ? '0' : `x IN (${condition.map(literal).join(', ')})`;
    const parts = Object.entries(condition).map(([operator, value]) => {
      const flag = value === true || value === 'true';
      switch (operator) {
        case '$eq':
          return sql(value as Condition, values);
        case '$ne':
          return value === null ? 'x IS NOT NULL' : `NOT (x = ${literal(value)})`;
        case '$null':
          return flag ? 'x IS NULL' : 'x IS NOT NULL';
        case '$notNull':
          return flag ? 'x IS NOT NULL' : 'x IS NULL';
        case '$startsWith':
          return `x LIKE ${literal(`${String(value)}%`)}`;
        case '$not':
          return `NOT (${sql(value as Condition, values)})`;
        case '$and':
          return (value as Condition[]).length === 0 ? '1' : (value as Condition[]).map((item) => `(${sql(item, values)})`).join(' AND ');
        case '$or':
          return (value as Condition[]).length === 0 ? '0' : (value as Condition[]).map((item) => `(${sql(item, values)})`).join(' OR ');
        case 'title':
          return sql(value as Condition, values);
        default:
          throw new Error(`no SQL for ${operator}`);
      }
    });
    return parts.length === 0 ? '1' : parts.map((part) => `(${part})`).join(' AND ');
  };
  const onNull = (condition: Condition): 0 | 1 | null => {
    const values: unknown[] = [];
    const expression = sql(condition, values);
    return (database.prepare(`SELECT (${expression}) AS v FROM (SELECT NULL AS x)`).get(...values) as { v: 0 | 1 | null }).v;
  };
  /** Whether the rewrite refuses a condition on the related `title`, or (`at: 'relation'`) a filter of the related entries. */
  const refused = (condition: Condition, at: 'title' | 'relation' = 'title') => {
    try {
      constrainFilters({ articles: at === 'title' ? { title: condition } : condition }, AUTHOR, getSchema);
      return false;
    } catch (error) {
      if (error instanceof DraftInvisibilityError) return true;
      throw error;
    }
  };

  const text = fc.constantFrom('a', 'Emb', '');
  const flag = fc.constantFrom(true, false, 'true', 'false');
  /** Conditions the rewrite decides exactly: no lists of values. */
  const exact = fc.letrec<{ condition: Condition }>((tie) => ({
    condition: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constant(null),
      text,
      fc.record({ $eq: fc.oneof(fc.constant(null), text) }),
      fc.record({ $ne: fc.oneof(fc.constant(null), text) }),
      fc.record({ $null: flag }),
      fc.record({ $notNull: flag }),
      fc.record({ $startsWith: text }),
      fc.record({ $not: tie('condition') }),
      fc.record({ $and: fc.array(tie('condition'), { maxLength: 3 }) }),
      fc.record({ $or: fc.array(tie('condition'), { maxLength: 3 }) }),
      fc.record({ $null: flag, $ne: text }, { requiredKeys: [] })
    ),
  })).condition;

  it('refuses exactly the conditions SQL makes true on an entry with nothing related (property)', () => {
    const seen = { refused: 0, accepted: 0 };
    fc.assert(
      fc.property(exact, (condition) => {
        const isTrue = onNull(condition) === 1;
        seen[isTrue ? 'refused' : 'accepted'] += 1;
        expect({ condition, refused: refused(condition) }).toEqual({ condition, refused: isTrue });
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 1000) }
    );
    // Both answers were really asked for.
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.accepted).toBeGreaterThan(0);
  });

  it('decides each operator as SQL does on NULL, negated or not', () => {
    const cases: Condition[] = [
      { $eqi: null },
      { $not: { $eqi: null } },
      { $ne: null },
      { $not: { $ne: null } },
      { $not: { $ne: 'a' } },
      { $not: { $nei: null } },
      { $null: 'false' },
      { $notNull: 'false' },
      { $not: { $null: false } },
      { $not: { $or: [{ $eq: 'a' }, { $ne: null }] } },
      { $not: { $or: [{ $eq: 'a' }, { $null: true }] } },
      { $not: { $and: [{ $eq: 'a' }, { $null: true }] } },
      { $not: { $and: [{ $eq: 'a' }, { $notNull: true }] } },
      { $or: [] },
      { $and: [] },
    ];
    const sqlOf = (condition: Condition) => {
      // $eqi and $nei compare case-insensitively: on NULL they are $eq and $ne.
      const plain = JSON.parse(JSON.stringify(condition).replace(/\$eqi/g, '$eq').replace(/\$nei/g, '$ne')) as Condition;
      return onNull(plain) === 1;
    };
    for (const condition of cases) expect({ condition, refused: refused(condition) }).toEqual({ condition, refused: sqlOf(condition) });
    // A flag that is neither true nor false may be read either way: refused.
    expect(refused({ $null: 'maybe' })).toBe(true);
    expect(refused({ $notNull: 'maybe' })).toBe(true);
  });

  it('decides filters of the related entries ($and, $or, negations inside them) as SQL does (property)', () => {
    const seen = { refused: 0, accepted: 0 };
    const filter = fc.letrec<{ filter: Condition; inner: Condition }>((tie) => ({
      filter: fc.oneof(
        { depthSize: 'small' },
        fc.record({ title: exact }),
        fc.record({ $and: fc.array(tie('inner'), { maxLength: 3 }) }),
        fc.record({ $or: fc.array(tie('inner'), { maxLength: 3 }) })
      ),
      // A negation is not the relation's own top (Strapi reads { relation: { $not } } as a condition on the id).
      inner: fc.oneof({ depthSize: 'small' }, tie('filter'), fc.record({ $not: tie('filter') })),
    })).filter;
    fc.assert(
      fc.property(filter, (value) => {
        const isTrue = onNull(value) === 1;
        seen[isTrue ? 'refused' : 'accepted'] += 1;
        expect({ value, refused: refused(value, 'relation') }).toEqual({ value, refused: isTrue });
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 1000) }
    );
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.accepted).toBeGreaterThan(0);
    // An operator beside the related fields cannot be read on NULL: refused rather than guessed.
    expect(refused({ title: null, $null: true }, 'relation')).toBe(true);
  });

  it('refuses every list condition SQL could make true, erring only on the side of refusing (property)', () => {
    const list = fc.array(fc.oneof(fc.constant(null), text), { maxLength: 3 }).map((values) => values as string[]);
    const condition = fc.oneof(list, fc.record({ $eq: list }), fc.record({ $not: list }), fc.record({ $or: fc.array(list, { maxLength: 2 }) }));
    fc.assert(
      fc.property(condition, (value) => {
        if (onNull(value) === 1) expect({ value, refused: refused(value) }).toEqual({ value, refused: true });
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 1000) }
    );
  });
});

describe('draft invisibility through every kind of join', () => {
  it('constrains a relation reached through a component, and names the error', () => {
    expect(constrainFilters({ profile: { featured: { title: 'A' } } }, AUTHOR, getSchema)).toEqual({ profile: { featured: { $and: [{ title: 'A' }, published] } } });
    const error = (() => {
      try {
        constrainFilters({ articles: { id: { $null: true } } }, AUTHOR, getSchema);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toMatchObject({
      name: 'DraftInvisibilityError',
      parameter: 'filters[articles]',
      message:
        'filters[articles]: a condition that an entry with no related articles satisfies (such as $null) is not supported through this relation; filter on a field of the related entries instead',
    });
  });

  it('keeps a negation through media inside the join, and leaves a relation without a target (polymorphic) as sent', () => {
    expect(constrainFilters({ $not: { cover: { name: 'x' } } }, ARTICLE, getSchema)).toEqual({ cover: { $and: [{ $not: { name: 'x' } }] } });
    expect(constrainFilters({ related: { title: { $null: true } } }, AUTHOR, getSchema)).toEqual({ related: { title: { $null: true } } });
    expect(constrainFilters({ $not: { name: 'Li', role: 'x' } }, AUTHOR, getSchema)).toEqual({ $not: { name: 'Li', role: 'x' } });
  });

  it('keeps "nothing published related" exact on a one-to-one relation too', () => {
    expect(constrainFilters({ lead: { id: { $null: true } } }, ARTICLE, getSchema)).toEqual({
      lead: { $or: [{ $and: [{ id: { $null: true } }, published] }, { publishedAt: { $null: true } }] },
    });
  });

  it('reads a value that is no plain object (a date) as a value, and leaves a $and that is no list to Strapi, which refuses it', () => {
    expect(() => constrainFilters({ articles: { publishedAt: new Date(0) } }, AUTHOR, getSchema)).not.toThrow();
    expect(constrainFilters({ $and: { 0: { articles: { title: 'A' } } } }, AUTHOR, getSchema)).toEqual({ $and: { 0: { articles: { title: 'A' } } } });
    expect(constrainFilters({ $and: { 0: { articles: { title: 'A' } } }, articles: { title: 'B' } }, AUTHOR, getSchema)).toEqual({
      $and: { 0: { articles: { title: 'A' } } },
      articles: { $and: [{ title: 'B' }, published] },
    });
    expect(constrainFilters(null, AUTHOR, getSchema)).toBeNull();
    expect(constrainReadParams(null, AUTHOR, getSchema)).toBeNull();
  });

  it('allows sorting by a relation itself, and reads sort fields trimmed, before their direction', () => {
    expect(() => checkSort('articles', AUTHOR, getSchema)).not.toThrow();
    expect(() => checkSort({ articles: 'asc' }, AUTHOR, getSchema)).not.toThrow();
    expect(() => checkSort(' articles.title :desc', AUTHOR, getSchema)).toThrow(/^sort: sorting by articles\.title /);
    expect(() => checkSort('name:desc, articles.title', AUTHOR, getSchema)).toThrow(/^sort: sorting by articles\.title /);
    expect(() => checkSort({ articles: ['title'] }, AUTHOR, getSchema)).toThrow(/^sort: sorting by articles\.title /);
  });

  it('rewrites populate through dynamic zones, and adds nothing a query did not have', () => {
    expect(constrainReadParams({ populate: { sections: { on: { 'author.profile': { filters: { featured: { title: 'A' } } } } } } }, AUTHOR, getSchema)).toStrictEqual({
      populate: { sections: { on: { 'author.profile': { filters: { featured: { $and: [{ title: 'A' }, published] } } } } } },
    });
    expect(() => constrainReadParams({ populate: { sections: { on: { 'author.profile': { sort: 'featured.title' } } } } }, AUTHOR, getSchema)).toThrow(
      /^populate\[sections\]\[on\]\[author\.profile\]\[sort\]: /
    );
    expect(constrainReadParams({ fields: ['name'], populate: { articles: true } }, AUTHOR, getSchema)).toStrictEqual({ fields: ['name'], populate: { articles: true } });
    expect(constrainReadParams({ populate: { articles: { fields: ['title'] } } }, AUTHOR, getSchema)).toStrictEqual({ populate: { articles: { fields: ['title'] } } });
  });

  it('lets empty publication parameters through, and names the one asked for', () => {
    expect(constrainReadParams({ publicationFilter: '', hasPublishedVersion: null }, ARTICLE, getSchema)).toStrictEqual({ publicationFilter: '', hasPublishedVersion: null });
    expect(() => constrainReadParams({ hasPublishedVersion: false }, ARTICLE, getSchema)).toThrow(
      new DraftInvisibilityError('hasPublishedVersion', 'selects entries by the state of their drafts; only a full-access API token may use it')
    );
  });
});
