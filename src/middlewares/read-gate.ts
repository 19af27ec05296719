import type { Core } from '@strapi/strapi';
import { Gate } from '../utils/gate';

export interface ReadGateConfig {
  /** Content reads served at once; the others wait their turn in arrival order. */
  concurrency?: number;
  /** Reads allowed to wait; past that a read gets 503 at once. */
  maxWaiting?: number;
  /** Milliseconds of an event-loop turn that reads may take before the loop goes round (src/utils/gate.ts). */
  turnBudgetMs?: number;
}

/** Public reads: REST GETs and GraphQL. The admin panel and REST writes never wait here. */
const isContentRead = (method: string, path: string) =>
  ((method === 'GET' || method === 'HEAD') && (path.startsWith('/api/') || path === '/graphql')) || (method === 'POST' && path === '/graphql');

/**
 * Admission control for content reads. Each read makes several database queries; with a hundred
 * reads in flight the connection pool's queue is hundreds deep, and a save, which makes its
 * queries one after another, waits at the back of that queue for each of them. Admitting a
 * bounded number of reads keeps that queue short (PostgreSQL). With SQLite's synchronous driver
 * a read never yields once admitted, so the gate also stops admitting reads after `turnBudgetMs`
 * of an event-loop turn: the loop then accepts new connections and serves saves before the next
 * reads (measured before: a save on a new connection waited until 100 readers stopped).
 */
export default (config: ReadGateConfig = {}): Core.MiddlewareHandler => {
  const gate = new Gate({ concurrency: config.concurrency ?? 8, maxWaiting: config.maxWaiting ?? 1000, turnBudgetMs: config.turnBudgetMs ?? 50 });
  return async (ctx, next) => {
    if (!isContentRead(ctx.method, ctx.path)) {
      await next();
      return;
    }
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
