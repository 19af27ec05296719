import { createApiToken, startApp, type TestApp } from '../helpers/app';
import { articleData } from '../helpers/factories';

// One read at a time, two waiting: the smallest gate that shows admitting, waiting and refusing.
const GATE_ENV = { READ_CONCURRENCY: '1', READ_QUEUE_MAX: '2' };

let app: TestApp;
let token: string;

/** While set, a read of articles stops inside the server until released: the gate's slot stays taken. */
let hold: { entered: () => void; released: Promise<void> } | null = null;

beforeAll(async () => {
  app = await startApp({ env: GATE_ENV });
  token = await createApiToken(app.strapi, 'full-access');
  app.strapi.documents.use(async (context, next) => {
    if (hold && context.uid === 'api::article.article' && context.action === 'findMany') {
      const current = hold;
      current.entered();
      await current.released;
    }
    return next();
  });
  await app.strapi.documents('api::article.article').create({ data: articleData(), status: 'published' });
});
afterAll(async () => {
  await app?.stop();
  for (const key of Object.keys(GATE_ENV)) delete process.env[key];
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Takes the only read slot with a held request; returns it and the release. */
const occupy = async () => {
  let entered!: () => void;
  let release!: () => void;
  const inside = new Promise<void>((resolve) => (entered = resolve));
  hold = { entered, released: new Promise<void>((resolve) => (release = resolve)) };
  const first = app
    .http()
    .get('/api/articles')
    .then((answer) => answer);
  await inside;
  return {
    first,
    release: () => {
      hold = null;
      release();
    },
  };
};

describe('read gate (admission control for content reads)', () => {
  it('queues reads beyond its concurrency, refuses past the waiting line with 503, a message and Retry-After', async () => {
    const { first, release } = await occupy();
    const waiting = [
      app
        .http()
        .get('/api/articles')
        .then((a) => a),
      app
        .http()
        .get('/api/organizations')
        .then((a) => a),
    ];
    await sleep(300); // both are at the gate by now (loopback)
    const refused = await app.http().get('/api/authors');
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.body.error).toMatchObject({ status: 503, name: 'ServiceUnavailableError', message: expect.stringMatching(/try again/) });
    const graphql = await app.http().post('/graphql').send({ query: '{ authors { name } }' });
    expect(graphql.status).toBe(503);

    release();
    expect((await first).status).toBe(200);
    expect((await Promise.all(waiting)).map((answer) => answer.status)).toEqual([200, 200]);
    expect((await app.http().get('/api/articles')).status).toBe(200);
  });

  it('never makes a write wait at the gate: a save is answered while every read slot is taken', async () => {
    const { first, release } = await occupy();
    const waiting = [
      app
        .http()
        .get('/api/organizations')
        .then((a) => a),
      app
        .http()
        .get('/api/organizations')
        .then((a) => a),
    ];
    await sleep(300);
    const written = await app.http().post('/api/articles').set('Authorization', `Bearer ${token}`).send({ data: articleData() });
    expect(written.status).toBe(201);
    release();
    await first;
    await Promise.all(waiting);
  });
});
