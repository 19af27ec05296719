import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = getService(strapi, 'settings');
  // A content type configured in config/plugins.ts without the attributes linking needs is a
  // deployment error: say which, at start, rather than failing on the first save.
  settings.assertUsable(settings.defaults());
  // Build the automaton now, so that no editor's save pays for it.
  await getService(strapi, 'directory').runtime();
  getService(strapi, 'worker').start();
};

export default bootstrap;
