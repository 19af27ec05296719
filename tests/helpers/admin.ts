import type { Core } from '@strapi/strapi';
import type { TestApp } from './app';

export type AdminRoleCode = 'strapi-super-admin' | 'strapi-editor' | 'strapi-author';

export interface AdminSession {
  email: string;
  password: string;
  /** Bearer token for the admin API (/admin/..., /<plugin>/... admin routes). */
  token: string;
}

let sequence = 0;

/** Creates an active admin user with one of Strapi's default roles. */
export const createAdminUser = async (strapi: Core.Strapi, role: AdminRoleCode) => {
  sequence += 1;
  const email = `${role}-${process.pid}-${sequence}@newsroom.test`;
  const password = 'Test-password-1';
  const roleRow = await strapi.db.query('admin::role').findOne({ where: { code: role } });
  if (!roleRow) throw new Error(`No admin role ${role}`);
  const hashed = await strapi.service('admin::auth').hashPassword(password);
  await strapi.db.query('admin::user').create({
    data: { email, password: hashed, firstname: role, lastname: 'Tester', isActive: true, roles: [roleRow.id] },
  });
  return { email, password };
};

/** Logs in through the real admin login route and returns a bearer token. */
export const loginAdmin = async (app: TestApp, credentials: { email: string; password: string }): Promise<AdminSession> => {
  const response = await app.http().post('/admin/login').send(credentials);
  if (response.status !== 200) throw new Error(`admin login failed: ${response.status} ${JSON.stringify(response.body)}`);
  const token = response.body.data?.token ?? response.body.data?.accessToken;
  if (typeof token !== 'string') throw new Error(`admin login returned no token: ${JSON.stringify(response.body)}`);
  return { ...credentials, token };
};

export const adminSession = async (app: TestApp, role: AdminRoleCode = 'strapi-super-admin'): Promise<AdminSession> => loginAdmin(app, await createAdminUser(app.strapi, role));
