/**
 * npm run bench:import — the directory import (issue 17) at world scale, on SQLite and PostgreSQL,
 * the same data:
 *  - generates N synthetic records in ROR's schema 2.1 (display names, acronyms, aliases, labels in
 *    several languages, locations, websites, types, Wikidata ids, parent links that point forwards and
 *    backwards in the file) into .tmp/bench-import (ignored), streamed;
 *  - imports them with the command line (`npm run directory -- import FILE --publish`) into a fresh
 *    database: wall time of the import itself and of the whole command, the command's peak RSS;
 *  - imports the same file again: time and changes (must be 0);
 *  - builds the linker's directory from the imported organizations (a fresh process's first build);
 *  - asks the Content Manager's admin API for the organization list and for a search by name.
 * Figures go to the bench:import section of docs/benchmarks.md, with the machine, the date and
 * the load average.
 *
 * Options: --only sqlite|postgres, --records N (100000). A quick try: --records 5000.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStrapi } from '@strapi/strapi';
import { buildDirectory, type DirectoryEntry } from '../src/plugins/org-linker/server/src/core';
import { registerFirstAdmin, startChildApp } from '../tests/helpers/child-app';
import { findRoot } from '../tests/helpers/root';
import { argument, createDatabase, machine, median, postgresAvailable, type Database, type Kind } from './lib/databases';
import { jsonRequest } from './lib/http';
import { writeSection } from './lib/section';
import { mulberry32, syntheticDirectory } from './lib/synthetic';

const ROOT = findRoot();
const RECORDS = Number(argument('records', '100000'));
const FOLDER = path.join(ROOT, '.tmp', 'bench-import');
const CLI = path.join(ROOT, 'dist', 'src', 'directory', 'cli.js');
const TARGET = { importSeconds: 300, reimportSeconds: 60, buildMs: 1500, adminMs: 1000 };

const log = (line: string) => process.stdout.write(`${line}\n`);
const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');

// ---------------------------------------------------------------------------------------------
// The synthetic ROR dump

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';
/** ISO 3166-1 alpha-2 codes with a city each, for locations. */
const PLACES: [string, string][] = [
  ['CN', 'Shenyang'],
  ['CN', 'Dalian'],
  ['FI', 'Espoo'],
  ['TW', 'Hsinchu'],
  ['DE', 'Munich'],
  ['CA', 'Ottawa'],
  ['EG', 'Cairo'],
  ['KR', 'Seoul'],
  ['SG', 'Singapore'],
  ['NG', 'Lagos'],
  ['KE', 'Nairobi'],
  ['PE', 'Lima'],
  ['PT', 'Porto'],
  ['FR', 'Lyon'],
  ['BE', 'Leuven'],
  ['NL', 'Delft'],
  ['SE', 'Uppsala'],
  ['PL', 'Gdansk'],
  ['IT', 'Bologna'],
  ['ES', 'Valencia'],
  ['IN', 'Pune'],
  ['VN', 'Hanoi'],
  ['AU', 'Perth'],
  ['BR', 'Recife'],
  ['MX', 'Puebla'],
];
const ROR_TYPES = ['education', 'facility', 'government', 'company', 'nonprofit', 'funder', 'healthcare', 'archive', 'other'];
const HAN = '中国科学院金属研究所技术工业大学国家实验室中心材料能源信息电子化学物理生物医学工程';

/** A valid ROR id for a number: "0", six Crockford base-32 digits, the two-digit checksum. */
const rorIdOf = (n: number): string => {
  let digits = '';
  let value = n + 32 ** 5; // six digits, never all zeros
  for (let index = 0; index < 6; index += 1) {
    digits = CROCKFORD[value % 32] + digits;
    value = Math.floor(value / 32);
  }
  let big = 0n;
  for (const character of `0${digits}`) big = big * 32n + BigInt(CROCKFORD.indexOf(character));
  return `0${digits}${String(98n - ((big * 100n) % 97n)).padStart(2, '0')}`;
};

const hanName = (rand: () => number, length: number): string => Array.from({ length }, () => HAN[Math.floor(rand() * HAN.length)]).join('');

