import type { Core } from '@strapi/strapi';
import { graphqlExtension } from '../utils/strapi-services';

/**
 * Keeps data that is not content off the content API (REST /api and GraphQL): users' personal
 * data and plugins' internal tables (org-linker relink jobs, newsletter endpoints and
 * deliveries, users-permissions roles and permissions, and any plugin type added later).
 *
 * A plugin type answers the content API only when it is listed in SITE_PLUGIN_TYPES (media and
 * locales, which articles render) or the operator turns it on: CONTENT_API_USERS=true brings back
 * users-permissions' users, roles and permissions as Strapi ships them. Whatever the token (even
 * full-access, which skips role permissions), the route or query does not exist: REST answers 404,
 * GraphQL 400 ("Cannot query field"). Sign-up, login and `/api/users/me` keep working.
 */

/** Plugin types that sites render: media files (`cover { url }`) and locales. */
export const SITE_PLUGIN_TYPES: readonly string[] = ['plugin::upload.file', 'plugin::i18n.locale'];

export const USERS_PERMISSIONS_TYPES: readonly string[] = ['plugin::users-permissions.user', 'plugin::users-permissions.role', 'plugin::users-permissions.permission'];

/** Routes that serve a site user about themself: kept even though their controller is `user`. */
const SELF_SERVICE_HANDLERS = new Set(['plugin::users-permissions.user.me', 'user.me']);

export interface ContentApiExposure {
  /** Whether users-permissions' users, roles and permissions are on the content API (CONTENT_API_USERS). */
  users: boolean;
}

export const contentApiExposure = (environment: NodeJS.ProcessEnv = process.env): ContentApiExposure => {
  const setting = (environment.CONTENT_API_USERS ?? '').trim().toLowerCase();
  if (setting !== '' && setting !== 'true' && setting !== 'false') throw new Error(`CONTENT_API_USERS: must be true or false (got "${environment.CONTENT_API_USERS}")`);
  return { users: setting === 'true' };
};

/** Whether a content type may answer the content API. Every `plugin::` type is off unless listed or opted in. */
export const isOnContentApi = (uid: string, exposure: ContentApiExposure): boolean => {
  if (!uid.startsWith('plugin::')) return true;
  if (SITE_PLUGIN_TYPES.includes(uid)) return true;
  return exposure.users && USERS_PERMISSIONS_TYPES.includes(uid);
};

interface TypeNames {
  uid: string;
  plugin?: string;
  info: { singularName: string; pluralName: string };
}

interface RouteLike {
  handler?: unknown;
}

/**
 * The plugin type a content-API route serves, if any: plugins name a type's controller after the
 * type (`user.find` serves plugin::users-permissions.user, `permissions.getPermissions` serves
 * plugin::users-permissions.permission).
 */
export const routeType = (pluginName: string, route: RouteLike, types: readonly TypeNames[]): string | null => {
  if (typeof route.handler !== 'string') return null;
  const handler = route.handler.replace(`plugin::${pluginName}.`, '');
  const controller = handler.split('.')[0];
  const type = types.find(({ uid, info }) => uid.startsWith(`plugin::${pluginName}.`) && (info.singularName === controller || info.pluralName === controller));
  return type?.uid ?? null;
};

export const isRouteOnContentApi = (pluginName: string, route: RouteLike, types: readonly TypeNames[], exposure: ContentApiExposure): boolean => {
  if (typeof route.handler === 'string' && SELF_SERVICE_HANDLERS.has(route.handler)) return true;
  const uid = routeType(pluginName, route, types);
  return uid === null || isOnContentApi(uid, exposure);
};

interface MutableRouter {
  type?: string;
  routes: RouteLike[];
}

const isRouter = (value: unknown): value is MutableRouter =>
  (typeof value === 'object' || typeof value === 'function') && value !== null && Array.isArray((value as { routes?: unknown }).routes);

const REFUSE_POLICY = 'global::newsroom-not-on-content-api';

/** Runs in register(): routes are mounted and the GraphQL schema is built at bootstrap. */
export const keepNonContentOffContentApi = (strapi: Core.Strapi, exposure: ContentApiExposure = contentApiExposure()): void => {
  const types = Object.values(strapi.contentTypes) as unknown as TypeNames[];

  // REST: drop plugin content-API routes that serve a type that is off.
  for (const [pluginName, plugin] of Object.entries(strapi.plugins)) {
    if (Array.isArray(plugin.routes)) {
      // A bare array of routes is the content API.
      const kept = plugin.routes.filter((route) => isRouteOnContentApi(pluginName, route, types, exposure));
      plugin.routes.splice(0, plugin.routes.length, ...kept);
      continue;
    }
    for (const router of Object.values(plugin.routes ?? {}) as unknown[]) {
      // Router factories (createContentApiRoutesFactory) expose their routes through a getter/setter.
      if (!isRouter(router) || (router.type ?? 'content-api') !== 'content-api') continue;
      router.routes = router.routes.filter((route) => isRouteOnContentApi(pluginName, route, types, exposure));
    }
  }

  // GraphQL: no query or mutation for a type that is off. Types stay (hand-written fields of
  // users-permissions refer to them) but nothing on Query or Mutation returns them.
  const extension = graphqlExtension(strapi);
  if (!extension) return;
  for (const { uid } of types) {
    if (!isOnContentApi(uid, exposure)) extension.shadowCRUD(uid).disableQueries().disableMutations();
  }
  if (!exposure.users) {
    // users-permissions replaces the shadow CRUD of users and roles with its own mutations
    // (createUsersPermissionsUser…): refuse them whoever asks.
    strapi.get<{ set(name: string, policy: () => boolean): void }>('policies').set(REFUSE_POLICY, () => false);
    extension.use(() => ({
      resolversConfig: Object.fromEntries(
        [
          'createUsersPermissionsUser',
          'updateUsersPermissionsUser',
          'deleteUsersPermissionsUser',
          'createUsersPermissionsRole',
          'updateUsersPermissionsRole',
          'deleteUsersPermissionsRole',
        ].map((name) => [`Mutation.${name}`, { policies: [REFUSE_POLICY] }])
      ),
    }));
  }
};
