import type { Core } from '@strapi/strapi';

/**
 * The parts of Strapi's own services that the app calls, typed. Strapi types every service as a
 * record of `any`; these accessors name the methods used here and their shapes, so a call is
 * checked where it is written (and the lint rules against `any` hold).
 */

export type AdminUserService = {
  exists(): Promise<boolean>;
  createFirstAdmin(user: { email: string; password: string; firstname: string; lastname: string }): Promise<unknown>;
};

export type AdminPermissionService = {
  actionProvider: { values(): unknown[] };
  createMany(permissions: { action: string; subject: string | null; properties: object; conditions: string[]; role: number }[]): Promise<unknown>;
};

export type AdminContentTypeService = {
  getPermissionsWithNestedFields(actions: object[]): unknown;
};

export type AdminRoleService = {
  addPermissions(roleId: number, permissions: object[]): Promise<unknown>;
};

export type ContentManagerContentTypes = {
  findConfiguration(contentType: unknown): Promise<unknown>;
  updateConfiguration(contentType: unknown, configuration: object): Promise<unknown>;
};

export type LocalesService = {
  getDefaultLocale(): Promise<string>;
  findByCode(code: string): Promise<unknown>;
  create(locale: { code: string; name: string }): Promise<unknown>;
};

/** A GraphQL type's shadow CRUD switches (each returns the same object, to chain). */
export type ShadowCrud = {
  disableQueries(): ShadowCrud;
  disableMutations(): ShadowCrud;
};

export type GraphqlExtension = {
  shadowCRUD(uid: string): ShadowCrud;
  use(extension: () => { resolversConfig: Record<string, unknown> }): void;
};

export const adminUsers = (strapi: Core.Strapi) => strapi.service('admin::user') as AdminUserService;
export const adminPermissions = (strapi: Core.Strapi) => strapi.service('admin::permission') as AdminPermissionService;
export const adminContentTypes = (strapi: Core.Strapi) => strapi.service('admin::content-type') as AdminContentTypeService;
export const adminRoles = (strapi: Core.Strapi) => strapi.service('admin::role') as AdminRoleService;
export const contentManagerContentTypes = (strapi: Core.Strapi) => strapi.plugin('content-manager').service<ContentManagerContentTypes>('content-types');
export const i18nLocales = (strapi: Core.Strapi) => strapi.plugin('i18n').service<LocalesService>('locales');
/** The GraphQL plugin's extension service, or null when the plugin is not loaded. */
export const graphqlExtension = (strapi: Core.Strapi): GraphqlExtension | null => strapi.plugin('graphql')?.service<GraphqlExtension>('extension') ?? null;
