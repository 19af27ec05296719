/**
 * Benchmark of the org-linker matching engine: `npm run bench:linker`.
 *
 * Synthetic directories of 1,000, 10,000 and 100,000 entries (seeded, so
 * every run measures the same data), a 10 KB article and a 1 MB text. Side by
 * side in the same run: a bare charCodeAt loop (the ceiling), the engine's
 * detect(), modern-ahocorasick over the same normalized forms (it does less:
 * no boundaries, no case rules, no folding of the text), one alternation
 * regular expression of all forms, and one regular expression per form (the
 * WordPress way, at 1,000 entries only). Figures go to stdout and to the
 * linker section of docs/benchmarks.md.
 *
 * Run with --expose-gc (the npm script does) so heap figures are retained
 * sizes after a collection.
 *
 * A second section (linker-formats) times scan and link of markdown and
 * blocks documents of 10 KB, 1 MB and 5 MB, to show both grow linearly with
 * the document. `--formats-only` runs just that section (a minute or two).
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import AhoCorasick from 'modern-ahocorasick';
import { type Block, buildDirectory, detect, detectBlocks, detectMarkdown, type Directory, linkBlocks, linkMarkdown } from '../src/plugins/org-linker/server/src/core';
import { writeSection } from './lib/section';
import { syntheticArticle, syntheticDirectory } from './lib/synthetic';

const SIZES = [1_000, 10_000, 100_000];
const REPO_ROOT = path.resolve(__dirname, '..', '..');
const DOC = path.join(REPO_ROOT, 'docs', 'benchmarks.md');

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** JS heap plus typed-array backing stores (which live outside the heap), after a collection. */
function heapMB(): number {
  gc();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1e6;
}

/** A flat copy of a string (sliced or concatenated strings read slower; real input is flat). */
function flat(s: string): string {
  return Buffer.from(s, 'utf16le').toString('utf16le');
}

/** Median time of fn in ms, after a warm-up, over at least `runs` runs or `budgetMs`. */
function median(fn: () => unknown, runs = 7, budgetMs = 400, maxRuns = 200): number {
  fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < maxRuns && (times.length < runs || performance.now() - start < budgetMs)) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
    if (times.length >= 1 && times[0] > 2000) break; // slow contenders: one timed run is enough
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function mbPerS(chars: number, ms: number): number {
  return chars / 1e6 / (ms / 1000);
}

function bareLoop(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h + text.charCodeAt(i)) | 0;
  return h;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function countMatches(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text) !== null) n++;
  return n;
}

interface Row {
  contender: string;
  size: number;
  buildMs?: number;
  heapMB?: number;
  mbps1M?: number;
  mbps10K?: number;
  found?: number;
  note?: string;
}

type Builder = 'engine' | 'aho-corasick';

