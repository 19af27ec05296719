import type { Core } from '@strapi/strapi';

interface ErrorBody {
  error?: { status?: number; message?: string; details?: { errors?: { path?: unknown[]; message?: string }[] } };
}

const describe = (problem: { path?: unknown[]; message?: string }): string | null => {
  if (!problem.message) return null;
  const path = Array.isArray(problem.path) ? problem.path.map(String).join('.') : '';
  return path && !problem.message.startsWith(`${path}:`) && !problem.message.startsWith(`${path} `) ? `${path}: ${problem.message}` : problem.message;
};

/**
 * Strapi's own 400s carry the failing field only in details ("This attribute must be unique",
 * "2 errors occurred"). This rewrites the message of a 4xx validation response so that it
 * names every field and its problem. It only reads the finished response: errors pass through.
 */
export default (_config: unknown, _context: { strapi: Core.Strapi }): Core.MiddlewareHandler =>
  async (ctx, next) => {
    await next();
    const body = ctx.body as ErrorBody | undefined;
    const problems = body?.error?.details?.errors;
    if (!body?.error || ctx.status < 400 || ctx.status >= 500 || !Array.isArray(problems) || problems.length === 0) return;
    const described = problems.map(describe).filter((text): text is string => text !== null);
    if (described.length > 0) body.error.message = described.join('; ');
  };
