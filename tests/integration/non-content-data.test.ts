import type { Core } from '@strapi/strapi';
import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { paragraph } from '../helpers/blocks';

/**
 * Users' personal data and plugins' internal types never answer the content API, whoever asks
 * (src/bootstrap/non-content.ts). Decided statuses: a REST route that is off does not exist:
 * 404 for GET, 405 for other methods (Strapi's answer for any path no route serves: its static
 * file handler serves GET everywhere); a GraphQL query or mutation that is off does not exist either, 400 "Cannot query field";
 * users-permissions' hand-written user/role mutations stay in the schema but are refused with
 * a Forbidden error. The opt-in (CONTENT_API_USERS=true) is in non-content-data-opt-in.test.ts.
 */

type Identity = 'anonymous' | 'siteUser' | 'readToken' | 'fullToken';
const IDENTITIES: Identity[] = ['anonymous', 'siteUser', 'readToken', 'fullToken'];
// Types sites render; every other plugin:: type is off.
const SITE_PLUGIN_TYPES = ['plugin::upload.file', 'plugin::i18n.locale'];

let app: TestApp;
const bearer: Partial<Record<Identity, string>> = {};
let siteUserId: number;
let roleId: number;

const get = (who: Identity, path: string) => {
  const call = app.http().get(path);
  return bearer[who] ? call.set('Authorization', `Bearer ${bearer[who]}`) : call;
};
const send = (who: Identity, method: 'post' | 'put' | 'delete', path: string, body: object = {}) => {
  const call = app.http()[method](path);
  return (bearer[who] ? call.set('Authorization', `Bearer ${bearer[who]}`) : call).send(body);
};
const graphql = (who: Identity, query: string) => send(who, 'post', '/graphql', { query });

const offPluginTypes = (strapi: Core.Strapi) => Object.values(strapi.contentTypes).filter(({ uid }) => uid.startsWith('plugin::') && !SITE_PLUGIN_TYPES.includes(uid));

beforeAll(async () => {
  app = await startApp();
  const { strapi } = app;
  bearer.readToken = await createApiToken(strapi, 'read-only');
  bearer.fullToken = await createApiToken(strapi, 'full-access');

  // A site user signs up and logs in through the real routes (these must keep working).
  const register = await app.http().post('/api/auth/local/register').send({ username: 'reader', email: 'reader@example.org', password: 'Reader-password-1' });
  expect(register.status).toBe(200);
  const login = await app.http().post('/api/auth/local').send({ identifier: 'reader@example.org', password: 'Reader-password-1' });
  expect(login.status).toBe(200);
  bearer.siteUser = login.body.jwt;
  siteUserId = login.body.user.id;
  roleId = (await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } }))!.id;

  // A published article with a cover: media must still render.
  const file = await strapi.db.query('plugin::upload.file').create({
    data: { name: 'cover.png', hash: 'cover_hash', ext: '.png', mime: 'image/png', size: 1, url: '/uploads/cover_hash.png', provider: 'local', folderPath: '/' },
  });
  await strapi.documents('api::article.article').create({
    data: { title: 'Covered news', date: '2024-01-01', body: [paragraph('News.')], cover: file.id },
    status: 'published',
  });
});
afterAll(() => app?.stop());

