import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseAllowList } from './address';
import { createHttpClient, type HttpClient, type HttpClientOptions } from './http-client';

/** Servers a test opened and did not close (its assertion failed first): closed after it, so Jest can exit. */
const openServers = new Set<http.Server>();
const closeServer = (server: http.Server) =>
  new Promise<void>((resolve) => {
    openServers.delete(server);
    server.close(() => resolve());
  });
afterEach(async () => {
  for (const server of openServers) server.closeAllConnections();
  await Promise.all([...openServers].map(closeServer));
});

/** A loopback server that counts requests and answers with `handler`. */
const serve = async (handler: http.RequestListener) => {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    handler(req, res);
  });
  openServers.add(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { hits, port, close: () => closeServer(server) };
};

/** Clients the tests made, destroyed after the file. */
const clients: HttpClient[] = [];
afterAll(() => clients.forEach((created) => created.destroy()));

/** A client allowed to reach the tests' loopback receivers unless `options` say otherwise. */
const makeClient = (options: Partial<HttpClientOptions> = {}): HttpClient => {
  const created = createHttpClient({ allowList: parseAllowList(['127.0.0.1']), timeoutMs: 2_000, maxSocketsPerHost: 2, ...options });
  clients.push(created);
  return created;
};

describe('http client', () => {
  const client = (allow: string[], timeoutMs = 2_000) => makeClient({ allowList: parseAllowList(allow), timeoutMs, maxBodyBytes: 16 });

  it('never connects to a refused address, by IP literal or through DNS', async () => {
    const server = await serve((_req, res) => res.end('ok'));
    const strict = client([]);
    expect(await strict.post(`http://127.0.0.1:${server.port}/`, {}, '{}')).toMatchObject({
      error: `refused: 127.0.0.1:${server.port} connected to a loopback address (127.0.0.1), which is not allowed`,
    });
    const viaDns = await strict.post(`http://localhost:${server.port}/`, {}, '{}');
    expect(viaDns.error).toMatch(/^refused: localhost resolves to a loopback address \((127\.0\.0\.1|::1)\), which is not allowed$/);
    expect(server.hits).toHaveLength(0);
    await server.close();
  });

  it('connects when the allow list names the address, sending headers and body', async () => {
    let received = '';
    let headers: http.IncomingHttpHeaders = {};
    const server = await serve((req, res) => {
      headers = req.headers;
      req.on('data', (chunk: Buffer) => (received += chunk.toString()));
      req.on('end', () => res.writeHead(202).end('accepted and a long body beyond the cap'));
    });
    const result = await client(['127.0.0.1']).post(`http://localhost:${server.port}/hook`, { 'webhook-id': 'msg_1' }, '{"a":1}');
    expect(result).toMatchObject({ status: 202, body: 'accepted and a l' });
    expect(received).toBe('{"a":1}');
    expect(headers).toMatchObject({ 'webhook-id': 'msg_1', 'content-type': 'application/json', 'content-length': '7' });
    await server.close();
  });

  it('does not follow redirects', async () => {
    const target = await serve((_req, res) => res.end('stolen'));
    const server = await serve((_req, res) => res.writeHead(302, { location: `http://127.0.0.1:${target.port}/` }).end());
    const result = await client(['127.0.0.1']).post(`http://127.0.0.1:${server.port}/`, {}, '{}');
    expect(result.status).toBe(302);
    expect(result.headers?.location).toBe(`http://127.0.0.1:${target.port}/`);
    expect(target.hits).toHaveLength(0);
    await Promise.all([server.close(), target.close()]);
  });

  it('gives up after the timeout', async () => {
    const server = await serve((_req, res) => setTimeout(() => res.end('late'), 1_000));
    const result = await client(['127.0.0.1'], 200).post(`http://127.0.0.1:${server.port}/`, {}, '{}');
    expect(result).toMatchObject({ error: 'timed out after 200 ms' });
    expect(result.status).toBeUndefined();
    expect(result.durationMs).toBeLessThan(900);
    await server.close();
  });

  it('reports a refused connection', async () => {
    const server = await serve((_req, res) => res.end());
    const { port } = server;
    await server.close();
    expect(await client(['127.0.0.1']).post(`http://127.0.0.1:${port}/`, {}, '{}')).toMatchObject({ error: 'connection refused (ECONNREFUSED)' });
  });
});

