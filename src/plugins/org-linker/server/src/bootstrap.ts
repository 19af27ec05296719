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
  // Registered here rather than in register(): middlewares run in the order they were added,
  // so this one runs inside every middleware added at register time. Those that read the
  // article after the write (the newsletter outbox builds its payload from
  // mentionedOrganizations) then see the relation this one writes after the write.
  strapi.documents.use(linkOnSave(strapi));
  getService(strapi, 'worker').start();
};

export default bootstrap;