describe('users and internal types are off the content API', () => {
  const restRoutes = (): Array<[string, number, (who: Identity) => ReturnType<typeof get>]> => [
    ['GET /api/users', 404, (who) => get(who, '/api/users')],
    ['GET /api/users/:id', 404, (who) => get(who, `/api/users/${siteUserId}`)],
    ['GET /api/users/count', 404, (who) => get(who, '/api/users/count')],
    ['POST /api/users', 405, (who) => send(who, 'post', '/api/users', { username: 'x', email: 'x@example.org', password: 'Password-123', role: roleId })],
    ['PUT /api/users/:id', 405, (who) => send(who, 'put', `/api/users/${siteUserId}`, { username: 'renamed' })],
    ['DELETE /api/users/:id', 405, (who) => send(who, 'delete', `/api/users/${siteUserId}`)],
    ['GET /api/users-permissions/roles', 404, (who) => get(who, '/api/users-permissions/roles')],
    ['GET /api/users-permissions/roles/:id', 404, (who) => get(who, `/api/users-permissions/roles/${roleId}`)],
    ['POST /api/users-permissions/roles', 405, (who) => send(who, 'post', '/api/users-permissions/roles', { name: 'x', description: 'x', permissions: {} })],
    ['PUT /api/users-permissions/roles/:id', 405, (who) => send(who, 'put', `/api/users-permissions/roles/${roleId}`, { name: 'x' })],
    ['GET /api/users-permissions/permissions', 404, (who) => get(who, '/api/users-permissions/permissions')],
  ];

  it.each(IDENTITIES)('REST: users, roles and permissions do not exist (404, 405 for writes) for %s', async (who) => {
    for (const [name, status, call] of restRoutes()) {
      const response = await call(who);
      expect({ name, status: response.status }).toEqual({ name, status });
      expect(JSON.stringify(response.body)).not.toMatch(/reader@example\.org/);
    }
    // Nothing was changed behind the 404s.
    const user = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: siteUserId } });
    expect(user?.username).toBe('reader');
  });

  it.each(IDENTITIES)('REST: no route of any internal plugin type (derived from strapi.contentTypes) answers %s', async (who) => {
    const types = offPluginTypes(app.strapi);
    expect(types.map(({ uid }) => uid)).toEqual(
      expect.arrayContaining(['plugin::org-linker.relink-job', 'plugin::newsletter.endpoint', 'plugin::newsletter.delivery', 'plugin::newsletter.event'])
    );
    for (const { uid, info } of types) {
      const plugin = uid.slice('plugin::'.length).split('.')[0];
      for (const path of [
        `/api/${info.pluralName}`,
        `/api/${info.singularName}`,
        `/api/${plugin}/${info.pluralName}`,
        `/api/${plugin}/${info.singularName}`,
        `/api/${plugin}/${info.pluralName}/1`,
      ]) {
        const response = await get(who, path);
        expect({ uid, path, status: response.status }).toEqual({ uid, path, status: 404 });
      }
    }
    // And no content-API route mounted by a plugin serves one of them.
    const contentApiPaths = app.strapi.server
      .listRoutes()
      .map((layer) => layer.path)
      .filter((path) => path.startsWith('/api/'));
    expect(contentApiPaths.filter((path) => /^\/api\/(users|users\/count|users\/:id|users-permissions\/(roles|permissions).*)$/.test(path))).toEqual([]);
    expect(contentApiPaths).toContain('/api/users/me');
  });

  it.each(IDENTITIES)('GraphQL: no query or mutation of any internal plugin type exists for %s', async (who) => {
    const naming = app.strapi.plugin('graphql').service('utils').naming;
    const schema = await graphql(who, '{ __schema { queryType { fields { name } } mutationType { fields { name } } } }');
    expect(schema.status).toBe(200);
    const queries = new Set<string>(schema.body.data.__schema.queryType.fields.map((field: { name: string }) => field.name));
    const mutations = new Set<string>(schema.body.data.__schema.mutationType.fields.map((field: { name: string }) => field.name));
    for (const contentType of offPluginTypes(app.strapi)) {
      for (const name of [naming.getFindQueryName(contentType), naming.getFindOneQueryName(contentType), naming.getFindConnectionQueryName(contentType)]) {
        expect({ uid: contentType.uid, query: name, present: queries.has(name) }).toEqual({ uid: contentType.uid, query: name, present: false });
        const response = await graphql(who, `{ ${name} { __typename } }`);
        expect(response.status).toBe(400);
        expect(response.body.errors[0].message).toMatch(`Cannot query field "${name}" on type "Query".`);
      }
      for (const name of [naming.getCreateMutationTypeName(contentType), naming.getUpdateMutationTypeName(contentType), naming.getDeleteMutationTypeName(contentType)]) {
        // users-permissions' own user/role mutations stay in the schema (refused below); every other is gone.
        if (/^(create|update|delete)UsersPermissions(User|Role)$/.test(name)) continue;
        expect({ uid: contentType.uid, mutation: name, present: mutations.has(name) }).toEqual({ uid: contentType.uid, mutation: name, present: false });
      }
    }
    // Still there: the site's own types, media, and the user's own profile.
    for (const name of ['articles', 'article', 'uploadFiles', 'i18NLocales', 'me']) expect(queries).toContain(name);
  });

  it.each(IDENTITIES)('GraphQL: usersPermissionsUsers, usersPermissionsUser and usersPermissionsRoles are 400 for %s', async (who) => {
    for (const [name, query] of [
      ['usersPermissionsUsers', '{ usersPermissionsUsers { documentId username email } }'],
      ['usersPermissionsUser', `{ usersPermissionsUser(documentId: "x") { documentId email } }`],
      ['usersPermissionsRoles', '{ usersPermissionsRoles { documentId name } }'],
      ['usersPermissionsRole', '{ usersPermissionsRole(documentId: "x") { documentId name } }'],
      ['relinkJobs', '{ relinkJobs { documentId } }'],
    ]) {
      const response = await graphql(who, query);
      expect({ name, status: response.status }).toEqual({ name, status: 400 });
      expect(response.body.errors[0].message).toMatch(`Cannot query field "${name}" on type "Query".`);
      expect(JSON.stringify(response.body)).not.toMatch(/reader@example\.org/);
    }
  });

  it.each(IDENTITIES)("GraphQL: users-permissions' user and role mutations are refused for %s", async (who) => {
    const attempts = [
      `mutation { createUsersPermissionsUser(data: { username: "intruder", email: "intruder@example.org", password: "Password-123" }) { data { documentId } } }`,
      `mutation { updateUsersPermissionsUser(id: "${siteUserId}", data: { username: "renamed" }) { data { documentId } } }`,
      `mutation { deleteUsersPermissionsUser(id: "${siteUserId}") { data { documentId } } }`,
      `mutation { createUsersPermissionsRole(data: { name: "intruders" }) { ok } }`,
      `mutation { updateUsersPermissionsRole(id: "${roleId}", data: { name: "renamed" }) { ok } }`,
      `mutation { deleteUsersPermissionsRole(id: "${roleId}") { ok } }`,
    ];
    for (const query of attempts) {
      const response = await graphql(who, query);
      const field = /\{ (\w+)\(/.exec(query)![1];
      expect({ query, data: response.body.data?.[field] ?? null }).toEqual({ query, data: null });
      expect(response.body.errors[0].extensions.code).toBe('FORBIDDEN');
    }
    expect(await app.strapi.db.query('plugin::users-permissions.user').count({ where: { username: 'intruder' } })).toBe(0);
    expect((await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: siteUserId } }))?.username).toBe('reader');
    expect((await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { id: roleId } }))?.type).toBe('authenticated');
  });
});

