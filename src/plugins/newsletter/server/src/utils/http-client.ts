import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { checkAddress, type AllowList } from './address';
import { BlockedAddressError, createSafeLookup } from './target';

export interface HttpResult {
  /** Absent when no response arrived (refused, timed out, blocked…). */
  status?: number;
  headers?: http.IncomingHttpHeaders;
  /** The start of the response body, at most maxBodyBytes. */
  body?: string;
  /** Why there is no usable response. */
  error?: string;
  durationMs: number;
}

export interface HttpClientOptions {
  allowList: AllowList;
  timeoutMs: number;
  maxSocketsPerHost: number;
  maxBodyBytes?: number;
  userAgent?: string;
}

export interface HttpClient {
  post(url: string, headers: Record<string, string>, body: string): Promise<HttpResult>;
  destroy(): void;
}

const describeError = (error: NodeJS.ErrnoException, timeoutMs: number): string => {
  if (error instanceof BlockedAddressError) return `refused: ${error.message}`;
  switch (error.code) {
    case 'ETIMEDOUT':
      return `timed out after ${timeoutMs} ms`;
    case 'ECONNREFUSED':
      return 'connection refused (ECONNREFUSED)';
    case 'ECONNRESET':
      return 'connection reset by the receiver (ECONNRESET)';
    case 'ENOTFOUND':
      return 'host not found (ENOTFOUND)';
    default:
      return error.code ? `${error.message} (${error.code})` : error.message;
  }
};

/**
 * POSTs with node's http(s): no redirects followed (a 3xx is just a status), one deadline
 * for connect + response + body, and sockets that may only connect to allowed addresses —
 * checked in DNS lookup and again on the socket's actual remote address.
 */
export const createHttpClient = ({ allowList, timeoutMs, maxSocketsPerHost, maxBodyBytes = 4096, userAgent = 'Newsroom-Webhooks/1.0' }: HttpClientOptions): HttpClient => {
  const lookup = createSafeLookup(allowList);
  const agentOptions = { keepAlive: true, maxSockets: maxSocketsPerHost, lookup };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };

  const post: HttpClient['post'] = (target, headers, body) => {
    // Refused before any request or timer exists: nothing to settle but the answer.
    const url = URL.canParse(target) ? new URL(target) : null;
    if (!url) return Promise.resolve({ error: 'invalid URL', durationMs: 0 });
    const protocol = url.protocol === 'https:' ? 'https:' : url.protocol === 'http:' ? 'http:' : undefined;
    if (!protocol) return Promise.resolve({ error: `unsupported protocol ${url.protocol}`, durationMs: 0 });

    return new Promise<HttpResult>((resolve) => {
      const started = performance.now();
      let settled = false;
      const finish = (result: Omit<HttpResult, 'durationMs'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        resolve({ ...result, durationMs: Math.round(performance.now() - started) });
      };

      const request = (protocol === 'https:' ? https : http).request(url, {
        method: 'POST',
        agent: agents[protocol],
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body).toString(), 'user-agent': userAgent, ...headers },
      });
      const deadline = setTimeout(() => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })), timeoutMs);

      const verifyRemote = (socket: Socket) => {
        const remote = socket.remoteAddress;
        if (!remote) return;
        const verdict = checkAddress(remote, allowList);
        if (!verdict.allowed) request.destroy(new BlockedAddressError(`${url.host} connected to ${verdict.reason}, which is not allowed`));
      };
      request.on('socket', (socket: Socket) => {
        if (socket.connecting) socket.once('connect', () => verifyRemote(socket));
        else verifyRemote(socket);
      });
      request.on('error', (error: NodeJS.ErrnoException) => finish({ error: describeError(error, timeoutMs) }));
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => finish({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.on('data', (chunk: Buffer) => {
          if (size >= maxBodyBytes) return;
          chunks.push(chunk.subarray(0, maxBodyBytes - size));
          size += chunk.length;
          // Enough read: the status is what matters; do not let a huge body hold the slot.
          if (size >= maxBodyBytes) {
            done();
            response.destroy();
          }
        });
        response.on('end', done);
        response.on('error', () => done());
      });
      request.end(body);
    });
  };

  return {
    post,
    destroy() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
};
