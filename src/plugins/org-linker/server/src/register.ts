import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from './constants';
import { trackDirectory } from './middlewares/track-directory';

export const RBAC_ACTIONS = [
  { section: 'plugins', displayName: 'See organization links while writing', uid: 'read', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'Relink articles', uid: 'relink', pluginName: PLUGIN_ID },
  {
    section: 'settings',
    category: 'Organization linker',
    subCategory: 'General',
    displayName: 'Read and change the linking settings',
    uid: 'settings',
    pluginName: PLUGIN_ID,
  },
];

/** The part of the admin's permission service used here (Strapi types its services loosely). */
interface PermissionService {
  actionProvider: { registerMany(actions: typeof RBAC_ACTIONS): Promise<void> };
}

const register = async ({ strapi }: { strapi: Core.Strapi }) => {
  await (strapi.service('admin::permission') as PermissionService).actionProvider.registerMany(RBAC_ACTIONS);
  // Document Service middlewares, not database lifecycles: they see the document actions
  // (create, update, publish …) that Strapi really performs, for every writer.
  strapi.documents.use(trackDirectory(strapi));
};

export default register;
