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
    },
  },
  'api::author.author': {
    uid: 'api::author.author',
    draftAndPublish: false,
    attributes: { name: { type: 'string' }, articles: relation('oneToMany', 'api::article.article') },
  },
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
