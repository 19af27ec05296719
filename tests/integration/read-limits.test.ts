import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { articleData } from '../helpers/factories';

/**
 * Every public read has a bounded cost, refused with 400 naming the parameter and the limit
 * before the work is done (README "Public API limits"). The caps on populated entries are set low
 * here (QUERY_MAX_RELATION_ENTRIES=12, default 100; QUERY_MAX_POPULATED_ENTRIES=30, default 5,000)
 * so that a few articles exceed them.
 */

const RELATION_CAP = 12;
/** Entries all populated relations of one request may hold (QUERY_MAX_POPULATED_ENTRIES; default 5,000). */
const TOTAL_CAP = 30;
const CAS = 'chinese-academy-of-sciences';

let app: TestApp;
let token: string;

beforeAll(async () => {
  app = await startApp({ demo: true, env: { QUERY_MAX_RELATION_ENTRIES: String(RELATION_CAP), QUERY_MAX_POPULATED_ENTRIES: String(TOTAL_CAP) } });
  token = await createApiToken(app.strapi, 'full-access');
  // With the demo article, RELATION_CAP + 1 published articles name the Chinese Academy of Sciences.
  for (let index = 0; index < RELATION_CAP; index += 1) {
    await app.strapi.documents('api::article.article').create({
      data: articleData({
        title: `Note ${index} on the Chinese Academy of Sciences`,
        date: `2024-01-${String(index + 1).padStart(2, '0')}`,
        body: [{ type: 'paragraph', children: [{ type: 'text', text: 'The Chinese Academy of Sciences opened a new lab.' }] }],
      }),
      status: 'published',
    });
  }
}, 120_000);
afterAll(() => app?.stop());

const get = (url: string) => app.http().get(url);
const graphql = (query: string, variables?: Record<string, unknown>, auth?: string) => {
  const call = app.http().post('/graphql').set('Content-Type', 'application/json');
  return (auth ? call.set('Authorization', `Bearer ${auth}`) : call).send({ query, variables });
};

/** A 400 in Strapi's error format whose message names the parameter and matches the problem. */
const expectRefused = (response: { status: number; body: { data?: unknown; error?: { status: number; message: string } } }, parameter: string, problem: RegExp) => {
  expect(response.status).toBe(400);
  expect(response.body.data).toBeNull();
  expect(response.body.error?.status).toBe(400);
  expect(response.body.error?.message).toContain(parameter);
  expect(response.body.error?.message).toMatch(problem);
};

const expectGraphqlRefused = (response: { status: number; body: { errors?: { message: string }[] } }, problem: RegExp) => {
  expect(response.status).toBe(400);
  expect(response.body.errors?.length).toBeGreaterThan(0);
  expect(response.body.errors!.map((error) => error.message).join('\n')).toMatch(problem);
};

const deepPopulate = (levels: number) => {
  const names = ['mentionedOrganizations', 'mentionedIn'];
  let url = '/api/articles?';
  for (let level = 0; level < levels; level += 1) url += `${level === 0 ? 'populate' : '[populate]'}[${names[level % 2]}]`;
  return `${url}[fields][0]=name`;
};

