import fc from 'fast-check';
import { startApp, type TestApp } from '../helpers/app';
import { articleData } from '../helpers/factories';
import { contentTypesOfApp, hostileRead, readAnswerIsClean, sendRead, watchHealth } from '../helpers/read-fuzz';

/**
 * Hostile public reads through the real server, over every content type's REST route and
 * GraphQL: random populate/filters/fields/sort/pagination trees, names of Object.prototype, long
 * lists, any Unicode. Each answer is a 2xx or a 4xx with a message — never a 500 or a timeout —
 * and /_health answers within 1 s throughout. READ_FUZZ_RUNS sets the cases (300 here; the load
 * run makes 10,000).
 */

const RUNS = Number(process.env.READ_FUZZ_RUNS ?? 300);

let app: TestApp;

beforeAll(async () => {
  // The demo content (11 organizations, 9 partnerships, an article naming them all) and a few more
  // articles, so that populated relations have entries.
  app = await startApp({ demo: true });
  for (let index = 0; index < 5; index += 1) {
    await app.strapi.documents('api::article.article').create({
      data: articleData({ body: [{ type: 'paragraph', children: [{ type: 'text', text: 'WAITRO and the Chinese Academy of Sciences met.' }] }] }),
      status: 'published',
    });
  }
}, 120_000);
afterAll(() => app?.stop());

describe('hostile reads', () => {
  it(`answers ${RUNS} random hostile reads with a 2xx or a 4xx with a message, /_health within 1 s`, async () => {
    const types = contentTypesOfApp();
    expect(types.map((type) => type.pluralName).sort()).toEqual(['articles', 'authors', 'organizations', 'partnerships', 'sectors']);
    const health = watchHealth(app.baseUrl);
    const statuses = new Map<number, number>();
    try {
      await fc.assert(
        fc.asyncProperty(hostileRead(types), async (read) => {
          const answer = await sendRead(app.baseUrl, read);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          if (!readAnswerIsClean(answer.status, answer.body)) {
            throw new Error(`${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}`);
          }
        }),
        { numRuns: RUNS }
      );
    } finally {
      const { slowestMs, failures } = await health.stop();
      expect(failures).toBe(0);
      expect(slowestMs).toBeLessThan(1000);
    }
    if (process.env.READ_FUZZ_VERBOSE) console.log(Object.fromEntries(statuses));
    // Both kinds of answers were seen: the generator reaches past the limits and within them.
    expect([...statuses.keys()].some((status) => status === 200)).toBe(true);
    expect([...statuses.keys()].some((status) => status === 400)).toBe(true);
  }, 600_000);
});
