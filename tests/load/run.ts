/**
 * npm run test:load — the whole app under load, from its production build, on SQLite and on
 * PostgreSQL: 60 s of mixed traffic (100 connections reading articles with populate, the
 * articles naming an organization, and GraphQL; 5 editors creating and updating 10 KB articles) with 10,000
 * organizations in the directory, while an organization rename triggers a background relink.
 * Then every write is checked (present, whole, links and relation as the engine computes them
 * for its final text), and the server is fuzzed with fast-check: article writes through REST, and
 * hostile reads through REST and GraphQL (tests/helpers/read-fuzz.ts). The same traffic
 * with the org-linker plugin disabled gives the ratio. Figures go to docs/benchmarks.md; the
 * run fails on any error or lost write, never on a time.
 *
 * Options: --only sqlite|postgres, --seconds 60, --organizations 10000, --fuzz 10000, --build no
 * (reuse the last production build), --graphql no (reads without GraphQL).
 */
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import autocannon from 'autocannon';
import fc from 'fast-check';
import { buildDirectory, linkBlocks, type Directory } from '../../src/plugins/org-linker/server/src/core';
import { argument, createDatabase, machine, percentile, postgresAvailable, type Database, type Kind } from '../../bench/lib/databases';
import { jsonRequest } from '../../bench/lib/http';
import { writeSection } from '../../bench/lib/section';
import { articleBody, seed } from '../../bench/lib/seed';
import { syntheticDirectory } from '../../bench/lib/synthetic';
import { linksIn, plainText } from '../helpers/blocks';
import { startChildApp, type ChildApp } from '../helpers/child-app';
import { answerIsClean, articlePayload } from '../helpers/fuzz';
import { contentTypesOfApp, hostileRead, readAnswerIsClean, sendRead, watchHealth } from '../helpers/read-fuzz';
import { findRoot } from '../helpers/root';

const ROOT = findRoot();
const SECONDS = Number(argument('seconds', '60'));
const ORGANIZATIONS = Number(argument('organizations', '10000'));
const FUZZ_RUNS = Number(argument('fuzz', '10000'));
/** --graphql no leaves GraphQL out of the read mix (to tell where time goes). */
const WITH_GRAPHQL = argument('graphql', 'yes') !== 'no';
const READERS = 100;
const EDITORS = 5;
const UPDATES_PER_ARTICLE = 3;

const directory = syntheticDirectory(ORGANIZATIONS);
/** Named now and then by the editors' texts (their names come from the first 25 entries). */
const RENAMED = directory[0];

const secret = () => randomBytes(16).toString('base64');
/** One set of secrets for the whole run: the API token seeded in-process is hashed with this salt. */
const SECRETS = {
  APP_KEYS: `${secret()},${secret()}`,
  API_TOKEN_SALT: secret(),
  ADMIN_JWT_SECRET: secret(),
  TRANSFER_TOKEN_SALT: secret(),
  JWT_SECRET: secret(),
  ENCRYPTION_KEY: secret(),
};
const productionEnv = () => ({ ...SECRETS, NODE_ENV: 'production', DEMO_CONTENT: 'false', LOG_LEVEL: 'warn' });

interface Problems {
  errors: string[];
  lost: string[];
  wrong: string[];
}

interface TrafficResult {
  plugin: 'on' | 'off';
  readers: { requestsPerSecond: number; p50: number; p99: number; max: number; errors: number; timeouts: number; non2xx: number; total: number };
  editors: { saves: number; savesPerSecond: number; p50: number; p99: number; errors: number };
  renameMs: number | null;
  checked: number;
  fuzzCases: number;
  readFuzzCases: number;
  problems: Problems;
}

const READ_PATHS = (articleIds: string[]) => [
  () => '/api/articles?populate=*',
  // The articles that name an organization, as README shows (a populate of mentionedIn is capped).
  () => `/api/articles?filters[mentionedOrganizations][slug][$eq]=${directory[1 + Math.floor(Math.random() * 24)].slug}&sort=date:desc&pagination[pageSize]=10`,
  () => `/api/articles/${articleIds[Math.floor(Math.random() * articleIds.length)]}?populate=mentionedOrganizations`,
];

const GRAPHQL_QUERY = JSON.stringify({ query: '{ articles(pagination: { limit: 10 }) { title date author { name } mentionedOrganizations { name slug } } }' });