describe('REST populate', () => {
  it('refuses a populate ten levels deep at once, naming the parameter and the limit, while /_health answers', async () => {
    const started = Date.now();
    const [response, health] = await Promise.all([get(deepPopulate(10)), get('/_health')]);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(health.status).toBe(204);
    expectRefused(response, 'populate', /nested \d+ levels deep; the limit is 3 \(QUERY_MAX_POPULATE_DEPTH\)/);
    expectRefused(await get('/api/articles?populate=mentionedOrganizations.mentionedIn.mentionedOrganizations.mentionedIn'), 'populate', /limit is 3/);
  });

  it('serves a populate within the depth limit', async () => {
    const response = await get(`/api/articles?filters[slug][$eq]=syiit-becomes-a-full-member-of-waitro&populate[author][populate][articles][fields][0]=title`);
    expect(response.status).toBe(200);
    expect(response.body.data[0].author.articles).toEqual([expect.objectContaining({ title: 'SYIIT becomes a Full Member of WAITRO' })]);
  });

  it('refuses a populated relation holding more than the cap, and the README query pages through it instead', async () => {
    const refused = await get(`/api/organizations?filters[slug][$eq]=${CAS}&populate=mentionedIn`);
    expectRefused(
      refused,
      'populate[mentionedIn]',
      new RegExp(`an entry has ${RELATION_CAP + 1} mentionedIn; a populated relation may hold at most ${RELATION_CAP} \\(QUERY_MAX_RELATION_ENTRIES\\)`)
    );
    // Also when nested, and with populate=*.
    expectRefused(
      await get(`/api/articles?populate[mentionedOrganizations][populate][mentionedIn][fields][0]=title`),
      'populate[mentionedOrganizations][populate][mentionedIn]',
      /QUERY_MAX_RELATION_ENTRIES/
    );
    expectRefused(await get(`/api/organizations?filters[slug][$eq]=${CAS}&populate=*`), 'populate[mentionedIn]', /QUERY_MAX_RELATION_ENTRIES/);

    const page = await get(`/api/articles?filters[mentionedOrganizations][slug][$eq]=${CAS}&sort=date:desc&pagination[pageSize]=10`);
    expect(page.status).toBe(200);
    expect(page.body.data).toHaveLength(10);
    expect(page.body.meta.pagination).toMatchObject({ page: 1, pageSize: 10, total: RELATION_CAP + 1 });
    expect(page.body.data[0].date >= page.body.data[9].date).toBe(true);

    // An organization named by fewer articles than the cap is still served with its articles.
    const waitro = await get('/api/organizations?filters[acronym][$eq]=WAITRO&populate=mentionedIn');
    expect(waitro.status).toBe(200);
    expect(waitro.body.data[0].mentionedIn.map((article: { title: string }) => article.title)).toEqual(['SYIIT becomes a Full Member of WAITRO']);
  });

  it('refuses a request whose populated relations hold more than the total cap, and serves a smaller page', async () => {
    // 13 articles name 23 organizations in all (11 + 12), and the demo article announces its partnerships: over 30.
    const refused = await get('/api/articles?populate[mentionedOrganizations]=true&populate[partnerships]=true&pagination[pageSize]=100');
    expectRefused(refused, 'populate[partnerships]', new RegExp(`would load 3\\d entries or more; the limit is ${TOTAL_CAP} per request \\(QUERY_MAX_POPULATED_ENTRIES\\)`));
    const page = await get('/api/articles?populate[mentionedOrganizations]=true&populate[partnerships]=true&sort=date:desc&pagination[pageSize]=5');
    expect(page.status).toBe(200);
    expect(page.body.data).toHaveLength(5);
  });
});

describe('REST filters, fields and sort', () => {
  it('refuses too many conditions, too deep a nesting and too long a list, naming the limit', async () => {
    const or = Array.from({ length: 51 }, (_, index) => `filters[$or][${index}][title][$eq]=t${index}`).join('&');
    expectRefused(await get(`/api/articles?${or}`), 'filters', /more than 50 conditions \(QUERY_MAX_FILTER_CONDITIONS\)/);
    const list = Array.from({ length: 101 }, (_, index) => `filters[title][$in][${index}]=t${index}`).join('&');
    expectRefused(await get(`/api/articles?${list}`), 'filters[title][$in]', /a list of 101 values; the limit is 100 \(QUERY_MAX_LIST_LENGTH\)/);
    const deep = `filters${'[$and][0]'.repeat(9)}[title][$eq]=x`;
    expectRefused(await get(`/api/articles?${deep}`), 'filters', /nested more than 8 levels deep \(QUERY_MAX_FILTER_DEPTH\)/);
    const fields = Array.from({ length: 51 }, (_, index) => `fields[${index}]=title`).join('&');
    expectRefused(await get(`/api/articles?${fields}`), 'fields', /51 fields asked; the limit is 50 \(QUERY_MAX_FIELDS\)/);
    expectRefused(await get(`/api/articles?sort=${Array(11).fill('title').join(',')}`), 'sort', /11 sort keys; the limit is 10 \(QUERY_MAX_SORT\)/);
  });

  it('refuses a NUL character in a filter value with 400 (PostgreSQL cannot compare it: it was a 500)', async () => {
    expectRefused(await get('/api/authors?filters[$or][0][name][$containsi]=%00'), 'filters[$or][0][name][$containsi]', /U\+0000/);
    expectRefused(await get('/api/articles?filters[title][$in][0]=a%00b'), 'filters[title][$in][0]', /U\+0000/);
    const variables = await graphql('query ($f: AuthorFiltersInput) { authors(filters: $f) { name } }', { f: { name: { containsi: '\u0000' } } });
    expectGraphqlRefused(variables, /variables\.f\[name\]\[containsi\]: contains the character U\+0000/);
    const literal = await graphql('{ authors(filters: { name: { eq: "a\\u0000" } }) { name } }');
    expectGraphqlRefused(literal, /U\+0000/);
    const byId = await graphql('{ article(documentId: "x\\u0000") { title } }');
    expectGraphqlRefused(byId, /U\+0000/);
  });

  it('serves filters within the limits', async () => {
    const or = Array.from({ length: 20 }, (_, index) => `filters[$or][${index}][date][$eq]=2024-01-${String(index + 1).padStart(2, '0')}`).join('&');
    const response = await get(`/api/articles?${or}&pagination[pageSize]=100`);
    expect(response.status).toBe(200);
    expect(response.body.data).toHaveLength(RELATION_CAP);
  });
});

