import type { Core } from '@strapi/strapi';

/** Admin actions of our plugins that editors and authors get by default. */
export const EDITOR_ACTIONS = ['plugin::org-linker.read'] as const;
const EDITOR_ROLES = ['strapi-editor', 'strapi-author'] as const;

/**
 * Gives the Editor and Author roles the organization panel, once per database: later
 * changes an administrator makes to those roles stand. Runs in the app's bootstrap
 * because the admin creates its default roles after the plugins' bootstrap.
 */
export const grantEditorActions = async (strapi: Core.Strapi): Promise<void> => {
  const store = strapi.store({ type: 'app', name: 'newsroom', key: 'editor-actions' });
  // Nothing to grant while the plugin is disabled; the grant happens on the first start with it.
  if (!strapi.plugin('org-linker') || (await store.get({}))) return;
  const roles = await strapi.db.query('admin::role').findMany({ where: { code: { $in: [...EDITOR_ROLES] } }, select: ['id'] });
  for (const role of roles) {
    const existing = await strapi.db.query('admin::permission').findMany({ where: { role: role.id, action: { $in: [...EDITOR_ACTIONS] } }, select: ['action'] });
    const missing = EDITOR_ACTIONS.filter((action) => !existing.some((permission) => permission.action === action));
    if (missing.length > 0) {
      await strapi.service('admin::permission').createMany(missing.map((action) => ({ action, subject: null, properties: {}, conditions: [], role: role.id })));
    }
  }
  await store.set({ value: { grantedAt: new Date().toISOString(), actions: EDITOR_ACTIONS } });
};
