/** HTTP helpers for benchmarks and load runs (Node's fetch). */

/** A reused keep-alive socket that the server just closed fails with ECONNRESET: try once more. */
export const send = async (url: string, init: RequestInit = {}): Promise<Response> => {
  try {
    return await fetch(url, init);
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw error;
    return fetch(url, init);
  }
};

export interface JsonAnswer<T> {
  status: number;
  ms: number;
  body: T;
}

/** A JSON request with a bearer token; never throws on an HTTP status (the caller decides). */
export const jsonRequest = async <T = unknown>(baseUrl: string, token: string | null, method: string, url: string, body?: unknown): Promise<JsonAnswer<T>> => {
  const started = performance.now();
  const response = await send(`${baseUrl}${url}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = { raw: text };
  }
  return { status: response.status, ms: performance.now() - started, body: parsed as T };
};