describe('prototype keys', () => {
  it.each([
    ['fields[0]=__proto__', 'fields[0]'],
    ['fields[0]=constructor', 'fields[0]'],
    ['fields=hasOwnProperty', 'fields'],
    ['populate=constructor', 'populate'],
    ['populate[0]=author.__proto__', 'populate[0]'],
    ['populate[hasOwnProperty]=true', 'populate[hasOwnProperty]'],
    ['populate[author][fields][0]=toString', 'populate[author][fields][0]'],
    ['sort=constructor:asc', 'sort'],
    ['sort[0]=valueOf', 'sort[0]'],
    ['filters[constructor][$eq]=x', 'filters[constructor]'],
    ['filters[title][toString]=x', 'filters[title][toString]'],
    ['filters[$or][0][isPrototypeOf][$eq]=x', 'filters[$or][0][isPrototypeOf]'],
  ])('GET /api/articles?%s → 400 naming %s', async (query, parameter) => {
    expectRefused(await get(`/api/articles?${query}`), parameter, /is not allowed \(a name of Object.prototype/);
  });

  it('a REST write with the key __proto__ is refused with 400 by the body parser', async () => {
    const body = '{"data":{"title":"Prototype __proto__","date":"2024-02-02","__proto__":{"x":1}}}';
    const response = await app.http().post('/api/articles').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send(body);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/forbidden prototype property/);
  });

  it.each(['constructor', 'toString', 'hasOwnProperty'])('a REST write with the key %s is refused with 400 naming its path', async (key) => {
    const body = `{"data":{"title":"Prototype ${key}","date":"2024-02-02","${key}":"x"}}`;
    const response = await app.http().post('/api/articles').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send(body);
    expectRefused(response, `data.${key}`, /is not allowed/);
    const nested = `{"data":{"title":"Nested ${key}","date":"2024-02-02","body":[{"type":"paragraph","children":[{"type":"text","text":"x","${key}":1}]}]}}`;
    const second = await app.http().post('/api/articles').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send(nested);
    expectRefused(second, `data.body.0.children.0.${key}`, /is not allowed/);
    expect(await app.strapi.db.query('api::article.article').count({ where: { title: { $startsWith: 'Prototype' } } })).toBe(0);
  });

  it('a GraphQL write with a prototype key is refused with 400, in the query or in variables', async () => {
    const literal = await graphql(
      'mutation { createArticle(data: { title: "Proto", date: "2024-02-02", body: [{ type: "paragraph", constructor: 1, children: [] }] }) { title } }',
      undefined,
      token
    );
    expectGraphqlRefused(literal, /constructor: "constructor" is not allowed/);
    const variables = await graphql(
      'mutation ($data: ArticleInput!) { createArticle(data: $data) { title } }',
      { data: { title: 'Proto', date: '2024-02-02', body: [{ type: 'paragraph', toString: 1, children: [] }] } },
      token
    );
    expectGraphqlRefused(variables, /variables\.data\.body\.0\.toString: "toString" is not allowed/);
    expect(await app.strapi.db.query('api::article.article').count({ where: { title: 'Proto' } })).toBe(0);
  });
});

