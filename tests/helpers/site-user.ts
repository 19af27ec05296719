import type { TestApp } from './app';

/**
 * A site user of the Authenticated role (users-permissions), logged in through the real
 * /api/auth/local route; returns the JWT a site would send.
 */
export const siteUserToken = async (app: TestApp, email = 'reader@example.org', password = 'Reader-password-1'): Promise<string> => {
  const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  await app.strapi
    .plugin('users-permissions')
    .service('user')
    .add({
      username: email.split('@')[0],
      email,
      password,
      provider: 'local',
      confirmed: true,
      blocked: false,
      role: role!.id,
    });
  const login = await app.http().post('/api/auth/local').send({ identifier: email, password });
  if (login.status !== 200) throw new Error(`site user login answered ${login.status}: ${JSON.stringify(login.body)}`);
  return login.body.jwt as string;
};