describe('what site users and sites legitimately need still works', () => {
  it('a logged-in site user reads their own profile at /api/users/me and through GraphQL me', async () => {
    const me = await get('siteUser', '/api/users/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: siteUserId, username: 'reader', email: 'reader@example.org' });
    expect(me.body.password).toBeUndefined();

    const gql = await graphql('siteUser', '{ me { username email } }');
    expect(gql.body).toEqual({ data: { me: { username: 'reader', email: 'reader@example.org' } } });

    expect((await get('anonymous', '/api/users/me')).status).toBe(403);
  });

  it('login through GraphQL still works', async () => {
    const response = await graphql('anonymous', 'mutation { login(input: { identifier: "reader@example.org", password: "Reader-password-1" }) { jwt user { username } } }');
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.login.user.username).toBe('reader');
  });

  it('media referenced by articles still render (REST populate and GraphQL cover { url })', async () => {
    const rest = await get('anonymous', '/api/articles?populate=cover');
    expect(rest.status).toBe(200);
    expect(rest.body.data[0].cover.url).toBe('/uploads/cover_hash.png');

    const gql = await graphql('readToken', '{ articles { title cover { url mime } } }');
    expect(gql.body).toEqual({ data: { articles: [{ title: 'Covered news', cover: { url: '/uploads/cover_hash.png', mime: 'image/png' } }] } });
  });
});
