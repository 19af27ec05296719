import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { checkRestQuery, findPrototypeKey, findPrototypeKeyInQueryString, queryLimitsFromEnv, type QueryLimits } from '../utils/query-limits';

export interface QueryGuardConfig {
  /** Defaults to the environment (QUERY_MAX_* settings, src/utils/query-limits.ts). */
  limits?: QueryLimits;
}

/**
 * Refuses a REST content-API request whose query asks for more than the limits allow (populate
 * depth, filters, fields, sort) or uses a name of Object.prototype as a key or field name — in the
 * query or in a write body — with 400 naming the parameter, before the controller does any work.
 * GraphQL has its own rules (src/utils/graphql-limits.ts); the populated relations' sizes are
 * counted in the Document Service (src/documents/read-limits.ts).
 */
export default (config: QueryGuardConfig = {}): Core.MiddlewareHandler => {
  const limits = config.limits ?? queryLimitsFromEnv();
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/api/')) {
      await next();
      return;
    }
    const problem =
      findPrototypeKeyInQueryString(ctx.querystring) ??
      checkRestQuery(ctx.query, limits) ??
      (ctx.method === 'GET' || ctx.method === 'HEAD' ? null : findPrototypeKey((ctx.request as { body?: unknown }).body, '', 'dots'));
    if (problem) throw new errors.ValidationError(problem.message, { errors: [{ path: [problem.parameter], message: problem.message }] });
    await next();
  };
};
