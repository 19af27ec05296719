import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { adminSession, type AdminSession } from '../helpers/admin';
import { paragraph } from '../helpers/blocks';
import { storeSnapshot } from '../helpers/store';

/**
 * Every validation rule through the three writers the README names: REST, GraphQL and the
 * admin's content manager. A refused write answers with a message naming the field, and the
 * type's whole store (every row: draft and published versions, every field, the relation and
 * component tables) is exactly as it was. Limits are tried at their edge: at the limit accepted
 * and stored as sent, one past refused.
 */

type Uid = 'api::article.article' | 'api::organization.organization' | 'api::partnership.partnership';
type WriterName = 'REST' | 'GraphQL' | 'admin';
interface Answer {
  ok: boolean;
  status: number;
  message: string;
}

let app: TestApp;
let token: string;
let admin: AdminSession;
const targets = {} as Record<Uid, string>;
let orgA: string;
let orgB: string;
/** A child of the target organization: making it the target's parent is a cycle. */
let child: string;

const PLURAL: Record<Uid, string> = { 'api::article.article': 'articles', 'api::organization.organization': 'organizations', 'api::partnership.partnership': 'partnerships' };
const TYPE: Record<Uid, string> = { 'api::article.article': 'Article', 'api::organization.organization': 'Organization', 'api::partnership.partnership': 'Partnership' };
const localized = (uid: Uid) => uid === 'api::article.article';

