import { createApiToken, startApp, type TestApp } from '../helpers/app';

// CONTENT_API_USERS=true: the operator puts users-permissions' users and roles back on the content API.
let app: TestApp;
let fullToken: string;

beforeAll(async () => {
  app = await startApp({ env: { CONTENT_API_USERS: 'true' } });
  fullToken = await createApiToken(app.strapi, 'full-access');
  const register = await app.http().post('/api/auth/local/register').send({ username: 'reader', email: 'reader@example.org', password: 'Reader-password-1' });
  expect(register.status).toBe(200);
});
afterAll(async () => {
  await app?.stop();
  delete process.env.CONTENT_API_USERS;
});

describe('CONTENT_API_USERS=true', () => {
  it('GET /api/users answers a full-access token', async () => {
    const response = await app.http().get('/api/users').set('Authorization', `Bearer ${fullToken}`);
    expect(response.status).toBe(200);
    expect(response.body.map((user: { email: string }) => user.email)).toEqual(['reader@example.org']);
    expect((await app.http().get('/api/users-permissions/roles').set('Authorization', `Bearer ${fullToken}`)).status).toBe(200);
  });

  it('GraphQL usersPermissionsUsers answers a full-access token', async () => {
    const response = await app.http().post('/graphql').set('Authorization', `Bearer ${fullToken}`).send({ query: '{ usersPermissionsUsers { username } }' });
    expect(response.body).toEqual({ data: { usersPermissionsUsers: [{ username: 'reader' }] } });
  });

  it("still keeps the plugins' internal types off", async () => {
    const response = await app.http().post('/graphql').set('Authorization', `Bearer ${fullToken}`).send({ query: '{ deliveries { documentId } }' });
    expect(response.status).toBe(400);
  });
});
