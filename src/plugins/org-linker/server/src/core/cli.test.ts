/**
 * The CLI, spawned as a real process: the core's TypeScript is transpiled
 * with @swc/core into a temporary folder (the plugin's own build also
 * compiles the rest of the plugin, which this test should not depend on).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixturesDir } from '../../../../../../tests/helpers/fixtures';
import { transformSync } from '@swc/core';
import { runCli } from './cli';

const REPO_ROOT = path.resolve(__dirname, '../../../../../..');
const FIXTURES = fixturesDir();
const ORGS = path.join(FIXTURES, 'organizations.json');
const ARTICLE = path.join(FIXTURES, 'syiit-joins-waitro.txt');

let work: string;
let cli: string;

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'org-linker-cli-'));
  const out = path.join(work, 'core');
  mkdirSync(out);
  for (const file of readdirSync(__dirname)) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    const { code } = transformSync(readFileSync(path.join(__dirname, file), 'utf8'), {
      filename: file,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    writeFileSync(path.join(out, file.replace(/\.ts$/, '.js')), code);
  }
  cli = path.join(out, 'cli.js');
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function spawn(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: path.join(REPO_ROOT, 'node_modules') },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string): string {
  const p = path.join(work, name);
  writeFileSync(p, content);
  return p;
}

describe('org-linker CLI (spawned)', () => {
  it('scans the seed article: exactly its 11 organizations, one JSON object', () => {
    const r = spawn('scan', '--directory', ORGS, ARTICLE);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { mentions: { name: string; slug: string; start: number; end: number; text: string }[]; ambiguous: unknown[] };
    expect(new Set(out.mentions.map((m) => m.name)).size).toBe(11);
    expect(out.ambiguous).toEqual([]);
    const text = readFileSync(ARTICLE, 'utf8');
    for (const m of out.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(Object.keys(out.mentions[0])).toEqual(['name', 'slug', 'start', 'end', 'text']);
  });

  it('prints stats on stderr with --stats', () => {
    const r = spawn('scan', '--stats', '--directory', ORGS, ARTICLE);
    expect(r.code).toBe(0);
    const stats = JSON.parse(r.stderr) as Record<string, number>;
    expect(Object.keys(stats)).toEqual(['entries', 'forms', 'buildMs', 'scanMs', 'chars', 'heapMB']);
    expect(stats.entries).toBe(21);
  });

  it('reports ambiguity with candidate names', () => {
    const r = spawn('scan', '--directory', ORGS, file('nrc.txt', 'The NRC said.'));
    expect(JSON.parse(r.stdout)).toEqual({
      mentions: [],
      ambiguous: [{ start: 4, end: 7, text: 'NRC', candidates: ['National Research Council Canada', 'National Research Centre'] }],
    });
  });

  it('links markdown and blocks in their own format', () => {
    // CAS has 3 letters: linked only because the text also names the Chinese Academy of Sciences (rule 7).
    const md = spawn('link', '--directory', ORGS, file('a.md', 'WAITRO and CAS, CAS of the Chinese Academy of Sciences.\n'));
    expect(md.code).toBe(0);
    expect(md.stdout).toBe(
      '[WAITRO](/organizations/world-association-of-industrial-and-technological-research-organizations) and [CAS](/organizations/chinese-academy-of-sciences), CAS of the Chinese Academy of Sciences.\n'
    );
    const all = spawn('link', '--all', '--url', 'https://x.org/o/{slug}', '--directory', ORGS, file('b.md', 'CAS, CAS, Chinese Academy of Sciences.'));
    expect(all.stdout).toBe(
      '[CAS](https://x.org/o/chinese-academy-of-sciences), [CAS](https://x.org/o/chinese-academy-of-sciences), [Chinese Academy of Sciences](https://x.org/o/chinese-academy-of-sciences).'
    );
    expect(spawn('link', '--directory', ORGS, file('d.md', 'CAS alone.')).stdout).toBe('CAS alone.');
    const blocks = spawn('link', '--directory', ORGS, file('c.json', JSON.stringify([{ type: 'paragraph', children: [{ type: 'text', text: 'KIST' }] }])));
    expect(JSON.parse(blocks.stdout)).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: '' },
          { type: 'link', url: '/organizations/korea-institute-of-science-and-technology', children: [{ type: 'text', text: 'KIST' }] },
          { type: 'text', text: '' },
        ],
      },
    ]);
    const scanBlocks = spawn('scan', '--directory', ORGS, path.join(work, 'c.json'));
    expect(JSON.parse(scanBlocks.stdout).mentions[0]).toMatchObject({ start: 0, end: 4, text: 'KIST' });
  });

  it.each([
    // Run as a process, an unreadable file's reason is the errno code alone.
    [['scan', '--directory', '/nonexistent/orgs.json', ARTICLE], 1, /^org-linker: cannot read directory \/nonexistent\/orgs\.json: ENOENT\n$/],
    [['scan', '--directory', ORGS, '/nonexistent/article.txt'], 1, /^org-linker: cannot read input \/nonexistent\/article\.txt: ENOENT\n$/],
    [['scan', '--directory', ORGS, '/'], 1, /^org-linker: cannot read input \/: EISDIR\n$/],
    [['scan', '--directory', 'BAD_JSON', ARTICLE], 1, /not valid JSON/],
    [['scan', '--directory', 'NO_NAME', ARTICLE], 1, /entry 1: name must be a non-empty string/],
    [['scan', '--directory', ORGS, 'BAD_BLOCKS'], 1, /invalid blocks at \$\[0\]\.children/],
    [['frobnicate', '--directory', ORGS, ARTICLE], 2, /unknown command "frobnicate"/],
    [['scan', '--directory', ORGS, '--colour', ARTICLE], 2, /unknown flag --colour/],
    [['scan', ARTICLE], 2, /--directory is required/],
    [['scan', '--directory', ORGS], 2, /missing INPUT/],
    [['link', '--directory', ORGS, ARTICLE], 2, /plain text has no links/],
    [['link', '--directory', ORGS, '--url', 'javascript:alert(1)//{slug}', 'A_MD'], 1, /invalid URL template/],
  ])('fails cleanly: %j', (args, code, message) => {
    const fixtures: Record<string, string> = {
      BAD_JSON: file('bad.json', '[{"name": "x",]'),
      NO_NAME: file('noname.json', JSON.stringify([{ name: 'Good' }, { acronym: 'X' }])),
      BAD_BLOCKS: file('bad-blocks.json', JSON.stringify([{ type: 'paragraph', children: [] }])),
      A_MD: file('a2.md', 'CAS'),
    };
    const r = spawn(...args.map((a) => fixtures[a] ?? a));
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('runCli (in process)', () => {
  it('returns the same result as the spawned CLI', () => {
    const r = runCli(['scan', '--directory', ORGS, ARTICLE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(spawn('scan', '--directory', ORGS, ARTICLE).stdout);
  });

  it('accepts --flag=value and an explicit --format', () => {
    const r = runCli(['scan', `--directory=${ORGS}`, '--format=markdown', ARTICLE]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { mentions: unknown[] }).mentions.length).toBeGreaterThan(11);
  });

  it('accepts aliases as strings and as alias components { text, language } (issue 16, rule 7)', () => {
    const dir = file(
      'alias-shapes.json',
      JSON.stringify([
        {
          name: 'World Association of Industrial and Technological Research Organizations',
          acronym: 'WAITRO',
          aliases: [{ text: '世界技术研究组织协会', language: 'zh-Hans' }, 'World Association'],
        },
        { name: 'Shenyang Ligong University', aliases: [{ text: '沈阳理工大学', language: null }] },
      ])
    );
    const input = file('alias-shapes.txt', '世界技术研究组织协会与沈阳理工大学签约; the World Association said.');
    const r = runCli(['scan', '--directory', dir, input]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { mentions: { text: string }[] }).mentions.map((m) => m.text)).toEqual(['世界技术研究组织协会', '沈阳理工大学', 'World Association']);
    const bad = runCli(['scan', '--directory', file('alias-bad.json', JSON.stringify([{ name: 'X Y', aliases: [{ language: 'en' }] }])), input]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/entry 0: aliases\[0\]/);
  });
});
