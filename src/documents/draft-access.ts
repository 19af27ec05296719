import type { Core, Modules, UID } from '@strapi/strapi';
import { contentTypes, errors } from '@strapi/utils';
import { constrainReadParams, DraftInvisibilityError, type GetSchema } from './draft-invisibility';

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

/** Whether the request being served (if any) may read drafts; in-process work may. */
export const requestMayReadDrafts = (strapi: Core.Strapi): boolean => {
  const request = strapi.requestContext.get();
  if (!request) return true;
  const routeType = (request.state?.route as { info?: { type?: string } } | undefined)?.info?.type;
  return mayReadDrafts(request.state?.auth as RequestAuth | undefined, routeType);
};

/** The schemas as the pure rewriter needs them, from Strapi's own models (any type, also added later). */
export const schemaReader =
  (strapi: Core.Strapi): GetSchema =>
  (uid) => {
    const model = strapi.getModel(uid as UID.Schema);
    if (!model) return undefined;
    return { uid, draftAndPublish: contentTypes.hasDraftAndPublish(model), attributes: model.attributes };
  };

/** A refused read parameter as Strapi's 400, naming the parameter. */
export const refusal = (error: DraftInvisibilityError): InstanceType<typeof errors.ValidationError> =>
  new errors.ValidationError(error.message, { errors: [{ path: [error.parameter], message: error.problem, name: 'ValidationError' }] });

export const draftAccessMiddleware = (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware => {
  const getSchema = schemaReader(strapi);
  return async (context, next) => {
    if (!READ_ACTIONS.has(context.action) || requestMayReadDrafts(strapi)) return next();
    if ((context.params as { status?: string }).status === 'draft') {
      // A PolicyError keeps its message through Strapi's authorize step (a plain ForbiddenError is blanked).
      throw new errors.PolicyError('status: drafts can only be read with a full-access API token');
    }
    // Drafts do not exist for this reader: not in filters, sorts or populate through any relation.
    try {
      context.params = constrainReadParams(context.params, context.uid, getSchema);
    } catch (error) {
      if (error instanceof DraftInvisibilityError) throw refusal(error);
      throw error;
    }
    return next();
  };
};
