import type { Core } from '@strapi/strapi';
import { linkOnSave } from './middlewares/link-on-save';
import { getService } from './utils/get-service';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = getService(strapi, 'settings');
  // A content type configured in config/plugins.ts without the attributes linking needs is a
  // deployment error: say which, at start, rather than failing on the first save.
  settings.assertUsable(settings.defaults());
  // Build the automaton now, so that no editor's save pays for it.
  await getService(strapi, 'directory').runtime();
  // Registered at bootstrap, inside the app's validation and slug middlewares (added at register
  // time), so that linking sees a body they accepted. Other plugins that read what linking wrote
  // (the newsletter's payload reads mentionedOrganizations) use the linker's afterLinking hook,
  // not their place in this chain.
  strapi.documents.use(linkOnSave(strapi));
  getService(strapi, 'worker').start();
};

export default bootstrap;
