import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Webhook } from 'standardwebhooks';

/**
 * A real HTTP webhook receiver on loopback, for tests and benchmarks. Every request is
 * verified with the `standardwebhooks` package against the secrets the test gave it, and
 * recorded with what it was answered.
 */

export interface ReceivedRequest {
  /** webhook-id, webhook-timestamp, webhook-signature headers. */
  id: string;
  timestamp: string;
  signature: string;
  headers: http.IncomingHttpHeaders;
  path: string;
  body: string;
  /** Parsed JSON body (null if not JSON). */
  payload: unknown;
  /** True when standardwebhooks verified it with one of the receiver's secrets. */
  verified: boolean;
  verifyError?: string;
  /** 1 for the first request carrying this webhook-id, 2 for the second… */
  attempt: number;
  /** What the receiver answered (null: it never answered, e.g. 'hang'). */
  status: number | null;
  receivedAt: number;
  /** performance.now() at arrival, for sub-millisecond latency measurements in the same process. */
  receivedPerf: number;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Wait this long before answering (to provoke timeouts). */
  delayMs?: number;
}

/** Decides the answer to each request; 'hang' accepts it and never answers. */
export type Responder = (request: ReceivedRequest) => Reply | 'hang';

export const ok: Responder = () => ({ status: 200, body: 'ok' });

export interface Receiver {
  /** Base URL, e.g. http://127.0.0.1:4567 (append a path for endpoints). */
  readonly url: string;
  readonly port: number;
  readonly requests: ReceivedRequest[];
  /** Secrets (whsec_…) signatures are verified against; any one matching is enough. */
  secrets: string[];
  respond: Responder;
  /** Requests answered 2xx, i.e. delivered. */
  delivered(): ReceivedRequest[];
  /** Resolves when the predicate holds (checked on every request and every 50 ms). */
  waitFor(predicate: (receiver: Receiver) => boolean, timeoutMs?: number, what?: string): Promise<void>;
  /** Stops listening and drops open connections (the receiver is "down"); start() brings it back on the same port. */
  stop(): Promise<void>;
  /** Answers again: after stop() it listens again on the same port; after `listen: false` it stops dropping connections. */
  start(): Promise<void>;
  reset(): void;
}

export const verifyWith = (request: Pick<ReceivedRequest, 'id' | 'timestamp' | 'signature' | 'body'>, secret: string): boolean => {
  try {
    new Webhook(secret).verify(request.body, {
      'webhook-id': request.id,
      'webhook-timestamp': request.timestamp,
      'webhook-signature': request.signature,
    });
    return true;
  } catch {
    return false;
  }
};

const header = (headers: http.IncomingHttpHeaders, name: string): string => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : (value ?? '');
};

/**
 * Starts a receiver on a port the OS picks while binding (or `port`), read back from the
 * socket. With `listen: false` it starts "down": it keeps its port bound, so nothing else can
 * take it, but drops every connection at once without answering, until start().
 */
export const startReceiver = async (options: { port?: number; secrets?: string[]; respond?: Responder; listen?: boolean } = {}): Promise<Receiver> => {
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const waiters = new Set<() => void>();
  const attempts = new Map<string, number>();

  let down = false;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const id = header(req.headers, 'webhook-id');
      attempts.set(id, (attempts.get(id) ?? 0) + 1);
      let payload: unknown = null;
      try {
        payload = JSON.parse(body);
      } catch {
        payload = null;
      }
      const request: ReceivedRequest = {
        id,
        timestamp: header(req.headers, 'webhook-timestamp'),
        signature: header(req.headers, 'webhook-signature'),
        headers: req.headers,
        path: req.url ?? '/',
        body,
        payload,
        verified: false,
        attempt: attempts.get(id) ?? 1,
        status: null,
        receivedAt: Date.now(),
        receivedPerf: performance.now(),
      };
      const errors: string[] = [];
      request.verified = receiver.secrets.some((secret) => {
        try {
          new Webhook(secret).verify(body, { 'webhook-id': request.id, 'webhook-timestamp': request.timestamp, 'webhook-signature': request.signature });
          return true;
        } catch (error) {
          errors.push(error instanceof Error ? error.message : String(error));
          return false;
        }
      });
      if (!request.verified) request.verifyError = receiver.secrets.length === 0 ? 'no secret configured' : errors.join('; ');
      requests.push(request);
      const reply = receiver.respond(request);
      const answer = () => {
        // A client that gave up (timeout) is not answered: the attempt did not get through.
        if (reply === 'hang' || res.destroyed || req.socket.destroyed) return;
        request.status = reply.status;
        res.writeHead(reply.status, reply.headers);
        res.end(reply.body ?? '');
      };
      if (reply !== 'hang' && reply.delayMs) setTimeout(answer, reply.delayMs);
      else answer();
      if (reply === 'hang' || !reply.delayMs) for (const notify of waiters) notify();
      else setTimeout(() => waiters.forEach((notify) => notify()), reply.delayMs);
    });
  });
  server.on('connection', (socket) => {
    if (down) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });

  const port = await listen(options.port ?? 0);
  down = options.listen === false;

  const receiver: Receiver = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    secrets: options.secrets ?? [],
    respond: options.respond ?? ok,
    delivered: () => requests.filter((request) => request.status !== null && request.status >= 200 && request.status < 300),
    waitFor(predicate, timeoutMs = 20_000, what = 'the expected requests') {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!predicate(receiver)) return;
          cleanup();
          resolve();
        };
        const interval = setInterval(check, 50);
        const timeout = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `receiver: timed out after ${timeoutMs} ms waiting for ${what}; got ${requests.length} requests (${requests.map((r) => `${r.id}#${r.attempt}→${r.status}`).join(', ')})`
            )
          );
        }, timeoutMs);
        const cleanup = () => {
          clearInterval(interval);
          clearTimeout(timeout);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async stop() {
      if (!server.listening) return;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    async start() {
      down = false;
      if (!server.listening) await listen(port);
    },
    reset() {
      requests.length = 0;
      attempts.clear();
    },
  };
  return receiver;
};
