import http from 'node:http';
import { paragraph } from '../helpers/blocks';
import { createApiTokenOverHttp, registerFirstAdmin, startChildApp, type ChildApp } from '../helpers/child-app';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { articleData } from '../helpers/factories';

/**
 * Requests that arrive while many connections keep reading are answered while those reads go
 * on, not after them. On SQLite the driver is synchronous: before the read gate admitted one
 * read per event-loop turn, Node served every ready reading connection in one turn and only
 * then accepted a new connection, so a save (or /_health) on a new connection waited until the
 * readers stopped (measured: a whole 60 s load run). The app runs as its own process, as in
 * production; the readers are plain keep-alive connections that never pause.
 */

jest.setTimeout(120_000);

const READERS = 60;
/** Readers stop at the latest after this; a request answered only then has been starved. */
const READERS_DEADLINE_MS = 30_000;

let database: TestDatabase;
let app: ChildApp;
let token: string;

const get = (agent: http.Agent | false, path: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const request = http.get(`${app.baseUrl}${path}`, { agent }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    request.on('error', reject);
  });

const post = (path: string, body: unknown): Promise<number> =>
  new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    // agent: false opens a new connection, as a browser or a site's server would.
    const request = http.request(
      `${app.baseUrl}${path}`,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization: `Bearer ${token}` } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      }
    );
    request.on('error', reject);
    request.end(payload);
  });

beforeAll(async () => {
  database = await createTestDatabase('reads-load');
  app = await startChildApp({ env: database.env });
  token = await createApiTokenOverHttp(app.baseUrl, await registerFirstAdmin(app.baseUrl));
  // Enough published articles that one read of them all takes a few milliseconds.
  for (let index = 0; index < 40; index += 1) {
    const body = Array.from({ length: 20 }, (_, n) => paragraph(`Paragraph ${n} of article ${index}, long enough to weigh something.`));
    expect(await post('/api/articles?status=published', { data: articleData({ body }) })).toBe(201);
  }
});
afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

describe('requests on new connections while many connections keep reading', () => {
  it('answers a save and a health check before every reader has been served once more, and every reader gets answers', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: READERS });
    let stop = false;
    let inFlight = 0;
    const statuses: number[] = [];
    const readsByReader = new Array<number>(READERS).fill(0);
    const readers = readsByReader.map(async (_, reader) => {
      while (!stop) {
        inFlight += 1;
        statuses.push(await get(agent, '/api/articles?populate=*&pagination[pageSize]=40'));
        readsByReader[reader] += 1;
        inFlight -= 1;
      }
    });
    const deadline = setTimeout(() => (stop = true), READERS_DEADLINE_MS);
    try {
      // Every reader has its connection and has been answered: the readers' own connections are
      // not still waiting to be accepted ahead of the newcomers (under load Node accepted one
      // connection per event-loop turn).
      while (readsByReader.some((reads) => reads === 0) && !stop) await new Promise((resolve) => setTimeout(resolve, 50));
      await new Promise((resolve) => setTimeout(resolve, 500));
      const readsBefore = statuses.length;
      expect(inFlight).toBe(READERS); // every reading connection is busy when the others arrive

      // Fair service: a newcomer is answered before every reading connection has been served
      // once more. Starved, it waits whole rounds of the readers (the readers' answers are
      // counted while each newcomer waits; a count, not a time, so a slow machine does not matter).
      const readsWhileWaiting = async (what: string, request: Promise<number>) => {
        const before = statuses.length;
        const status = await request;
        return { what, status, stillReading: !stop, readsWhileWaiting: statuses.length - before };
      };
      const answered = await Promise.all([readsWhileWaiting('save', post('/api/articles', { data: articleData() })), readsWhileWaiting('health', get(false, '/_health'))]);
      expect(answered).toEqual([
        expect.objectContaining({ what: 'save', status: 201, stillReading: true }),
        expect.objectContaining({ what: 'health', status: 204, stillReading: true }),
      ]);
      for (const { readsWhileWaiting: reads } of answered) expect(reads).toBeLessThan(READERS);
      // And the readers were being served meanwhile, not paused for the newcomers.
      expect(statuses.length).toBeGreaterThan(readsBefore);
    } finally {
      stop = true;
      clearTimeout(deadline);
      await Promise.all(readers);
      agent.destroy();
    }
    expect(statuses.every((status) => status === 200)).toBe(true);
  });
});