/** 100 connections of reads, for the whole run. */
const readTraffic = (app: ChildApp, articleIds: string[], seconds = SECONDS) => {
  const paths = READ_PATHS(articleIds);
  return autocannon({
    url: app.baseUrl,
    connections: READERS,
    duration: seconds,
    // A request is abandoned (and counted as an error) only after a minute: this run fails on
    // errors, not on times; the latencies are reported.
    timeout: 60,
    requests: [
      { method: 'GET', setupRequest: (request) => ({ ...request, path: paths[0]() }) },
      { method: 'GET', setupRequest: (request) => ({ ...request, path: paths[1]() }) },
      { method: 'GET', setupRequest: (request) => ({ ...request, path: paths[2]() }) },
      ...(WITH_GRAPHQL ? [{ method: 'POST' as const, path: '/graphql', headers: { 'content-type': 'application/json' }, body: GRAPHQL_QUERY }] : []),
    ],
  });
};

/** One editor: creates a 10 KB article, updates it a few times, and starts again, until the end. */
const editor = async (app: ChildApp, token: string, index: number, deadline: number, written: Map<string, unknown>, latencies: number[], problems: Problems) => {
  let sequence = 0;
  while (Date.now() < deadline) {
    sequence += 1;
    const seedNumber = index * 100_000 + sequence * 10;
    const created = await jsonRequest<{ data: { documentId: string } }>(app.baseUrl, token, 'POST', '/api/articles', {
      data: { title: `Load ${index}-${sequence}`, date: '2024-05-01', body: articleBody(directory, 10 * 1024, seedNumber, undefined, 25) },
    });
    latencies.push(created.ms);
    if (created.status !== 201) {
      problems.errors.push(`editor ${index} create: ${created.status} ${JSON.stringify(created.body).slice(0, 200)}`);
      continue;
    }
    const { documentId } = created.body.data;
    written.set(documentId, articleBody(directory, 10 * 1024, seedNumber, undefined, 25));
    for (let update = 1; update <= UPDATES_PER_ARTICLE && Date.now() < deadline; update += 1) {
      const body = articleBody(directory, 10 * 1024, seedNumber + update, update === 2 ? `The ${RENAMED.name} joined.` : undefined, 25);
      const updated = await jsonRequest(app.baseUrl, token, 'PUT', `/api/articles/${documentId}`, { data: { body } });
      latencies.push(updated.ms);
      if (updated.status !== 200) problems.errors.push(`editor ${index} update: ${updated.status} ${JSON.stringify(updated.body).slice(0, 200)}`);
      else written.set(documentId, body);
    }
  }
};

const adminLogin = async (app: ChildApp, admin: { email: string; password: string }) =>
  (await jsonRequest<{ data: { token: string } }>(app.baseUrl, null, 'POST', '/admin/login', admin)).body.data.token;

const waitForRelinks = async (app: ChildApp, adminToken: string) => {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    const jobs = (await jsonRequest<{ data: { status: string }[] }>(app.baseUrl, adminToken, 'GET', '/org-linker/relink/jobs?limit=100')).body.data;
    if (jobs.every((job) => job.status === 'done' || job.status === 'failed')) return jobs.filter((job) => job.status === 'failed').length;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('background relinks did not finish within 5 minutes');
};