/** Record `index` of the dump (0-based; its parent, if any, is an earlier record). */
const rorRecord = (index: number, entry: { name: string; acronym?: string | null; aliases?: string[] | null }, rand: () => number): Record<string, unknown> => {
  const [country, city] = PLACES[index % PLACES.length];
  const names: Record<string, unknown>[] = [{ value: entry.name, types: ['ror_display', 'label'], lang: 'en' }];
  if (entry.acronym) names.push({ value: entry.acronym, types: ['acronym'], lang: null });
  if (entry.acronym && rand() < 0.1) names.push({ value: `${entry.acronym}X`, types: ['acronym'], lang: null });
  for (const alias of entry.aliases ?? []) names.push({ value: alias, types: ['alias'], lang: 'en' });
  if (rand() < 0.5) names.push({ value: `${hanName(rand, 4)}${index}`, types: ['label'], lang: 'zh' });
  if (rand() < 0.3) names.push({ value: `Institut ${entry.name}`, types: ['label'], lang: 'fr' });
  if (rand() < 0.2) names.push({ value: `${entry.name} (Deutsch)`, types: ['label'], lang: 'de' });
  const parent = index > 50 && rand() < 0.2 ? Math.floor(rand() * index) : null;
  return {
    id: `https://ror.org/${rorIdOf(index)}`,
    names,
    status: 'active',
    types: [ROR_TYPES[index % ROR_TYPES.length]],
    established: 1900 + (index % 120),
    locations: [{ geonames_id: 1000 + (index % PLACES.length), geonames_details: { name: city, country_code: country, lat: 0, lng: 0 } }],
    links: [{ type: 'website', value: `https://org-${index}.example.org/` }],
    external_ids: rand() < 0.7 ? [{ type: 'wikidata', all: [`Q${1_000_000 + index}`], preferred: `Q${1_000_000 + index}` }] : [],
    relationships: parent === null ? [] : [{ type: 'parent', label: 'parent', id: `https://ror.org/${rorIdOf(parent)}` }],
    domains: [],
    admin: { created: { date: '2024-01-01', schema_version: '2.1' }, last_modified: { date: '2024-01-01', schema_version: '2.1' } },
  };
};

/**
 * Writes the dump, streamed. The file order interleaves the records (a stride through them), so
 * about half of the children come before their parent.
 */
const writeDump = async (count: number): Promise<string> => {
  fs.mkdirSync(FOLDER, { recursive: true });
  const file = path.join(FOLDER, `ror-${count}.json`);
  const directory = syntheticDirectory(count, 17);
  const records: Record<string, unknown>[] = [];
  const rand = mulberry32(1717);
  for (let index = 0; index < count; index += 1) records.push(rorRecord(index, directory[index], rand));
  const stride = count % 7919 === 0 ? 7907 : 7919;
  const out = fs.createWriteStream(file);
  const write = (chunk: string) => new Promise<void>((resolve) => (out.write(chunk) ? resolve() : out.once('drain', resolve)));
  await write('[\n');
  for (let step = 0; step < count; step += 1) await write(`${step > 0 ? ',\n' : ''}${JSON.stringify(records[(step * stride) % count])}`);
  await write('\n]\n');
  await new Promise<void>((resolve) => out.end(resolve));
  return file;
};

// ---------------------------------------------------------------------------------------------
// Measures

interface CliRun {
  seconds: number;
  wallSeconds: number;
  peakRssMB: number;
  created: number;
  changed: number;
  unchanged: number;
  refused: number;
}

/** One `npm run directory -- import` (the compiled command) against the database. */
const runImport = (database: Database, file: string): Promise<CliRun> =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, 'import', file, '--format', 'ror', '--publish', '--json'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'error',
        DEMO_CONTENT: 'false',
        ORG_LINKER_WORKER: 'false',
        NEWSLETTER_WORKER: 'false',
        DIRECTORY_IMPORT_REPORT_LIMIT: '0',
        ...database.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => {
      const wallSeconds = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(`import exited ${code}: ${stderr.slice(-2000)}\n${stdout.slice(-2000)}`));
      const report = JSON.parse(stdout) as { created: number; changed: number; unchanged: number; refused: unknown[]; seconds: number; peakRssMB: number };
      resolve({
        seconds: report.seconds,
        wallSeconds,
        peakRssMB: report.peakRssMB,
        created: report.created,
        changed: report.changed,
        unchanged: report.unchanged,
        refused: report.refused.length,
      });
    });
  });

/** An organization as the linker's runtime holds it (services/directory.ts OrganizationInfo). */
type DirectoryEntryRow = Omit<DirectoryEntry, 'id'> & { documentId: string };