describe('http client at its edges', () => {
  const client = makeClient;

  it('refuses what it cannot send without a request', async () => {
    expect(await client().post('not a url', {}, '{}')).toMatchObject({ error: 'invalid URL' });
    expect(await client().post('ftp://127.0.0.1/x', {}, '{}')).toMatchObject({ error: 'unsupported protocol ftp:' });
  });

  it("names itself, counts the body in bytes, and lets the caller's headers win", async () => {
    let headers: http.IncomingHttpHeaders = {};
    const server = await serve((req, res) => {
      headers = req.headers;
      req.resume().on('end', () => res.end());
    });
    await client().post(`http://127.0.0.1:${server.port}/`, {}, '"中"');
    expect(headers).toMatchObject({ 'user-agent': 'Newsroom-Webhooks/1.0', 'content-length': '5', 'content-type': 'application/json' });
    await client({ userAgent: 'Test/2' }).post(`http://127.0.0.1:${server.port}/`, { 'content-type': 'application/cloudevents+json' }, '{}');
    expect(headers).toMatchObject({ 'user-agent': 'Test/2', 'content-type': 'application/cloudevents+json' });
    await server.close();
  });

  it('keeps the first 4,096 bytes of a body by default, across chunks, and all of a shorter one', async () => {
    const server = await serve((req, res) => {
      res.write('a'.repeat(3_000));
      setTimeout(() => res.end('b'.repeat(3_000)), 20);
    });
    const capped = await client().post(`http://127.0.0.1:${server.port}/`, {}, '{}');
    expect(capped.body).toBe('a'.repeat(3_000) + 'b'.repeat(1_096));
    expect(capped.status).toBe(200);
    const exact = await client({ maxBodyBytes: 6_000 }).post(`http://127.0.0.1:${server.port}/`, {}, '{}');
    expect(exact.body).toHaveLength(6_000);
    await server.close();
  });

  it('reports a receiver that drops the connection', async () => {
    const server = await serve((req) => req.socket.destroy());
    expect(await client().post(`http://127.0.0.1:${server.port}/`, {}, '{}')).toMatchObject({ error: 'connection reset by the receiver (ECONNRESET)' });
    await server.close();
  });
});

describe('http client, connections and the body cap', () => {
  const client = (maxBodyBytes = 16, timeoutMs = 2_000) => makeClient({ maxBodyBytes, timeoutMs });

  it('POSTs, and keeps the connection for the next delivery to the same receiver', async () => {
    const seen: { method?: string; port?: number }[] = [];
    const server = await serve((req, res) => {
      seen.push({ method: req.method, port: req.socket.remotePort });
      req.resume().on('end', () => res.end('ok'));
    });
    const one = client();
    await one.post(`http://127.0.0.1:${server.port}/`, {}, '{}');
    await one.post(`http://127.0.0.1:${server.port}/`, {}, '{}');
    expect(seen.map((request) => request.method)).toEqual(['POST', 'POST']);
    expect(seen[1].port).toBe(seen[0].port);
    one.destroy();
    await server.close();
  });

  it('answers as soon as the cap is read, without waiting for the rest of the body', async () => {
    // The receiver sends exactly the cap, then holds the response open past the deadline.
    const server = await serve((req, res) => {
      res.write('x'.repeat(16));
      setTimeout(() => res.end(), 3_000);
    });
    const result = await client(16, 1_500).post(`http://127.0.0.1:${server.port}/`, {}, '{}');
    expect(result).toMatchObject({ status: 200, body: 'x'.repeat(16) });
    expect(result.error).toBeUndefined();
    await server.close();
  });

  it('speaks TLS to an https URL (a plain-HTTP receiver fails the handshake, not the protocol check)', async () => {
    const server = await serve((_req, res) => res.end('ok'));
    const result = await client().post(`https://127.0.0.1:${server.port}/`, {}, '{}');
    expect(result.status).toBeUndefined();
    expect(result.error).toEqual(expect.any(String));
    expect(result.error).not.toMatch(/unsupported protocol/);
    expect(server.hits).toEqual([]);
    await server.close();
  });
});