/** The directory as the server has it now, read through the API. */
const currentDirectory = async (app: ChildApp, token: string): Promise<Directory> => {
  const entries = [];
  for (let page = 1; ; page += 1) {
    const answer = await jsonRequest<{ data: { documentId: string; name: string; acronym: string | null; slug: string; autolink: boolean; aliases: { text: string }[] }[] }>(
      app.baseUrl,
      token,
      'GET',
      `/api/organizations?pagination[pageSize]=100&pagination[page]=${page}&fields[0]=name&fields[1]=acronym&fields[2]=slug&fields[3]=autolink&populate[aliases][fields][0]=text`
    );
    if (answer.status !== 200) throw new Error(`reading the directory: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
    entries.push(...answer.body.data);
    if (answer.body.data.length < 100) break;
  }
  return buildDirectory(
    entries.map((entry) => ({
      id: entry.documentId,
      name: entry.name,
      acronym: entry.acronym,
      slug: entry.slug,
      autolink: entry.autolink,
      aliases: entry.aliases.map((alias) => alias.text),
    }))
  );
};

/** Every acknowledged write: present, whole (its last text), linked and related as the engine says. */
const verifyWrites = async (app: ChildApp, token: string, written: Map<string, unknown>, plugin: boolean, problems: Problems) => {
  const finalDirectory = plugin ? await currentDirectory(app, token) : null;
  let checked = 0;
  for (const [documentId, lastBody] of written) {
    for (const status of ['draft', 'published'] as const) {
      const answer = await jsonRequest<{ data?: { body: unknown; mentionedOrganizations: { documentId: string }[] } }>(
        app.baseUrl,
        token,
        'GET',
        `/api/articles/${documentId}?status=${status}&populate[mentionedOrganizations][fields][0]=documentId`
      );
      checked += 1;
      if (answer.status !== 200 || !answer.body.data) {
        problems.lost.push(`${documentId} (${status}): ${answer.status}`);
        continue;
      }
      const { body, mentionedOrganizations } = answer.body.data;
      if (plainText(body) !== plainText(lastBody)) problems.wrong.push(`${documentId} (${status}): stored text is not the last text written`);
      if (!finalDirectory) continue;
      const expected = linkBlocks(finalDirectory, lastBody, {});
      if (JSON.stringify(linksIn(body)) !== JSON.stringify(linksIn(expected.output))) problems.wrong.push(`${documentId} (${status}): links differ from the engine's`);
      const relation = mentionedOrganizations.map((organization) => organization.documentId).sort();
      const mentioned = [...new Set(expected.mentions.map((mention) => String(mention.id)))].sort();
      if (JSON.stringify(relation) !== JSON.stringify(mentioned)) problems.wrong.push(`${documentId} (${status}): relation differs from the mentions`);
    }
  }
  return checked;
};

const fuzz = async (app: ChildApp, token: string, problems: Problems) => {
  const result = await fc.check(
    fc.asyncProperty(articlePayload, async (payload) => {
      const answer = await jsonRequest(app.baseUrl, token, 'POST', '/api/articles', { data: payload });
      return answerIsClean(answer.status, answer.body, 201);
    }),
    { numRuns: FUZZ_RUNS }
  );
  if (result.failed) problems.errors.push(`fuzz: ${fc.defaultReportMessage(result)?.slice(0, 1000)}`);
  return result.numRuns;
};

/** The hostile-reads generator (tests/integration/hostile-reads.test.ts), FUZZ_RUNS cases; /_health must answer within 1 s throughout. */
const readFuzz = async (app: ChildApp, problems: Problems) => {
  const health = watchHealth(app.baseUrl);
  const result = await fc.check(
    fc.asyncProperty(hostileRead(contentTypesOfApp(ROOT)), async (read) => {
      const answer = await sendRead(app.baseUrl, read);
      return readAnswerIsClean(answer.status, answer.body);
    }),
    { numRuns: FUZZ_RUNS, endOnFailure: true }
  );
  const { slowestMs, failures } = await health.stop();
  if (result.failed) problems.errors.push(`read fuzz: ${fc.defaultReportMessage(result)?.slice(0, 1000)}`);
  if (failures > 0 || slowestMs >= 1000) problems.errors.push(`read fuzz: /_health failed ${failures} times, slowest ${slowestMs.toFixed(0)} ms`);
  return result.numRuns;
};

