import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { adminContentTypes, adminPermissions, adminRoles } from '../utils/strapi-services';

/** Admin actions of our plugins that editors and authors get by default. */
export const EDITOR_ACTIONS = ['plugin::org-linker.read'] as const;
const EDITOR_ROLES = ['strapi-editor', 'strapi-author'] as const;

const idRow = z.object({ id: z.coerce.number() });
const actionRow = z.object({ action: z.string() });
const roleRow = z.object({ id: z.coerce.number(), code: z.string() });
/** An action of the admin's action provider (kept whole: its other properties go into the permissions). */
const actionSchema = z.looseObject({ section: z.string(), subjects: z.array(z.string()).optional() });

/**
 * Gives the Editor and Author roles the organization panel, once per database: later
 * changes an administrator makes to those roles stand. Runs in the app's bootstrap
 * because the admin creates its default roles after the plugins' bootstrap.
 */
export const grantEditorActions = async (strapi: Core.Strapi): Promise<void> => {
  const store = strapi.store({ type: 'app', name: 'newsroom', key: 'editor-actions' });
  // Nothing to grant while the plugin is disabled; the grant happens on the first start with it.
  if (!strapi.plugin('org-linker') || (await store.get({}))) return;
  const roles = z.array(idRow).parse(await strapi.db.query('admin::role').findMany({ where: { code: { $in: [...EDITOR_ROLES] } }, select: ['id'] }));
  for (const role of roles) {
    const existing = z
      .array(actionRow)
      .parse(await strapi.db.query('admin::permission').findMany({ where: { role: role.id, action: { $in: [...EDITOR_ACTIONS] } }, select: ['action'] }));
    const missing = EDITOR_ACTIONS.filter((action) => !existing.some((permission) => permission.action === action));
    if (missing.length > 0) {
      await adminPermissions(strapi).createMany(missing.map((action) => ({ action, subject: null, properties: {}, conditions: [], role: role.id })));
    }
  }
  await store.set({ value: { grantedAt: new Date().toISOString(), actions: EDITOR_ACTIONS } });
};

/** Content types added after databases were set up, whose admin permissions the Editor and Author roles lack there. */
const ADDED_TYPES = ['api::sector.sector'] as const;

/**
 * Strapi gives the Editor and Author roles their content permissions only when it creates the
 * roles (a new database). A type added later gets, once per database, what a new database
 * gives it: editors every action, authors the same but publish on entries they created. A role that already
 * has a permission on the type is left alone, and so are later changes an administrator makes.
 */
export const grantAddedTypes = async (strapi: Core.Strapi): Promise<void> => {
  const store = strapi.store({ type: 'app', name: 'newsroom', key: 'added-type-permissions' });
  const done = new Set(((await store.get({})) as { types?: string[] } | null | undefined)?.types ?? []);
  const pending = ADDED_TYPES.filter((uid) => !done.has(uid));
  if (pending.length === 0) return;
  const roles = z.array(roleRow).parse(await strapi.db.query('admin::role').findMany({ where: { code: { $in: [...EDITOR_ROLES] } }, select: ['id', 'code'] }));
  const contentTypeActions = z
    .array(actionSchema)
    .parse(adminPermissions(strapi).actionProvider.values())
    .filter((action) => action.section === 'contentTypes');
  for (const uid of pending) {
    const actions = contentTypeActions.filter((action) => action.subjects?.includes(uid)).map((action) => ({ ...action, subjects: [uid] }));
    const permissions = z.array(z.record(z.string(), z.unknown())).parse(adminContentTypes(strapi).getPermissionsWithNestedFields(actions));
    for (const role of roles) {
      if ((await strapi.db.query('admin::permission').count({ where: { role: role.id, subject: uid } })) > 0) continue;
      // As Strapi makes them: authors without publish, on what they created.
      const own =
        role.code === 'strapi-author'
          ? permissions
              .filter((permission) => permission.action !== 'plugin::content-manager.explorer.publish')
              .map((permission) => ({ ...permission, conditions: ['admin::is-creator'] }))
          : permissions;
      await adminRoles(strapi).addPermissions(role.id, own);
    }
  }
  await store.set({ value: { grantedAt: new Date().toISOString(), types: [...done, ...pending] } });
};