/**
 * The linker's directory built from the database in a fresh Strapi (load plus automaton), then
 * again (warm), and the automaton alone over the same organizations (warm): the difference of the
 * last two is the reading.
 */
const directoryBuild = async (database: Database): Promise<{ ms: number; entries: number; warmMs: number; automatonMs: number }> => {
  Object.assign(process.env, { NODE_ENV: 'test', LOG_LEVEL: 'error', DEMO_CONTENT: 'false', ORG_LINKER_WORKER: 'false', NEWSLETTER_WORKER: 'false', ...database.env });
  const strapi = await createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist'), autoReload: false, serveAdminPanel: false }).load();
  try {
    const directory = strapi
      .plugin('org-linker')
      .service<{ runtime(options: { minDirectoryVersion: number }): Promise<{ organizations: Map<string, DirectoryEntryRow> }> }>('directory');
    const timed = async <T>(work: () => Promise<T> | T): Promise<{ value: T; ms: number }> => {
      const started = performance.now();
      const value = await work();
      return { value, ms: performance.now() - started };
    };
    // Past any version: the directory is read and built now, even if the plugin built it at start.
    const first = await timed(() => directory.runtime({ minDirectoryVersion: Number.MAX_SAFE_INTEGER }));
    const warm = await timed(() => directory.runtime({ minDirectoryVersion: Number.MAX_SAFE_INTEGER }));
    const entries: DirectoryEntry[] = [...warm.value.organizations.values()].map(({ documentId, name, acronym, aliases, slug, autolink, acronymAlone }) => ({
      id: documentId,
      name,
      acronym,
      aliases,
      slug,
      autolink,
      acronymAlone,
    }));
    const automaton = await timed(() => buildDirectory(entries));
    return { ms: first.ms, entries: first.value.organizations.size, warmMs: warm.ms, automatonMs: automaton.ms };
  } finally {
    await strapi.destroy();
  }
};

/** Median times of the Content Manager's organization list and of a search by name (admin API). */
const contentManager = async (database: Database): Promise<{ listMs: number; searchMs: number; total: number; found: number }> => {
  const app = await startChildApp({ env: { ...database.env, DEMO_CONTENT: 'false', ORG_LINKER_WORKER: 'false', NEWSLETTER_WORKER: 'false' }, label: `cm-${database.client}` });
  try {
    const token = await registerFirstAdmin(app.baseUrl);
    const base = '/content-manager/collection-types/api::organization.organization';
    const list = `${base}?page=1&pageSize=10&sort=name:ASC`;
    const search = `${base}?page=1&pageSize=10&sort=name:ASC&_q=${encodeURIComponent('Metallurgy')}`;
    const times = { list: [] as number[], search: [] as number[] };
    let total = 0;
    let found = 0;
    for (let round = 0; round < 7; round += 1) {
      const listed = await jsonRequest<{ pagination: { total: number } }>(app.baseUrl, token, 'GET', list);
      const searched = await jsonRequest<{ pagination: { total: number } }>(app.baseUrl, token, 'GET', search);
      if (listed.status !== 200 || searched.status !== 200) throw new Error(`content manager: ${listed.status} / ${searched.status}`);
      if (round < 2) continue; // warm-up
      times.list.push(listed.ms);
      times.search.push(searched.ms);
      total = listed.body.pagination.total;
      found = searched.body.pagination.total;
    }
    return { listMs: median(times.list), searchMs: median(times.search), total, found };
  } finally {
    await app.stop();
  }
};

interface Result {
  kind: Kind;
  first: CliRun;
  again: CliRun;
  build: { ms: number; entries: number; warmMs: number; automatonMs: number };
  cm: { listMs: number; searchMs: number; total: number; found: number };
  load: string;
}

const measure = async (kind: Kind, file: string): Promise<Result> => {
  const database = await createDatabase(kind, 'import_bench');
  try {
    log(`${kind}: importing ${RECORDS.toLocaleString('en')} records (load ${load()})`);
    const first = await runImport(database, file);
    log(
      `  import: ${first.seconds.toFixed(1)} s (command ${first.wallSeconds.toFixed(1)} s), peak RSS ${first.peakRssMB.toFixed(0)} MB; ${first.created} created, ${first.refused} refused`
    );
    const again = await runImport(database, file);
    log(`  re-import: ${again.seconds.toFixed(1)} s, ${again.created + again.changed} changes, peak RSS ${again.peakRssMB.toFixed(0)} MB`);
    const build = await directoryBuild(database);
    log(
      `  directory build: ${build.ms.toFixed(0)} ms (${build.entries} organizations); warm ${build.warmMs.toFixed(0)} ms, of which the automaton ${build.automatonMs.toFixed(0)} ms`
    );
    const cm = await contentManager(database);
    log(`  content manager: list ${cm.listMs.toFixed(0)} ms, search ${cm.searchMs.toFixed(0)} ms (${cm.found} found)`);
    return { kind, first, again, build, cm, load: load() };
  } finally {
    await database.drop();
  }
};