/** Each writer updates the draft of a document (the published version must stay as it is too). */
const WRITERS: Record<WriterName, (uid: Uid, documentId: string, data: Record<string, unknown>) => Promise<Answer>> = {
  REST: async (uid, documentId, data) => {
    const response = await app
      .http()
      .put(`/api/${PLURAL[uid]}/${documentId}?status=draft${localized(uid) ? '&locale=en' : ''}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data });
    return { ok: response.status === 200, status: response.status, message: response.body?.error?.message ?? '' };
  },
  GraphQL: async (uid, documentId, data) => {
    const type = TYPE[uid];
    const query = `mutation($id: ID!, $data: ${type}Input!) { update${type}(documentId: $id, data: $data, status: DRAFT${localized(uid) ? ', locale: "en"' : ''}) { documentId } }`;
    const response = await app
      .http()
      .post('/graphql')
      .set('Authorization', `Bearer ${token}`)
      .send({ query, variables: { id: documentId, data } });
    const errors = (response.body?.errors ?? []) as { message: string }[];
    return {
      ok: response.status === 200 && errors.length === 0,
      status: response.status,
      message: errors.map((e) => e.message).join(' | ') || (response.body?.error?.message ?? ''),
    };
  },
  admin: async (uid, documentId, data) => {
    const response = await app
      .http()
      .put(`/content-manager/collection-types/${uid}/${documentId}${localized(uid) ? '?locale=en' : ''}`)
      .set('Authorization', `Bearer ${admin.token}`)
      .send(data);
    return { ok: response.status === 200, status: response.status, message: response.body?.error?.message ?? '' };
  },
};

/** A relation value as each writer sends it. */
const relation = (writer: WriterName, documentId: string): unknown => (writer === 'admin' ? { connect: [{ documentId }] } : documentId);

interface Rule {
  rule: string;
  uid: Uid;
  field: string;
  data: (writer: WriterName) => Record<string, unknown>;
  /** What REST and the admin answer, after `field: ` (GraphQL's own type checks may word it otherwise but name the field). */
  message?: RegExp;
}

const RULES: Rule[] = [
  { rule: 'an excerpt over 300 characters', uid: 'api::article.article', field: 'excerpt', data: () => ({ excerpt: 'e'.repeat(301) }), message: /must be at most 300 characters/ },
  { rule: 'a title over 255 characters', uid: 'api::article.article', field: 'title', data: () => ({ title: 't'.repeat(256) }) },
  { rule: 'an impossible date', uid: 'api::article.article', field: 'date', data: () => ({ date: '2024-02-30' }) },
  { rule: 'a malformed slug', uid: 'api::article.article', field: 'slug', data: () => ({ slug: 'Not A Slug' }) },
  {
    rule: 'a script link in the body',
    uid: 'api::article.article',
    field: 'body.0.children.1.url',
    data: () => ({ body: [paragraph('See ', { type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', text: 'this' }] })] }),
  },
  { rule: 'a lone surrogate in the title', uid: 'api::article.article', field: 'title', data: () => ({ title: 'Broken \ud800 text' }), message: /unpaired surrogate/ },
  { rule: 'a NUL in the excerpt', uid: 'api::article.article', field: 'excerpt', data: () => ({ excerpt: 'a\u0000b' }), message: /NUL/ },
  { rule: 'organization choices that are not a list', uid: 'api::article.article', field: 'organizationChoices', data: () => ({ organizationChoices: 'not a list' }) },
  {
    rule: 'a website that is not http(s)',
    uid: 'api::organization.organization',
    field: 'website',
    data: () => ({ website: 'ftp://example.org' }),
    message: /must be an http:\/\/ or https:\/\/ URL/,
  },
  { rule: 'an acronym of one character', uid: 'api::organization.organization', field: 'acronym', data: () => ({ acronym: 'X' }), message: /must be at least 2 characters/ },
  {
    rule: 'an alias of one character',
    uid: 'api::organization.organization',
    field: 'aliases.0.text',
    data: () => ({ aliases: [{ text: 'Z' }] }),
    message: /must be at least 2 characters/,
  },
  { rule: 'an unknown country code', uid: 'api::organization.organization', field: 'country', data: () => ({ country: 'XX' }) },
  { rule: 'an unknown type', uid: 'api::organization.organization', field: 'type', data: () => ({ type: 'startup' }) },
  {
    rule: 'a duplicate name in another letter case',
    uid: 'api::organization.organization',
    field: 'name',
    data: () => ({ name: 'REFUSED WRITES ORGANIZATION A' }),
    message: /already exists/,
  },
  { rule: 'an invalid ROR id', uid: 'api::organization.organization', field: 'rorId', data: () => ({ rorId: '03vek6s53' }) },
  {
    rule: 'an organization that would be its own ancestor',
    uid: 'api::organization.organization',
    field: 'parent',
    data: (w) => ({ parent: relation(w, child) }),
    message: /own parent/,
  },
  {
    rule: 'an endDate before the stored startDate',
    uid: 'api::partnership.partnership',
    field: 'endDate',
    data: () => ({ endDate: '2020-01-01' }),
    message: /must not be before startDate/,
  },
  { rule: 'an unknown kind', uid: 'api::partnership.partnership', field: 'kind', data: () => ({ kind: 'merger' }) },
  {
    rule: 'an organization partnering with itself',
    uid: 'api::partnership.partnership',
    field: 'partner',
    data: (w) => ({ partner: relation(w, orgA) }),
    message: /must be a different organization/,
  },
];

/** The write named `field`: REST and the admin as `field: problem`, GraphQL naming the field. */
const expectNamesField = (writer: WriterName, answer: Answer, rule: Rule) => {
  if (writer === 'GraphQL') {
    expect(answer.message).toContain(rule.field.split('.')[0]);
    return;
  }
  expect(answer.status).toBe(400);
  const own = answer.message.split('; ').find((part) => part.startsWith(`${rule.field}: `));
  expect({ message: answer.message, namesField: own !== undefined }).toEqual({ message: answer.message, namesField: true });
  if (rule.message) expect(own).toMatch(rule.message);
};

beforeAll(async () => {
  app = await startApp();
  token = await createApiToken(app.strapi, 'full-access');
  admin = await adminSession(app);
  orgA = (await app.strapi.documents('api::organization.organization').create({ data: { name: 'Refused Writes Organization A', acronym: 'RWOA' }, status: 'published' }))
    .documentId;
  orgB = (await app.strapi.documents('api::organization.organization').create({ data: { name: 'Refused Writes Organization B' }, status: 'published' })).documentId;
  // Each target has a published version and a draft that differs from it.
  const organization = await app.strapi.documents('api::organization.organization').create({
    data: { name: 'Refused Writes Target', acronym: 'RWT', website: 'https://target.example.org', country: 'FR', aliases: [{ text: 'Target alias' }] },
    status: 'published',
  });
  child = (await app.strapi.documents('api::organization.organization').create({ data: { name: 'Refused Writes Child', parent: organization.documentId }, status: 'published' }))
    .documentId;
  await app.strapi.documents('api::organization.organization').update({ documentId: organization.documentId, data: { city: 'Draft city' } });
  targets['api::organization.organization'] = organization.documentId;
  const article = await app
    .http()
    .post('/api/articles')
    .set('Authorization', `Bearer ${token}`)
    .send({ data: { title: 'Refused writes target', date: '2024-01-01', excerpt: 'Published excerpt', body: [paragraph('Refused Writes Organization A.')] } });
  expect(article.status).toBe(201);
  targets['api::article.article'] = article.body.data.documentId;
  await app.strapi.documents('api::article.article').update({ documentId: article.body.data.documentId, locale: 'en', data: { title: 'Refused writes target (draft)' } });
  const partnership = await app.strapi
    .documents('api::partnership.partnership')
    .create({ data: { organization: orgA, partner: orgB, kind: 'membership', startDate: '2024-05-01' }, status: 'published' });
  await app.strapi.documents('api::partnership.partnership').update({ documentId: partnership.documentId, data: { role: 'Draft role' } });
  targets['api::partnership.partnership'] = partnership.documentId;
});
afterAll(() => app?.stop());

describe.each(['REST', 'GraphQL', 'admin'] as const)('refused through %s', (writer) => {
  it.each(RULES.map((rule) => [rule.rule, rule] as const))('%s: names the field and changes nothing stored', async (_label, rule) => {
    const before = await storeSnapshot(app.strapi, rule.uid);
    const answer = await WRITERS[writer](rule.uid, targets[rule.uid], rule.data(writer));
    expect(answer.ok).toBe(false);
    expectNamesField(writer, answer, rule);
    expect(await storeSnapshot(app.strapi, rule.uid)).toBe(before);
  });
});

describe.each(['REST', 'GraphQL', 'admin'] as const)('limits at their edge through %s', (writer) => {
  const edges: {
    limit: string;
    uid: Uid;
    field: string;
    at: () => Record<string, unknown>;
    past: () => Record<string, unknown>;
    stored: (row: Record<string, unknown>) => unknown;
    expected: unknown;
  }[] = [
    {
      limit: 'excerpt: 300 characters',
      uid: 'api::article.article',
      field: 'excerpt',
      at: () => ({ excerpt: `${writer}:`.padEnd(300, 'x') }),
      past: () => ({ excerpt: 'x'.repeat(301) }),
      stored: (row) => row.excerpt,
      expected: `${writer}:`.padEnd(300, 'x'),
    },
    {
      limit: 'title: 255 characters',
      uid: 'api::article.article',
      field: 'title',
      at: () => ({ title: `${writer} `.padEnd(255, 'T') }),
      past: () => ({ title: 'T'.repeat(256) }),
      stored: (row) => row.title,
      expected: `${writer} `.padEnd(255, 'T'),
    },
    {
      limit: 'acronym: 2 characters',
      uid: 'api::organization.organization',
      field: 'acronym',
      at: () => ({ acronym: writer.slice(0, 2).toUpperCase() }),
      past: () => ({ acronym: 'Q' }),
      stored: (row) => row.acronym,
      expected: writer.slice(0, 2).toUpperCase(),
    },
  ];

  it.each(edges.map((edge) => [edge.limit, edge] as const))('%s: at the limit stored as sent, one past refused', async (_label, edge) => {
    const accepted = await WRITERS[writer](edge.uid, targets[edge.uid], edge.at());
    expect({ ok: accepted.ok, message: accepted.message }).toEqual({ ok: true, message: '' });
    const row = await app.strapi.db.query(edge.uid).findOne({ where: { documentId: targets[edge.uid], publishedAt: null } });
    expect(edge.stored(row as Record<string, unknown>)).toBe(edge.expected);
    const before = await storeSnapshot(app.strapi, edge.uid);
    const refused = await WRITERS[writer](edge.uid, targets[edge.uid], edge.past());
    expect(refused.ok).toBe(false);
    if (writer === 'GraphQL') expect(refused.message).toContain(edge.field);
    else expect(refused.message).toMatch(new RegExp(`(^|; )${edge.field}: `));
    expect(await storeSnapshot(app.strapi, edge.uid)).toBe(before);
  });
});

describe('the request body limit (BODY_JSON_LIMIT, 2 MB) at its edge', () => {
  const LIMIT = 2 * 1024 * 1024;
  /** A JSON body of exactly `bytes` bytes updating the organization's description (two-byte characters keep it under the text limit). */
  const bodyOf = (bytes: number): string => {
    const head = '{"data":{"description":"';
    const tail = '"}}';
    const room = bytes - Buffer.byteLength(head + tail);
    const text = 'é'.repeat(Math.floor(room / 2)) + 'x'.repeat(room % 2);
    const json = head + text + tail;
    expect(Buffer.byteLength(json)).toBe(bytes);
    return json;
  };

  it.each([
    ['REST', (id: string) => `/api/organizations/${id}?status=draft`, (json: string) => json, () => `Bearer ${token}`],
    [
      'admin',
      (id: string) => `/content-manager/collection-types/api::organization.organization/${id}`,
      (json: string) => `{${json.slice('{"data":{'.length, -1)}`,
      () => `Bearer ${admin.token}`,
    ],
  ] as const)('%s: a body of exactly 2 MB is read, one byte more gets 413 and changes nothing', async (_writer, path, shape, authorization) => {
    const uid = 'api::organization.organization';
    const id = targets[uid];
    // The admin's body has no "data" envelope: pad it back to the same size.
    const exact = (bytes: number) => {
      const json = shape(bodyOf(bytes));
      const missing = bytes - Buffer.byteLength(json);
      return missing === 0 ? json : json.replace('"description":"', `"description":"${'x'.repeat(missing)}`);
    };
    const atLimit = await app.http().put(path(id)).set('Authorization', authorization()).set('Content-Type', 'application/json').send(exact(LIMIT));
    expect(Buffer.byteLength(exact(LIMIT))).toBe(LIMIT);
    expect(atLimit.status).toBe(200);
    const row = await app.strapi.db.query(uid).findOne({ where: { documentId: id, publishedAt: null } });
    expect(Buffer.byteLength(String(row?.description))).toBeGreaterThan(LIMIT - 100);
    const before = await storeSnapshot(app.strapi, uid);
    const past = await app
      .http()
      .put(path(id))
      .set('Authorization', authorization())
      .set('Content-Type', 'application/json')
      .send(exact(LIMIT + 1));
    expect(past.status).toBe(413);
    expect(past.body.error.message).toBe('body: too large, over the 2mb allowed for a JSON body (BODY_JSON_LIMIT)');
    expect(await storeSnapshot(app.strapi, uid)).toBe(before);
  });
});
