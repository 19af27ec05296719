import type { Core } from '@strapi/strapi';
import { z } from 'zod';

export const PUBLIC_CONTENT_TYPES = ['api::article.article', 'api::author.author', 'api::organization.organization', 'api::partnership.partnership', 'api::sector.sector'] as const;

const READ_ACTIONS = ['find', 'findOne'] as const;
const ROLE_TYPES = ['public', 'authenticated'] as const;

/**
 * Makes sure the Public and Authenticated roles may find/findOne the public types.
 * Idempotent; grants nothing else (no create/update/delete).
 */
export const ensurePublicRead = async (strapi: Core.Strapi): Promise<void> => {
  const wanted = PUBLIC_CONTENT_TYPES.flatMap((uid) => READ_ACTIONS.map((action) => `${uid}.${action}`));
  const roles = z.array(z.object({ id: z.coerce.number() })).parse(
    await strapi.db.query('plugin::users-permissions.role').findMany({
      where: { type: { $in: [...ROLE_TYPES] } },
      select: ['id', 'type'],
    })
  );
  for (const role of roles) {
    const existing = z.array(z.object({ action: z.string() })).parse(
      await strapi.db.query('plugin::users-permissions.permission').findMany({
        where: { role: role.id, action: { $in: wanted } },
        select: ['action'],
      })
    );
    const have = new Set(existing.map((permission) => permission.action));
    const missing = wanted.filter((action) => !have.has(action));
    // One create per permission: createMany does not write the role relation (a join table).
    // At most ten rows, and only on the first boot (or the first after a type is added).
    for (const action of missing) {
      await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
    }
  }
};
