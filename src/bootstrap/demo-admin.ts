import type { Core } from '@strapi/strapi';
import { adminUsers } from '../utils/strapi-services';

/** The development-only admin login, also printed at start and written in the README. */
export const DEMO_ADMIN = {
  email: 'admin@newsroom.local',
  password: 'Newsroom-demo-2023',
  firstname: 'Demo',
  lastname: 'Editor',
} as const;

/**
 * In development, creates the demo super admin when no admin exists yet, so a fresh
 * clone can log in at once. Never runs in production (callers check the environment).
 */
export const ensureDemoAdmin = async (strapi: Core.Strapi): Promise<boolean> => {
  const users = adminUsers(strapi);
  if (await users.exists()) return false;
  await users.createFirstAdmin({ ...DEMO_ADMIN });
  strapi.log.info(`[newsroom] Demo admin created: ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password} (development only)`);
  return true;
};