const verdict = (value: number, target: number) => (value <= target ? 'meets' : '**misses**');

const section = (results: Result[], startLoad: string): string => {
  const lines = [
    '## Directory import (issue 17)',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}, load average ${startLoad} at the start${Number(startLoad.split(' ')[0]) > 1 ? ' (other work shared the machine)' : ''}. Run with \`npm run bench:import\` (this run: \`--records ${RECORDS}\`).`,
    '',
    `${RECORDS.toLocaleString('en')} synthetic records in ROR's schema 2.1 (display name, acronyms, aliases, labels in zh/fr/de, location, website, type, Wikidata id, a parent for about 20 %, children before and after their parents in the file), imported with \`npm run directory -- import FILE --publish\` into a fresh database. "Import" is the importer's own time; "command" adds Strapi's start and stop. Peak RSS is the command's (\`process.resourceUsage().maxRSS\`). The directory build is a fresh Strapi's first \`runtime()\` of the org-linker (reading the published organizations and building the automaton); "warm" is a second one in the same process, and "automaton" \`buildDirectory()\` alone over the same organizations (warm), so warm minus automaton is the reading. The Content Manager figures are the medians of 5 admin API requests after 2 warm-ups (10 per page, sorted by name; the search is \`_q=Metallurgy\`).`,
    '',
    '| database | import | command | peak RSS | re-import | re-import changes | directory build (warm: all / automaton) | CM list | CM search | load after |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.kind} | ${r.first.seconds.toFixed(1)} s (${r.first.created.toLocaleString('en')} created) | ${r.first.wallSeconds.toFixed(1)} s | ${r.first.peakRssMB.toFixed(0)} MB | ${r.again.seconds.toFixed(1)} s | ${r.again.created + r.again.changed} | ${r.build.ms.toFixed(0)} ms (${r.build.warmMs.toFixed(0)} / ${r.build.automatonMs.toFixed(0)} ms) | ${r.cm.listMs.toFixed(0)} ms | ${r.cm.searchMs.toFixed(0)} ms (${r.cm.found} found) | ${r.load} |`
    ),
    '',
    'Targets (issue 17, at 100,000 records): import ≤ 5 min, re-import ≤ 1 min with 0 changes, directory build ≤ 1.5 s, list and search ≤ 1 s.',
    '',
    ...results.map(
      (r) =>
        `- ${r.kind}: import ${verdict(r.first.seconds, TARGET.importSeconds)}, re-import ${verdict(r.again.seconds, TARGET.reimportSeconds)} with ${r.again.created + r.again.changed === 0 ? '0 changes' : '**changes**'}, build ${verdict(r.build.ms, TARGET.buildMs)}, list ${verdict(r.cm.listMs, TARGET.adminMs)}, search ${verdict(r.cm.searchMs, TARGET.adminMs)}${RECORDS < 100_000 ? ` (at ${RECORDS.toLocaleString('en')} records, not the target's 100,000)` : ''}.`
    ),
  ];
  return lines.join('\n');
};

const main = async () => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: npm run bench:import compiles it first`);
  const only = argument('only', '');
  const kinds: Kind[] = only ? [only as Kind] : ['sqlite', ...((await postgresAvailable()) ? (['postgres'] as const) : [])];
  const startLoad = load();
  log(`generating ${RECORDS.toLocaleString('en')} ROR records (load ${startLoad})`);
  const file = await writeDump(RECORDS);
  log(`  ${file}: ${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB`);
  const results: Result[] = [];
  for (const kind of kinds) {
    results.push(await measure(kind, file));
    // Written after each database, so a long run that stops keeps what it measured.
    writeSection(path.join(ROOT, 'docs', 'benchmarks.md'), 'import', section(results, startLoad));
    log('wrote the bench:import section of docs/benchmarks.md');
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  }
);