const traffic = async (database: Database, seeded: Awaited<ReturnType<typeof seed>>, plugin: boolean): Promise<TrafficResult> => {
  const problems: Problems = { errors: [], lost: [], wrong: [] };
  const app = await startChildApp({
    env: { ...database.env, ...productionEnv(), ORG_LINKER_ENABLED: plugin ? 'true' : 'false', ORG_LINKER_WORKER: 'true', NEWSLETTER_WORKER: 'false' },
    serveAdminPanel: true,
    label: `load-${plugin ? 'on' : 'off'}`,
    readyTimeoutMs: 300_000,
  });
  try {
    const adminToken = await adminLogin(app, seeded.admin);
    const articleIds = (await jsonRequest<{ data: { documentId: string }[] }>(app.baseUrl, null, 'GET', '/api/articles?pagination[pageSize]=100')).body.data.map(
      (article) => article.documentId
    );
    // Warm-up (not measured): the first requests compile code paths and the GraphQL schema.
    await readTraffic(app, articleIds, 5);
    const written = new Map<string, unknown>();
    const latencies: number[] = [];
    const started = Date.now();
    const deadline = started + SECONDS * 1000;
    let renameMs: number | null = null;
    // A third of the way in; a failed request rejects the run rather than leaving it waiting.
    const rename = new Promise<void>((resolve) => setTimeout(resolve, (SECONDS * 1000) / 3)).then(async () => {
      const answer = await jsonRequest(app.baseUrl, seeded.token, 'PUT', `/api/organizations/${seeded.organizations.get(RENAMED.id)}`, {
        data: { name: `${RENAMED.name} Renamed`, slug: `${RENAMED.slug}-renamed` },
      });
      if (answer.status !== 200) problems.errors.push(`rename: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
      renameMs = answer.ms;
    });
    const [readers] = await Promise.all([
      readTraffic(app, articleIds),
      ...Array.from({ length: EDITORS }, (_, index) => editor(app, seeded.token, index, deadline, written, latencies, problems)),
      rename,
    ]);
    const elapsed = (Date.now() - started) / 1000;
    if (readers.errors > 0 || readers.non2xx > 0)
      problems.errors.push(`readers: ${readers.errors} errors (${readers.timeouts} of them timeouts), ${readers.non2xx} non-2xx answers`);
    if (plugin) {
      const failedJobs = await waitForRelinks(app, adminToken);
      if (failedJobs > 0) problems.errors.push(`${failedJobs} relink jobs failed`);
    }
    const checked = await verifyWrites(app, seeded.token, written, plugin, problems);
    const fuzzCases = plugin ? await fuzz(app, seeded.token, problems) : 0;
    const readFuzzCases = plugin ? await readFuzz(app, problems) : 0;
    if (problems.errors.length + problems.lost.length + problems.wrong.length > 0) {
      console.error(`server log (errors) of the run with the plugin ${plugin ? 'on' : 'off'}:`);
      console.error(
        app
          .output()
          .split('\n')
          .filter((line) => /error|Error|at /.test(line))
          .slice(-80)
          .join('\n')
      );
    }
    return {
      plugin: plugin ? 'on' : 'off',
      readers: {
        requestsPerSecond: readers.requests.average,
        p50: readers.latency.p50,
        p99: readers.latency.p99,
        max: readers.latency.max,
        errors: readers.errors,
        timeouts: readers.timeouts,
        non2xx: readers.non2xx,
        total: readers.requests.total,
      },
      editors: {
        saves: latencies.length,
        savesPerSecond: latencies.length / elapsed,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        errors: problems.errors.filter((e) => e.startsWith('editor')).length,
      },
      renameMs,
      checked,
      fuzzCases,
      readFuzzCases,
      problems,
    };
  } catch (error) {
    console.error(app.output().slice(-4000));
    throw error;
  } finally {
    await app.stop();
  }
};

const report = (results: { kind: Kind; seconds: number; runs: TrafficResult[] }[]) => {
  const lines = [
    '## Load (`npm run test:load`)',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}.`,
    '',
    `The app runs from its production build (\`NODE_ENV=production\`, admin panel served) as its own process on loopback, with ${ORGANIZATIONS.toLocaleString('en')} published organizations and 200 articles seeded. For ${SECONDS} s: ${READERS} autocannon connections read in turn \`/api/articles?populate=*\`, a page of the articles that name an organization (filtered, sorted, paginated), one article with \`mentionedOrganizations\`, and a GraphQL query of articles with authors and organizations; at the same time ${EDITORS} editors each create a 10 KB article and update it ${UPDATES_PER_ARTICLE} times, again and again; after a third of the run an organization the editors name is renamed (name and slug), which queues a background relink. Afterwards every write is read back (draft and published versions) and checked: present, its last text whole, links and relation as the engine computes them for that text with the final directory. Then ${FUZZ_RUNS.toLocaleString('en')} fast-check cases of random article payloads go through REST (each must answer 201 or a 4xx with a message), and ${FUZZ_RUNS.toLocaleString('en')} cases of hostile reads through REST and GraphQL (each must answer a 2xx or a 4xx with a message while \`/_health\` answers within 1 s). The same traffic runs with the plugin disabled (\`ORG_LINKER_ENABLED=false\`) on a copy of the same seeded database.`,
    '',
  ];
  lines.push(
    'How to read it: the same two cores run the load generator, the server and, with the plugin on, the linking of every save (10 KB against 10,000 organizations) and the background relink after the rename, so with the plugin on fewer reads and saves fit in the 60 s. Read latencies are mostly waiting in line: 100 connections that never pause share the server, so a read waits for roughly the other 99 (Little\'s law: latency ≈ connections ÷ throughput). Saves are not in that line (the read gate admits reads only; README, "Content reads"), which is why they stay fast.',
    ''
  );
  for (const { kind, seconds, runs } of results) {
    const [on, off] = runs;
    lines.push(
      `### ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} (seeded in ${seconds.toFixed(0)} s)`,
      '',
      '| | plugin on | plugin off | on / off |',
      '|---|---:|---:|---:|',
      `| reads: requests/s | ${on.readers.requestsPerSecond.toFixed(0)} | ${off.readers.requestsPerSecond.toFixed(0)} | ${(on.readers.requestsPerSecond / off.readers.requestsPerSecond).toFixed(2)} |`,
      `| reads: p50 / p99 / max latency | ${on.readers.p50} / ${on.readers.p99} / ${on.readers.max} ms | ${off.readers.p50} / ${off.readers.p99} / ${off.readers.max} ms | |`,
      `| reads: errors and non-2xx of ${on.readers.total.toLocaleString('en')} / ${off.readers.total.toLocaleString('en')} | ${on.readers.errors + on.readers.non2xx} | ${off.readers.errors + off.readers.non2xx} | |`,
      `| editor saves: total, per second | ${on.editors.saves}, ${on.editors.savesPerSecond.toFixed(1)} | ${off.editors.saves}, ${off.editors.savesPerSecond.toFixed(1)} | ${(on.editors.savesPerSecond / off.editors.savesPerSecond).toFixed(2)} |`,
      `| editor saves: p50 / p99 latency | ${on.editors.p50.toFixed(0)} / ${on.editors.p99.toFixed(0)} ms | ${off.editors.p50.toFixed(0)} / ${off.editors.p99.toFixed(0)} ms | |`,
      `| editor errors | ${on.editors.errors} | ${off.editors.errors} | |`,
      `| rename (the organization's own save) | ${on.renameMs?.toFixed(0) ?? '–'} ms | ${off.renameMs?.toFixed(0) ?? '–'} ms | |`,
      `| versions read back and checked | ${on.checked} | ${off.checked} | |`,
      `| lost writes / wrong writes | ${on.problems.lost.length} / ${on.problems.wrong.length} | ${off.problems.lost.length} / ${off.problems.wrong.length} | |`,
      `| fuzz cases (all 201 or 4xx with a message) | ${on.fuzzCases.toLocaleString('en')} | – | |`,
      `| hostile read cases (all 2xx or 4xx with a message, /_health < 1 s) | ${on.readFuzzCases.toLocaleString('en')} | – | |`,
      ''
    );
    for (const run of runs) {
      const all = [...run.problems.errors, ...run.problems.lost, ...run.problems.wrong];
      if (all.length > 0) lines.push(`Problems with the plugin ${run.plugin}:`, '', ...all.slice(0, 20).map((problem) => `- ${problem}`), '');
    }
  }
  return lines.join('\n');
};

const main = async () => {
  const only = argument('only', '');
  const kinds: Kind[] = only ? [only as Kind] : ['sqlite', ...((await postgresAvailable()) ? (['postgres'] as const) : [])];
  if (argument('build', 'yes') !== 'no') {
    console.log('building the admin panel and the server for production…');
    // The build loads the config, which refuses production without secrets; none is baked into the build.
    execSync('npm run -s build', { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...productionEnv() } });
  }
  const results = [];
  for (const kind of kinds) {
    console.log(`${kind}: seeding…`);
    const database = await createDatabase(kind, 'load');
    Object.assign(process.env, SECRETS);
    const seeded = await seed(database, { directory, articles: 200 });
    const copies = [await database.clone(), await database.clone()];
    try {
      const runs = [await traffic(copies[0], seeded, true), await traffic(copies[1], seeded, false)];
      console.log(JSON.stringify(runs.map(({ problems, ...figures }) => ({ ...figures, problems: problems.errors.length + problems.lost.length + problems.wrong.length }))));
      results.push({ kind, seconds: seeded.seconds, runs });
    } finally {
      await Promise.all([...copies, database].map((copy) => copy.drop()));
    }
  }
  const section = report(results);
  console.log(section);
  writeSection(path.join(ROOT, 'docs', 'benchmarks.md'), 'load', section);
  const failures = results.flatMap(({ runs }) => runs.flatMap((run) => [...run.problems.errors, ...run.problems.lost, ...run.problems.wrong]));
  if (failures.length > 0) {
    console.error(`test:load failed: ${failures.length} problems (first: ${failures[0]})`);
    process.exit(1);
  }
};

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);
