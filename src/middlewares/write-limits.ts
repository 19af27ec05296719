import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { fieldValidationError } from '../documents/errors';
import { depthMessage, ENVELOPE_DEPTH, graphqlNestingExceeds, readLimits, tooDeep } from '../documents/limits';

/** The GraphQL body limit of Apollo's own parser (koa-bodyparser's default), kept as it was. */
const GRAPHQL_JSON_LIMIT = 1024 * 1024;

/** The field a deep path is in, without the request's envelope ({ data }, GraphQL variables). */
const fieldOf = (path: (string | number)[]): string => {
  let rest = path;
  if (rest[0] === 'variables') rest = rest.slice(2);
  if (rest[0] === 'data') rest = rest.slice(1);
  return String(rest[0] ?? path[0] ?? 'body');
};

/**
 * strapi::body leaves GraphQL requests to Apollo's parser, which runs after every global
 * middleware; parsed here instead (it then skips: koa-bodyparser keeps a body already set).
 */
const readJson = async (ctx: Parameters<Core.MiddlewareHandler>[0]): Promise<unknown> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > GRAPHQL_JSON_LIMIT) throw new errors.PayloadTooLargeError(`body: request entity too large (over ${GRAPHQL_JSON_LIMIT} bytes)`);
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw fieldValidationError([{ path: ['body'], message: 'is not valid JSON' }]);
  }
};

/**
 * Refuses over-deep request bodies right after they are parsed, in one linear pass and before
 * any other work: Strapi's own validators and sanitizers walk input recursively, and their cost
 * grew with the square of the depth (20,000 levels froze the server for half a minute). Covers
 * every JSON request: the content API, the admin's content manager, GraphQL variables and the
 * GraphQL document itself. In-process writers are checked by the Document Service middleware.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  const { maxDepth } = readLimits();
  const requestDepth = maxDepth + ENVELOPE_DEPTH;
  const graphqlEndpoint = strapi.plugin('graphql') ? String(strapi.plugin('graphql').config('endpoint') ?? '/graphql') : null;
  return async (ctx, next) => {
    const isGraphql = graphqlEndpoint !== null && ctx.path === graphqlEndpoint;
    if (isGraphql && ctx.method === 'POST' && ctx.request.body === undefined && ctx.is('application/json')) {
      ctx.request.body = await readJson(ctx);
    }
    const body: unknown = ctx.request.body;
    if (body !== null && typeof body === 'object') {
      const deep = tooDeep(body, requestDepth);
      if (deep) throw fieldValidationError([{ path: [fieldOf(deep.path)], message: depthMessage(maxDepth) }]);
      const query = (body as { query?: unknown }).query;
      if (isGraphql && typeof query === 'string' && graphqlNestingExceeds(query, requestDepth)) {
        throw fieldValidationError([{ path: ['query'], message: depthMessage(maxDepth) }]);
      }
    }
    if (isGraphql) {
      // GET requests carry the document and the variables (JSON) in the query string.
      const { query: queryString, variables } = ctx.query ?? {};
      if (typeof queryString === 'string' && graphqlNestingExceeds(queryString, requestDepth)) {
        throw fieldValidationError([{ path: ['query'], message: depthMessage(maxDepth) }]);
      }
      if (typeof variables === 'string' && graphqlNestingExceeds(variables, requestDepth)) {
        throw fieldValidationError([{ path: ['variables'], message: depthMessage(maxDepth) }]);
      }
    }
    await next();
  };
};
