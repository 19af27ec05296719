import type { Core } from '@strapi/strapi';
import { ensureDemoAdmin } from './bootstrap/demo-admin';
import { configureEditLayouts } from './bootstrap/edit-layouts';
import { grantEditorActions } from './bootstrap/editor-permissions';
import { ensureLocales } from './bootstrap/locales';
import { ensurePublicRead } from './bootstrap/public-read';
import { loadDemoContent } from './demo/load';
import { draftAccessMiddleware } from './documents/draft-access';
import { registerPreviewRoute } from './preview/route';
import { relationResolversConfig } from './documents/graphql-draft-access';
import { slugMiddleware } from './documents/slugs';
import { validationMiddleware } from './documents/validation';

const demoContentEnabled = (): boolean => {
  const setting = process.env.DEMO_CONTENT;
  if (setting === 'true' || setting === 'false') return setting === 'true';
  return process.env.NODE_ENV !== 'production';
};

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // Order matters: validate what was sent, then fill in slugs, for every writer.
    strapi.documents.use(draftAccessMiddleware(strapi));
    strapi.documents.use(validationMiddleware(strapi));
    strapi.documents.use(slugMiddleware(strapi));
    // GraphQL relation fields bypass the Document Service: the same draft rule, on their arguments.
    strapi
      .plugin('graphql')
      ?.service('extension')
      .use(() => ({ resolversConfig: relationResolversConfig(strapi) }));
    registerPreviewRoute(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensurePublicRead(strapi);
    await ensureLocales(strapi);
    await grantEditorActions(strapi);
    await configureEditLayouts(strapi);
    if (process.env.NODE_ENV === 'development' && process.env.DEMO_ADMIN !== 'false') {
      await ensureDemoAdmin(strapi);
    }
    if (demoContentEnabled()) {
      const result = await loadDemoContent(strapi);
      if (result.loaded) strapi.log.info(`[newsroom] Demo content loaded: ${JSON.stringify(result.created)}`);
    }
  },
};
