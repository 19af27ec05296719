import type { Core } from '@strapi/strapi';
import { ACTIONS, DELIVERY_UID, ENDPOINT_UID, EVENT_UID } from './constants';
import { articleEventsMiddleware } from './middlewares/article-events';
import { getService } from './utils';

/** The two Strapi services used here, as far as this file calls them (Strapi types them any). */
interface PermissionService {
  actionProvider: { registerMany(actions: typeof ACTIONS): Promise<void> };
}
interface GraphqlExtensionService {
  shadowCRUD(uid: string): { disable(): void };
}

export const register = async ({ strapi }: { strapi: Core.Strapi }) => {
  // Fail at startup, not at the first publish, when the config or the encryption key is unusable.
  getService(strapi, 'settings').get();

  await (strapi.service('admin::permission') as PermissionService).actionProvider.registerMany(ACTIONS);

  // Registered here (plugins register before the app) so it wraps the app's validation and
  // slug middlewares: their work is inside the same transaction and visible to the payload.
  strapi.documents.use(articleEventsMiddleware(strapi));

  // Internal tables: not part of the public GraphQL schema.
  if (strapi.plugin('graphql')) {
    const extension = strapi.plugin('graphql').service<GraphqlExtensionService>('extension');
    for (const uid of [ENDPOINT_UID, EVENT_UID, DELIVERY_UID]) extension.shadowCRUD(uid).disable();
  }
};