/** Build in a fresh process (no JIT warm-up or garbage from other runs): time and retained memory. */
function coldBuild(builder: Builder, size: number): { buildMs: number; heapMB: number } {
  const r = spawnSync(process.execPath, ['--expose-gc', __filename, '--cold-build', builder, String(size)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cold build failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { buildMs: number; heapMB: number };
}

function coldBuildChild(builder: Builder, size: number): void {
  const entries = syntheticDirectory(size);
  // modern-ahocorasick gets the engine's normalized forms, prepared beforehand.
  const keys = builder === 'aho-corasick' ? [...buildDirectory(entries).automaton.keys] : [];
  const before = heapMB();
  const t = performance.now();
  const built: unknown = builder === 'engine' ? buildDirectory(entries) : new AhoCorasick(keys);
  const buildMs = performance.now() - t;
  const after = heapMB();
  process.stdout.write(JSON.stringify({ buildMs, heapMB: after - before, built: typeof built }));
}

function fmt(n: number | undefined, digits = 1): string {
  if (n === undefined) return '–';
  if (n >= 100) return n.toFixed(0);
  return n.toFixed(digits);
}

/**
 * Median ms per call of each function, measured in interleaved rounds so that
 * noise from a busy machine (or a CPU changing speed) hits all of them alike.
 */
function interleaved(fns: (() => unknown)[], rounds: number, callsPerRound = 1): number[] {
  for (const fn of fns) for (let i = 0; i < 3; i++) fn();
  const times = fns.map((): number[] => []);
  for (let r = 0; r < rounds; r++) {
    fns.forEach((fn, k) => {
      const t = performance.now();
      for (let c = 0; c < callsPerRound; c++) fn();
      times[k].push((performance.now() - t) / callsPerRound);
    });
  }
  return times.map((ts) => ts.sort((x, y) => x - y)[Math.floor(ts.length / 2)]);
}

function main(): void {
  const started = performance.now();
  const all = syntheticDirectory(SIZES[SIZES.length - 1]);
  const text1M = flat(syntheticArticle(all, 1_000_000));
  const text10K = flat(syntheticArticle(all, 10_000, 1000, 11));
  const rows: Row[] = [];
  const log = (s: string) => process.stdout.write(`${s}\n`);
  log(`linker benchmark: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}`);

  // The engine at every size, and the bare loop, measured side by side.
  const colds = SIZES.map((size) => coldBuild('engine', size));
  const acColds = SIZES.map((size) => coldBuild('aho-corasick', size));
  const directories = SIZES.map((size) => buildDirectory(all.slice(0, size)));
  const [bare1M, ...engine1M] = interleaved([() => bareLoop(text1M), ...directories.map((d) => () => detect(d, text1M))], 31);
  const [bare10K, ...engine10K] = interleaved([() => bareLoop(text10K), ...directories.map((d) => () => detect(d, text10K))], 31, 20);
  const engineMs1M = new Map<number, number>();
  let regexPerFormMs1M = Number.NaN;
  let acMbps100k = Number.NaN;

  SIZES.forEach((size, index) => {
    const directory: Directory = directories[index];
    rows.push({ contender: 'bare charCodeAt loop', size, mbps1M: mbPerS(text1M.length, bare1M), mbps10K: mbPerS(text10K.length, bare10K) });
    engineMs1M.set(size, engine1M[index]);
    const found = detect(directory, text1M);
    rows.push({
      contender: 'org-linker detect',
      size,
      buildMs: colds[index].buildMs,
      heapMB: colds[index].heapMB,
      mbps1M: mbPerS(text1M.length, engine1M[index]),
      mbps10K: mbPerS(text10K.length, engine10K[index]),
      found: found.mentions.length + found.ambiguous.length + found.possible.length, // possible mentions (rule 7) were mentions before issue 16
      note: `${directory.automaton.formCount} forms, ${directory.automaton.nodeCount} nodes`,
    });
    log(`  ${size} entries: engine built in ${colds[index].buildMs.toFixed(0)} ms (fresh process), scans 1 MB in ${engine1M[index].toFixed(2)} ms`);

    // modern-ahocorasick over the same normalized (lower-cased) forms.
    const keys = directory.automaton.keys;
    {
      const ac = new AhoCorasick(keys);
      const acBuild = acColds[index].buildMs;
      const acHeap = acColds[index].heapMB;
      const ac1M = median(() => ac.search(text1M, { strategy: 'leftmost-longest' }), 5, 1500);
      const ac10K = median(() => ac.search(text10K, { strategy: 'leftmost-longest' }), 10);
      if (size === SIZES[SIZES.length - 1]) acMbps100k = mbPerS(text1M.length, ac1M);
      rows.push({
        contender: 'modern-ahocorasick',
        size,
        buildMs: acBuild,
        heapMB: acHeap,
        mbps1M: mbPerS(text1M.length, ac1M),
        mbps10K: mbPerS(text10K.length, ac10K),
        found: ac.search(text1M, { strategy: 'leftmost-longest' }).length,
        note: 'same forms, raw text, no boundaries/case rules',
      });
      log(`  ${size} entries: modern-ahocorasick built in ${acBuild.toFixed(0)} ms, scans 1 MB in ${ac1M.toFixed(1)} ms`);
    }

    // One alternation regular expression of all forms (longest first), case-insensitive.
    {
      const t0 = performance.now();
      const re = new RegExp(
        [...keys]
          .sort((a, b) => b.length - a.length)
          .map(escapeRegExp)
          .join('|'),
        'gi'
      );
      countMatches(re, 'warm up: irregexp compiles on first use');
      const reBuild = performance.now() - t0;
      const re1M = median(() => countMatches(re, text1M), 3, 1000);
      const re10K = median(() => countMatches(re, text10K), 5, 500);
      rows.push({
        contender: 'one alternation RegExp',
        size,
        buildMs: reBuild,
        mbps1M: mbPerS(text1M.length, re1M),
        mbps10K: mbPerS(text10K.length, re10K),
        found: countMatches(re, text1M),
        note: 'case-insensitive, no boundaries',
      });
      log(`  ${size} entries: alternation RegExp compiled in ${reBuild.toFixed(0)} ms, scans 1 MB in ${re1M.toFixed(0)} ms`);
    }

    // One regular expression per form, word-bounded (the WordPress way): 1,000 entries only.
    if (size === SIZES[0]) {
      const t0 = performance.now();
      const regexes = keys.map((k) => new RegExp(`\\b${escapeRegExp(k)}\\b`, 'gi'));
      for (const re of regexes) countMatches(re, 'warm up');
      const build = performance.now() - t0;
      const scan = (text: string) => regexes.reduce((n, re) => n + countMatches(re, text), 0);
      regexPerFormMs1M = median(() => scan(text1M), 1, 0, 1);
      const ms10Kr = median(() => scan(text10K), 3, 500);
      rows.push({
        contender: 'RegExp per form',
        size,
        buildMs: build,
        mbps1M: mbPerS(text1M.length, regexPerFormMs1M),
        mbps10K: mbPerS(text10K.length, ms10Kr),
        found: scan(text1M),
        note: `${regexes.length} expressions, each scans the whole text`,
      });
      log(`  ${size} entries: RegExp per form scans 1 MB in ${regexPerFormMs1M.toFixed(0)} ms`);
    }
  });

  const cold = colds[colds.length - 1];
  const large = SIZES[SIZES.length - 1];
  const small = SIZES[0];
  const engineLarge = rows.find((r) => r.contender === 'org-linker detect' && r.size === large);
  const engineMbps = engineLarge?.mbps1M ?? 0;
  const bareMbps = mbPerS(text1M.length, bare1M);
  const slowdown = (engineMs1M.get(large) ?? 0) / (engineMs1M.get(small) ?? 1);
  const slowdown10K = engine10K[engine10K.length - 1] / engine10K[0];
  const engineMbps10K = mbPerS(text10K.length, engine10K[engine10K.length - 1]);
  const bareMbps10K = mbPerS(text10K.length, bare10K);
  const vsRegex = regexPerFormMs1M / (engineMs1M.get(small) ?? 1);
  const targets: [string, boolean, string][] = [
    [`build ≤ 1 s at ${large.toLocaleString('en')} entries (fresh process)`, cold.buildMs <= 1000, `${cold.buildMs.toFixed(0)} ms`],
    [`build ≤ 100 MB heap at ${large.toLocaleString('en')} entries (retained)`, cold.heapMB <= 100, `${cold.heapMB.toFixed(1)} MB`],
    [`scan at ${large.toLocaleString('en')} entries ≤ 1.5× slower than at ${small.toLocaleString('en')} (1 MB text)`, slowdown <= 1.5, `${slowdown.toFixed(2)}×`],
    [`scan at ${large.toLocaleString('en')} entries ≤ 1.5× slower than at ${small.toLocaleString('en')} (10 KB article)`, slowdown10K <= 1.5, `${slowdown10K.toFixed(2)}×`],
    [
      `scan ≥ ¼ of the bare loop at ${large.toLocaleString('en')} entries (1 MB text)`,
      engineMbps >= bareMbps / 4,
      `${(engineMbps / bareMbps).toFixed(3)} of the bare loop (${fmt(engineMbps)} vs ${fmt(bareMbps)} MB/s)`,
    ],
    [
      `scan ≥ ¼ of the bare loop at ${large.toLocaleString('en')} entries (10 KB article)`,
      engineMbps10K >= bareMbps10K / 4,
      `${(engineMbps10K / bareMbps10K).toFixed(3)} of the bare loop (${fmt(engineMbps10K)} vs ${fmt(bareMbps10K)} MB/s)`,
    ],
    [`scan ahead of modern-ahocorasick at ${large.toLocaleString('en')} entries`, engineMbps > acMbps100k, `${(engineMbps / acMbps100k).toFixed(1)}× its speed`],
    [`≥ 50× faster than one RegExp per form at ${small.toLocaleString('en')} entries`, vsRegex >= 50, `${vsRegex.toFixed(0)}×`],
  ];

  const date = new Date().toISOString().slice(0, 10);
  const lines: string[] = [];
  lines.push('## Linker (matching engine)');
  lines.push('');
  lines.push(
    `Measured ${date} on ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores), Node ${process.version}, ${os.platform()} ${os.arch()}. Run with \`npm run bench:linker\`.`
  );
  lines.push('');
  lines.push(
    'Synthetic directory (seeded): realistic multi-word names, ~60 % with an acronym, ~65 % with one or two aliases; the N-entry directory is the first N entries of the largest, so the same texts are scanned at every size. ' +
      'Texts: prose built from filler words and forms of the first 1,000 entries (a 10 KB article and a 1 MB text, ASCII, so MB = 10⁶ characters). ' +
      'Scan speed is the median of repeated runs of `detect()` (scan, entry and ambiguity resolution, mention objects) on a flat string. ' +
      'Build time and memory (engine: `buildDirectory()` with validation, normalization and automaton; modern-ahocorasick: its constructor) are measured in a fresh Node process per size; memory is JS heap plus typed-array buffers retained after a forced GC. ' +
      'The engine and the bare loop are timed in interleaved rounds (median of 31); other contenders by their median time.'
  );
  lines.push('');
  lines.push('| contender | entries | build ms | heap MB | MB/s (1 MB) | MB/s (10 KB) | matches in 1 MB | note |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---|');
  for (const r of rows) {
    lines.push(
      `| ${r.contender} | ${r.size.toLocaleString('en')} | ${fmt(r.buildMs)} | ${fmt(r.heapMB)} | ${fmt(r.mbps1M)} | ${fmt(r.mbps10K)} | ${r.found ?? '–'} | ${r.note ?? ''} |`
    );
  }
  lines.push('');
  lines.push('| target | result | figure |');
  lines.push('|---|---|---|');
  for (const [name, ok, figure] of targets) lines.push(`| ${name} | ${ok ? 'PASS' : 'MISS'} | ${figure} |`);
  const missed = targets.filter(([, ok]) => !ok);
  lines.push('');
  if (missed.length > 0) {
    lines.push(
      `Missed: ${missed.map(([n]) => n).join('; ')}. ` +
        'The bare loop only adds up character codes; the engine must classify every character, find each word, test it against the first words of all forms and walk the trie where one may begin, then build mention objects. ' +
        'What was tried is in the notes below.'
    );
  } else lines.push('All targets met.');
  lines.push('');
  lines.push(
    'Notes: matches differ between contenders by design — the engine applies word boundaries, the case rule and folding, and resolves leftmost-longest; modern-ahocorasick and the alternation RegExp run on the raw text without boundaries; the per-form RegExps count every word-bounded occurrence of every form.'
  );
  lines.push('');
  lines.push(
    'What the engine does to be fast, and what was tried: it folds the text on the fly (no normalized copy, no offset map); ' +
      'a word is skipped with one table load per character while its hash is computed, and the trie is walked only when some form begins with that very word ' +
      '(two small bit sets, one for case-insensitive forms, one for case-sensitive forms salted by the case of the first letter); ' +
      'the trie is path-compressed with interleaved node records and a hash table for wide nodes; constants of the hot loops are module literals; matches go to typed arrays. ' +
      'With those, the skip loop alone costs about 3–4 ns per character against about 1 ns for the bare loop (the end of each word is a mispredicted branch), ' +
      'and at 100,000 entries the walks that do happen miss the CPU caches (the automaton is tens of megabytes), which is why scanning slows down with the directory size: ' +
      'little on a 10 KB article, whose few paths stay cached, more on the 1 MB text, which walks the paths of a thousand organizations. ' +
      'Labels stored inside 64-byte node records (one cache line per node visit) were tried and did not measurably help, so the smaller layout stayed. ' +
      'A branch-free skip loop and byte-array input were measured and were not faster.'
  );
  const content = lines.join('\n');
  writeSection(DOC, 'linker', content);
  log('');
  log(content);
  log('');
  log(`(finished in ${((performance.now() - started) / 1000).toFixed(0)} s; written to ${path.relative(REPO_ROOT, DOC)})`);
}

/** Paragraph blocks from a synthetic text ("\n\n" separates paragraphs). */
function toBlocks(text: string): Block[] {
  return text.split('\n\n').map((para) => ({ type: 'paragraph', children: [{ type: 'text', text: para }] }));
}

/** Scan and link time of markdown and blocks at 10 KB, 1 MB and 5 MB (1,000 entries). */
function formats(): void {
  const started = performance.now();
  const log = (s: string) => process.stdout.write(`${s}\n`);
  const entries = syntheticDirectory(1_000);
  const directory = buildDirectory(entries);
  const sizes = [10_000, 1_000_000, 5_000_000];
  const base = flat(syntheticArticle(entries, sizes[sizes.length - 1] + 1000, 1000, 17));
  interface FormatRow {
    format: string;
    size: number;
    scanMs: number;
    linkMs: number;
    links: number;
  }
  const rows: FormatRow[] = [];
  const cases: { format: string; make: (size: number) => unknown; scan: (doc: unknown) => unknown; link: (doc: unknown) => number }[] = [
    {
      format: 'markdown (paragraphs)',
      make: (size) => flat(base.slice(0, size)),
      scan: (doc) => detectMarkdown(directory, doc as string),
      link: (doc) => linkMarkdown(directory, doc as string, { mode: 'all' }).links.added.length,
    },
    {
      format: 'markdown (one paragraph)',
      make: (size) => flat(base.slice(0, size).replace(/\n/g, ' ')),
      scan: (doc) => detectMarkdown(directory, doc as string),
      link: (doc) => linkMarkdown(directory, doc as string, { mode: 'all' }).links.added.length,
    },
    {
      format: 'blocks (paragraphs)',
      make: (size) => toBlocks(base.slice(0, size)),
      scan: (doc) => detectBlocks(directory, doc),
      link: (doc) => linkBlocks(directory, doc, { mode: 'all' }).links.added.length,
    },
  ];
  for (const c of cases) {
    for (const size of sizes) {
      const doc = c.make(size);
      const runs = size >= 1_000_000 ? 3 : 15;
      const scanMs = median(() => c.scan(doc), runs, 0, runs);
      const linkMs = median(() => c.link(doc), runs, 0, runs);
      rows.push({ format: c.format, size, scanMs, linkMs, links: c.link(doc) });
      log(`  ${c.format} ${size.toLocaleString('en')} chars: scan ${scanMs.toFixed(1)} ms, link (every mention) ${linkMs.toFixed(1)} ms`);
    }
  }
  const perMB = (r: FormatRow, ms: number) => ms / (r.size / 1e6);
  const targets: [string, boolean, string][] = [];
  for (const c of cases) {
    const mid = rows.find((r) => r.format === c.format && r.size === 1_000_000) as FormatRow;
    const big = rows.find((r) => r.format === c.format && r.size === 5_000_000) as FormatRow;
    const scanRatio = perMB(big, big.scanMs) / perMB(mid, mid.scanMs);
    const linkRatio = perMB(big, big.linkMs) / perMB(mid, mid.linkMs);
    targets.push([`${c.format}: time per MB at 5 MB ≤ 1.5× that at 1 MB (scan)`, scanRatio <= 1.5, `${scanRatio.toFixed(2)}×`]);
    targets.push([`${c.format}: time per MB at 5 MB ≤ 1.5× that at 1 MB (link)`, linkRatio <= 1.5, `${linkRatio.toFixed(2)}×`]);
  }
  const date = new Date().toISOString().slice(0, 10);
  const lines: string[] = [];
  lines.push('## Linker: markdown and blocks at length');
  lines.push('');
  lines.push(
    `Measured ${date} on ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores), Node ${process.version}, ${os.platform()} ${os.arch()}. Run with \`npm run bench:linker\` (or \`npm run bench:linker -- --formats-only\` for this section alone).`
  );
  lines.push('');
  lines.push(
    'The 1,000-entry synthetic directory and its prose (paragraphs end after about one sentence in seven), cut at 10 KB, 1 MB and 5 MB (ASCII, so MB = 10⁶ characters); "one paragraph" joins the lines, the shape that was quadratic before issue 16. ' +
      'Scan: `detectMarkdown()` / `detectBlocks()`; link: `linkMarkdown()` / `linkBlocks()` linking every mention (the most links), verification parse of the markdown output included. Median of 3 runs (15 at 10 KB; a single run when one takes over 2 s).'
  );
  lines.push('');
  lines.push('| format | size | scan ms | link ms | links made | link ms per MB |');
  lines.push('|---|---:|---:|---:|---:|---:|');
  for (const r of rows) lines.push(`| ${r.format} | ${r.size.toLocaleString('en')} | ${fmt(r.scanMs)} | ${fmt(r.linkMs)} | ${r.links} | ${fmt(perMB(r, r.linkMs))} |`);
  lines.push('');
  lines.push('| target | result | figure |');
  lines.push('|---|---|---|');
  for (const [name, ok, figure] of targets) lines.push(`| ${name} | ${ok ? 'PASS' : 'MISS'} | ${figure} |`);
  lines.push('');
  lines.push(
    'Most of the markdown time is the CommonMark parser (mdast-util-from-markdown 0.8.5 / micromark 2), which runs twice when linking: once on the source and once on the output to verify it. ' +
      'Its text resolver splices its event list, which costs more per character as one paragraph gathers thousands of links; the engine itself (model, scan, splice) is linear.'
  );
  writeSection(DOC, 'linker-formats', lines.join('\n'));
  log('');
  log(lines.join('\n'));
  log(`(formats finished in ${((performance.now() - started) / 1000).toFixed(0)} s; written to ${path.relative(REPO_ROOT, DOC)})`);
}

if (process.argv[2] === '--cold-build') coldBuildChild(process.argv[3] as Builder, Number(process.argv[4]));
else if (process.argv.includes('--formats-only')) formats();
else {
  main();
  formats();
}
