import type { Core } from '@strapi/strapi';
import { graphqlExtension } from './utils/strapi-services';
import { ensureDemoAdmin } from './bootstrap/demo-admin';
import { configureEditLayouts } from './bootstrap/edit-layouts';
import { grantAddedTypes, grantEditorActions } from './bootstrap/editor-permissions';
import { ensureLocales } from './bootstrap/locales';
import { ensurePublicRead } from './bootstrap/public-read';
import { keepNonContentOffContentApi } from './bootstrap/non-content';
import { loadDemoContent } from './demo/load';
import { draftAccessMiddleware } from './documents/draft-access';
import { registerPreviewRoute } from './preview/route';
import { registerDirectoryImportRoutes, startDirectoryImports, stopDirectoryImports } from './directory/admin-api';
import { relationResolversConfig } from './documents/graphql-draft-access';
import { readLimitsMiddleware } from './documents/read-limits';
import { partnershipTitleMiddleware, backfillPartnershipTitles } from './documents/partnership-title';
import { slugMiddleware } from './documents/slugs';
import { backfillNameKeys } from './documents/name-keys';
import { validationMiddleware } from './documents/validation';
import { queryLimitsFromEnv } from './utils/query-limits';

const demoContentEnabled = (): boolean => {
  const setting = process.env.DEMO_CONTENT;
  if (setting === 'true' || setting === 'false') return setting === 'true';
  return process.env.NODE_ENV !== 'production';
};

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // Users' personal data and plugins' internal tables never answer /api or /graphql (CONTENT_API_USERS opts users in).
    keepNonContentOffContentApi(strapi);
    // Order matters: validate what was sent, then fill in slugs, for every writer.
    // Bounded public reads: filters, populate depth and the populated relations' sizes (REST and GraphQL).
    // Before the draft rule, so the limits judge what the reader asked, not the conditions it adds.
    strapi.documents.use(readLimitsMiddleware(strapi, queryLimitsFromEnv()));
    strapi.documents.use(draftAccessMiddleware(strapi));
    strapi.documents.use(validationMiddleware(strapi));
    strapi.documents.use(slugMiddleware(strapi));
    // A partnership's title is derived from its sides and role, and follows an organization's renames.
    strapi.documents.use(partnershipTitleMiddleware(strapi));
    // GraphQL relation fields bypass the Document Service: the same draft rule, on their arguments.
    graphqlExtension(strapi)?.use(() => ({ resolversConfig: relationResolversConfig(strapi) }));
    registerPreviewRoute(strapi);
    // The admin's directory import (upload, dry run, background jobs): src/directory/admin-api.ts.
    registerDirectoryImportRoutes(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensurePublicRead(strapi);
    await ensureLocales(strapi);
    await grantEditorActions(strapi);
    await grantAddedTypes(strapi);
    await backfillPartnershipTitles(strapi);
    await backfillNameKeys(strapi);
    await configureEditLayouts(strapi);
    await startDirectoryImports(strapi);
    if (process.env.NODE_ENV === 'development' && process.env.DEMO_ADMIN !== 'false') {
      await ensureDemoAdmin(strapi);
    }
    if (demoContentEnabled()) {
      const result = await loadDemoContent(strapi);
      if (result.loaded) strapi.log.info(`[newsroom] Demo content loaded: ${JSON.stringify(result.created)}`);
    }
  },

  /** Background imports stop after their current batch; an unfinished one resumes at the next start. */
  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await stopDirectoryImports(strapi);
  },
};
