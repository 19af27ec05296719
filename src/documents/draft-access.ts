import type { Core, Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';

const READ_ACTIONS = new Set(['findMany', 'findOne', 'findFirst', 'count']);

interface RequestAuth {
  strategy?: { name?: string };
  credentials?: { type?: string } | null;
}

/**
 * Who may read drafts through the content API (REST and GraphQL alike): only a
 * full-access API token. Anonymous visitors, logged-in site users and read-only or
 * custom tokens see published entries only. Admin panel and in-process calls are not
 * content-API requests and are left alone.
 */
export const mayReadDrafts = (auth: RequestAuth | undefined, routeType: string | undefined): boolean => {
  if (routeType !== 'content-api') return true;
  return auth?.strategy?.name === 'content-api-token' && auth.credentials?.type === 'full-access';
};

export const draftAccessMiddleware =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    if (!READ_ACTIONS.has(context.action) || (context.params as { status?: string }).status !== 'draft') return next();
    const request = strapi.requestContext.get();
    if (!request) return next();
    const routeType = (request.state?.route as { info?: { type?: string } } | undefined)?.info?.type;
    if (!mayReadDrafts(request.state?.auth as RequestAuth | undefined, routeType)) {
      // A PolicyError keeps its message through Strapi's authorize step (a plain ForbiddenError is blanked).
      throw new errors.PolicyError('status: drafts can only be read with a full-access API token');
    }
    return next();
  };
