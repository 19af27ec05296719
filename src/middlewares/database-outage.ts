import type { Core } from '@strapi/strapi';

/** How long the health check waits for the database, at most. */
const CHECK_TIMEOUT_MS = 2000;

/**
 * When the database is down, Strapi answers 500, and the public API even answers 401 (its
 * authentication swallows the database error). This turns such answers into what they are:
 * 503 with a message and Retry-After. The database is only checked when an answer was already
 * a failure, so healthy traffic pays nothing. It reads the finished response: errors pass through.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  const databaseAnswers = async (): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
    });
    const check = strapi.db.connection
      .raw('select 1')
      .then(() => true)
      .catch(() => false);
    const answered = await Promise.race([check, timeout]);
    clearTimeout(timer);
    return answered;
  };

  return async (ctx, next) => {
    await next();
    if (ctx.status !== 401 && ctx.status < 500) return;
    if (await databaseAnswers()) return;
    ctx.status = 503;
    ctx.set('Retry-After', '5');
    ctx.body = {
      data: null,
      error: { status: 503, name: 'ServiceUnavailableError', message: 'The database is unavailable; try again in a few seconds.', details: {} },
    };
  };
};
