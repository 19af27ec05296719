import type { Core } from '@strapi/strapi';
import { Gate } from '../utils/gate';

export interface ReadGateConfig {
  /** Content reads served at once; the others wait their turn in arrival order. */
  concurrency?: number;
  /** Reads allowed to wait; past that a read gets 503 at once. */
  maxWaiting?: number;
}

/** Public reads: REST GETs and GraphQL. The admin panel and REST writes never wait here. */
const isContentRead = (method: string, path: string) =>
  ((method === 'GET' || method === 'HEAD') && (path.startsWith('/api/') || path === '/graphql')) || (method === 'POST' && path === '/graphql');

/**
 * Admission control for content reads. Each read makes several database queries; with a hundred
 * reads in flight the connection pool's queue is hundreds deep, and a save, which makes its
 * queries one after another, waits at the back of that queue for each of them (measured: a
 * minute per save on SQLite under 100 reading connections). Admitting a bounded number of
 * reads keeps that queue short, so editors' saves get through while reads wait their turn here.
 */
export default (config: ReadGateConfig = {}): Core.MiddlewareHandler => {
  const gate = new Gate(config.concurrency ?? 8, config.maxWaiting ?? 1000);
  return async (ctx, next) => {
    if (!isContentRead(ctx.method, ctx.path)) return next();
    const release = await gate.enter();
    if (!release) {
      ctx.status = 503;
      ctx.set('Retry-After', '1');
      ctx.body = {
        data: null,
        error: { status: 503, name: 'ServiceUnavailableError', message: 'Too many requests are waiting; try again in a second.', details: {} },
      };
      return;
    }
    try {
      // A client that gave up while waiting (its connection closed) gets no work done for it.
      if (ctx.req.destroyed) return;
      await next();
    } finally {
      release();
    }
  };
};