describe('GraphQL', () => {
  it('refuses an or of 10,000 conditions (and of 60) with 400 and a message, in the query and in variables, quickly', async () => {
    const conditions = Array.from({ length: 10_000 }, (_, index) => ({ title: { eq: `t${index}` } }));
    const started = Date.now();
    const literal = await graphql(`{ articles(filters: { or: [${conditions.map((_, index) => `{ title: { eq: "t${index}" } }`).join(',')}] }) { title } }`);
    expectGraphqlRefused(literal, /Document contains more that 10000 tokens/);
    const sixty = await graphql(
      `{ articles(filters: { or: [${conditions
        .slice(0, 60)
        .map((_, index) => `{ title: { eq: "t${index}" } }`)
        .join(',')}] }) { title } }`
    );
    expectGraphqlRefused(sixty, /filters: more than 50 conditions \(QUERY_MAX_FILTER_CONDITIONS\)/);
    const variables = await graphql('query ($filters: ArticleFiltersInput) { articles(filters: $filters) { title } }', { filters: { or: conditions } });
    expectGraphqlRefused(variables, /variables\.filters: more than 50 conditions \(QUERY_MAX_FILTER_CONDITIONS\)/);
    expect(Date.now() - started).toBeLessThan(5000);
    const few = await graphql('query ($filters: ArticleFiltersInput) { articles(filters: $filters) { title } }', { filters: { or: conditions.slice(0, 3) } });
    expect(few.status).toBe(200);
    expect(few.body.errors).toBeUndefined();
  });

  it('refuses a fragment cycle with 400 and graphql’s message', async () => {
    const direct = await graphql('{ articles { ...A } } fragment A on Article { title ...B } fragment B on Article { date ...A }');
    expectGraphqlRefused(direct, /Cannot spread fragment "A" within itself/);
    const throughFields = await graphql('{ articles { ...A } } fragment A on Article { author { ...B } } fragment B on Author { articles { ...A } }');
    expectGraphqlRefused(throughFields, /Cannot spread fragment/);
    const unknown = await graphql('{ articles { ...Missing } }');
    expectGraphqlRefused(unknown, /Unknown fragment "Missing"/);
  });

  it('refuses an over-deep query with 400', async () => {
    let selection = 'name';
    for (let level = 0; level < 6; level += 1) selection = `mentionedOrganizations { mentionedIn { ${selection === 'name' ? 'title' : selection} } }`;
    const response = await graphql(`{ articles(pagination: { limit: 1 }) { ${selection} } }`);
    expectGraphqlRefused(response, /exceeds maximum operation depth of 10/);
  });

  it('refuses an over-costly query with 400 naming the limit, and serves the same shape with small pages', async () => {
    const costly = await graphql(
      '{ articles(pagination: { limit: 100 }) { mentionedOrganizations(pagination: { limit: 100 }) { mentionedIn(pagination: { limit: 100 }) { title } } } }'
    );
    expectGraphqlRefused(costly, /query cost over 10000 \(GRAPHQL_MAX_COST\)/);
    const aliases = await graphql(
      `{ ${Array.from({ length: 5 }, (_, index) => `a${index}: articles(pagination: { limit: 100 }) { mentionedOrganizations(pagination: { limit: 100 }) { name } }`).join(' ')} }`
    );
    expectGraphqlRefused(aliases, /GRAPHQL_MAX_COST/);
    const viaVariables = await graphql(
      'query ($p: PaginationArg) { articles(pagination: $p) { mentionedOrganizations(pagination: $p) { mentionedIn(pagination: $p) { title } } } }',
      { p: { limit: 2 } }
    );
    expectGraphqlRefused(viaVariables, /GRAPHQL_MAX_COST/);
    const small = await graphql('{ articles(pagination: { limit: 5 }) { mentionedOrganizations(pagination: { limit: 5 }) { mentionedIn(pagination: { limit: 5 }) { title } } } }');
    expect(small.status).toBe(200);
    expect(small.body.errors).toBeUndefined();
  });

  it('refuses too many selections (fragments expanded) with 400', async () => {
    const fragments = Array.from({ length: 12 }, (_, index) => `fragment F${index} on Article { title ${index < 11 ? `...F${index + 1} ...F${index + 1}` : ''} }`).join(' ');
    const response = await graphql(`
      {
        articles {
          ...F0
        }
      }
      ${fragments}
    `);
    expectGraphqlRefused(response, /Maximum selections exceeded|selections/i);
  });
});

describe('the README site examples still work', () => {
  it('REST: populate=*, the paginated mentions query and the partnerships example', async () => {
    const all = await get('/api/articles?populate=*&filters[slug][$eq]=syiit-becomes-a-full-member-of-waitro');
    expect(all.status).toBe(200);
    expect(all.body.data[0].author.name).toBe('Jerin Saviour');
    expect(all.body.data[0].mentionedOrganizations).toHaveLength(11);

    const organization = await get(`/api/organizations?filters[slug][$eq]=${CAS}`);
    expect(organization.status).toBe(200);
    expect(organization.body.data[0].name).toBe('Chinese Academy of Sciences');

    const partnerships = await get('/api/partnerships?populate[organization][fields][0]=name&populate[partner][fields][0]=name');
    expect(partnerships.status).toBe(200);
    expect(partnerships.body.data).toHaveLength(9);

    const bySector = await get('/api/articles?filters[sectors][slug][$eq]=new-energy');
    expect(bySector.status).toBe(200);
    expect(bySector.body.data.map((article: { slug: string }) => article.slug)).toEqual(['syiit-becomes-a-full-member-of-waitro']);
    expect(partnerships.body.data[0].organization.name).toEqual(expect.any(String));
    expect(partnerships.body.data[0].partner.name).toEqual(expect.any(String));
  });

  it('GraphQL: the README query', async () => {
    const response = await graphql('{ articles { title date author { name } mentionedOrganizations { name acronym slug } } }');
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    const demo = response.body.data.articles.find((article: { title: string }) => article.title === 'SYIIT becomes a Full Member of WAITRO');
    expect(demo.author).toEqual({ name: 'Jerin Saviour' });
    expect(demo.mentionedOrganizations.length).toBeGreaterThan(0);
  });
});
