/**
 * runCli in process (so each option, usage error and input error path is
 * seen by coverage and mutation testing): exact stdout, stderr and exit code
 * against a small directory written to a temporary folder.
 */
import fs, { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './cli';
import { buildDirectory } from './directory';

const USAGE = 'usage: org-linker scan|link --directory FILE.json [--format text|markdown|blocks] [--stats] [--all] [--url TEMPLATE] INPUT';

let work: string;
let DIR: string;

/** Write a file under the temporary folder; returns its path. */
function file(name: string, content: string): string {
  const p = path.join(work, name);
  writeFileSync(p, content);
  return p;
}

const ENTRIES = [
  { name: 'Acme Research Institute', acronym: 'ARIX', website: 'ignored' },
  { id: 'globex', name: 'Globex Laboratories', slug: 'globex-labs', aliases: ['Globex Labs'] },
  { name: 'Initech Foundation', aliases: [{ text: 'Initech', language: 'en' }], autolink: false },
];

const ACME = { name: 'Acme Research Institute', slug: 'acme-research-institute' };
const GLOBEX = { name: 'Globex Laboratories', slug: 'globex-labs' };
const INITECH = { name: 'Initech Foundation', slug: 'initech-foundation' };

function paragraph(text: string) {
  return { type: 'paragraph', children: [{ type: 'text', text }] };
}

/** A successful run: exit 0, empty stderr; returns stdout. */
function ok(...argv: string[]): string {
  const r = runCli(argv);
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  return r.stdout;
}

/** A failed run: nothing on stdout, one stderr line. */
function fails(argv: string[]): { code: number; stderr: string } {
  const r = runCli(argv);
  expect(r.stdout).toBe('');
  return { code: r.code, stderr: r.stderr };
}

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'org-linker-cli-more-'));
  DIR = file('dir.json', JSON.stringify(ENTRIES));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  jest.restoreAllMocks();
});

describe('scan', () => {
  it('prints the mentions (name, slug, start, end, text) and ambiguous matches as one JSON line', () => {
    const input = file('plain.txt', 'ARIX met Globex Labs and Initech.');
    expect(ok('scan', '--directory', DIR, input)).toBe(
      `${JSON.stringify({
        mentions: [
          { ...ACME, start: 0, end: 4, text: 'ARIX' },
          { ...GLOBEX, start: 9, end: 20, text: 'Globex Labs' },
          { ...INITECH, start: 25, end: 32, text: 'Initech' },
        ],
        ambiguous: [],
      })}\n`
    );
  });

  it('lists ambiguous matches with their candidate names', () => {
    const dir = file(
      'twins.json',
      JSON.stringify([
        { name: 'Nordic Research Council', acronym: 'NORC' },
        { name: 'National Opinion Research Center', acronym: 'NORC' },
      ])
    );
    expect(ok('scan', '--directory', dir, file('twins.txt', 'So NORC said.'))).toBe(
      `${JSON.stringify({ mentions: [], ambiguous: [{ start: 3, end: 7, text: 'NORC', candidates: ['Nordic Research Council', 'National Opinion Research Center'] }] })}\n`
    );
  });

  it('scans a .json INPUT as blocks, offsets into the blocks text', () => {
    const input = file('doc.json', JSON.stringify([paragraph('Hello.'), paragraph('ARIX here')]));
    // blocksToText joins blocks with a blank line: "Hello.\n\nARIX here".
    expect(JSON.parse(ok('scan', '--directory', DIR, input))).toEqual({ mentions: [{ ...ACME, start: 8, end: 12, text: 'ARIX' }], ambiguous: [] });
  });

  it('scans a .md INPUT as markdown: offsets into the source, link targets are not text', () => {
    const source = '**ARIX** see [here](https://example.org/ARIX)';
    const input = file('doc.md', source);
    expect(JSON.parse(ok('scan', '--directory', DIR, input))).toEqual({ mentions: [{ ...ACME, start: 2, end: 6, text: 'ARIX' }], ambiguous: [] });
    // The same source as plain text also finds the name inside the URL.
    const asText = JSON.parse(ok('scan', '--format', 'text', '--directory', DIR, input)) as { mentions: { text: string; start: number }[] };
    expect(asText.mentions.map((m) => [m.text, m.start])).toEqual([
      ['ARIX', 2],
      ['ARIX', source.lastIndexOf('ARIX')],
    ]);
  });
});

describe('--format', () => {
  it('defaults from the extension, case-insensitively: .md/.markdown markdown, .json blocks, anything else text', () => {
    const source = '<!-- ARIX -->\nInitech';
    for (const name of ['a.md', 'b.MARKDOWN', 'c.Md']) {
      const out = JSON.parse(ok('scan', '--directory', DIR, file(name, source))) as { mentions: { text: string }[] };
      expect(out.mentions.map((m) => m.text)).toEqual(['Initech']); // the HTML comment is not visible text
    }
    for (const name of ['d.txt', 'e', 'f.md.txt', 'g.mdx']) {
      const out = JSON.parse(ok('scan', '--directory', DIR, file(name, source))) as { mentions: { text: string }[] };
      expect(out.mentions.map((m) => m.text)).toEqual(['ARIX', 'Initech']);
    }
    const blocks = JSON.stringify([paragraph('Initech')]);
    expect(JSON.parse(ok('scan', '--directory', DIR, file('h.JSON', blocks))).mentions).toEqual([{ ...INITECH, start: 0, end: 7, text: 'Initech' }]);
  });

  it('overrides the extension: --format text on .json, --format blocks on .txt, --format markdown on .txt', () => {
    const json = file('over.json', JSON.stringify([paragraph('ARIX')]));
    // As text the raw JSON is scanned: "ARIX" sits at its offset in the file.
    const raw = JSON.stringify([paragraph('ARIX')]);
    expect(JSON.parse(ok('scan', '--format', 'text', '--directory', DIR, json)).mentions).toEqual([
      { ...ACME, start: raw.indexOf('ARIX'), end: raw.indexOf('ARIX') + 4, text: 'ARIX' },
    ]);
    const txt = file('over-blocks.txt', raw);
    expect(JSON.parse(ok('scan', '--format=blocks', '--directory', DIR, txt)).mentions).toEqual([{ ...ACME, start: 0, end: 4, text: 'ARIX' }]);
    expect(ok('link', '--format', 'markdown', '--directory', DIR, file('over-md.txt', 'ARIX'))).toBe('[ARIX](/organizations/acme-research-institute)');
  });
});

describe('link', () => {
  const MD = 'ARIX and ARIX; Globex Labs, Initech.\n';

  it('links the first mention of each entry in markdown, to /organizations/{slug}, output verbatim', () => {
    expect(ok('link', '--directory', DIR, file('l.md', MD))).toBe('[ARIX](/organizations/acme-research-institute) and ARIX; [Globex Labs](/organizations/globex-labs), Initech.\n');
  });

  it('--all links every mention; --url sets the URL template (separate and inline)', () => {
    const input = file('l2.md', MD);
    const expected =
      '[ARIX](https://ex.org/o/acme-research-institute) and [ARIX](https://ex.org/o/acme-research-institute); [Globex Labs](https://ex.org/o/globex-labs), Initech.\n';
    expect(ok('link', '--all', '--url', 'https://ex.org/o/{slug}', '--directory', DIR, input)).toBe(expected);
    expect(ok('link', `--directory=${DIR}`, '--url=https://ex.org/o/{slug}', '--all', input)).toBe(expected);
    expect(ok('link', '--all', '--directory', DIR, input)).toBe(
      '[ARIX](/organizations/acme-research-institute) and [ARIX](/organizations/acme-research-institute); [Globex Labs](/organizations/globex-labs), Initech.\n'
    );
  });

  it('links blocks and prints them as indented JSON plus a newline', () => {
    const input = file('l.json', JSON.stringify([paragraph('See Globex Labs.')]));
    const expected = [
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'See ' },
          { type: 'link', url: '/organizations/globex-labs', children: [{ type: 'text', text: 'Globex Labs' }] },
          { type: 'text', text: '.' },
        ],
      },
    ];
    expect(ok('link', '--directory', DIR, input)).toBe(`${JSON.stringify(expected, null, 2)}\n`);
  });

  it('refuses plain text INPUT (exit 2)', () => {
    expect(fails(['link', '--directory', DIR, file('l.txt', 'ARIX')])).toEqual({
      code: 2,
      stderr: 'org-linker: link: plain text has no links; give a .md or .json INPUT or --format markdown|blocks\n',
    });
  });

  it('reports an invalid URL template as an input error (exit 1)', () => {
    const r = fails(['link', '--url', '/o/{id}', '--directory', DIR, file('l3.md', 'ARIX')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('org-linker: invalid URL template "/o/{id}": must contain {slug}\n');
  });
});

describe('directory file', () => {
  it('defaults id to the index (seen in the slug of a name that slugifies to nothing) and keeps a given id', () => {
    const dir = file('han.json', JSON.stringify([{ name: '甲乙大学' }, { name: '丙丁研究所' }, { id: 'bingding', name: '丙丁研究院' }]));
    const out = JSON.parse(ok('scan', '--directory', dir, file('han.txt', '丙丁研究所、丙丁研究院'))) as { mentions: { slug: string }[] };
    expect(out.mentions.map((m) => m.slug)).toEqual(['1', 'bingding']);
  });

  it('passes acronym, aliases, slug and autolink through; ignores other fields', () => {
    // acronym: ARIX found; aliases: Globex Labs found; slug: globex-labs; autolink false: Initech found but not linked.
    expect(ok('link', '--all', '--directory', DIR, file('p.md', 'ARIX, Globex Labs, Initech'))).toBe(
      '[ARIX](/organizations/acme-research-institute), [Globex Labs](/organizations/globex-labs), Initech'
    );
  });

  it.each([
    ['not an array', '{"name": "X"}', (f: string) => `directory ${f} must be a JSON array of entries`],
    ['a null entry', '[{"name": "A"}, null]', (f: string) => `directory ${f}: entry 1 must be an object`],
    ['an array entry', '[["A"]]', (f: string) => `directory ${f}: entry 0 must be an object`],
    ['a string entry', '["A"]', (f: string) => `directory ${f}: entry 0 must be an object`],
    ['an entry without a name', '[{"name": "A"}, {"acronym": "B"}]', (f: string) => `directory ${f}: directory entry 1: name must be a non-empty string`],
    [
      'aliases that are not an array',
      '[{"name": "A", "aliases": "B"}]',
      (f: string) => `directory ${f}: directory entry 0: aliases: Invalid input: expected array, received string`,
    ],
    [
      'an alias object without text',
      '[{"name": "A", "aliases": [{"language": "en"}]}]',
      (f: string) => `directory ${f}: directory entry 0: aliases[0]: Invalid input: expected string, received object`,
    ],
    [
      'an alias object with a non-string text',
      '[{"name": "A", "aliases": [{"text": 5}]}]',
      (f: string) => `directory ${f}: directory entry 0: aliases[0]: Invalid input: expected string, received object`,
    ],
    ['a null alias', '[{"name": "A", "aliases": [null]}]', (f: string) => `directory ${f}: directory entry 0: aliases[0]: Invalid input: expected string, received null`],
    ['an empty slug', '[{"name": "A", "slug": ""}]', (f: string) => `directory ${f}: directory entry 0: slug: Too small: expected string to have >=1 characters`],
    ['a non-boolean autolink', '[{"name": "A", "autolink": "no"}]', (f: string) => `directory ${f}: directory entry 0: autolink: Invalid input: expected boolean, received string`],
    ['a non-string acronym', '[{"name": "A", "acronym": 7}]', (f: string) => `directory ${f}: directory entry 0: acronym: Invalid input: expected string, received number`],
  ])('rejects %s (exit 1, one line)', (_what, content, message) => {
    const dir = file('bad-dir.json', content);
    expect(fails(['scan', '--directory', dir, file('x.txt', 'A')])).toEqual({ code: 1, stderr: `org-linker: ${message(dir)}\n` });
  });

  it('rejects a directory that is not JSON, quoting the parser', () => {
    const text = '[{"name": "x",]';
    const dir = file('bad.json', text);
    let parserMessage = '';
    try {
      JSON.parse(text);
    } catch (error) {
      parserMessage = (error as Error).message;
    }
    expect(parserMessage).not.toBe('');
    expect(fails(['scan', '--directory', dir, file('x.txt', 'A')])).toEqual({ code: 1, stderr: `org-linker: directory ${dir} is not valid JSON: ${parserMessage}\n` });
  });
});

describe('input errors (exit 1)', () => {
  /**
   * The stderr line for a file readFileSync cannot read: "cannot read WHAT FILE: CODE". Run as a
   * process the reason is the errno code alone; inside Jest's sandbox Node's fs errors are not
   * `instanceof Error` of the test realm, so runCli falls back to the error's full text (which
   * starts with the same code). The spawned tests in cli.test.ts pin the code-only form.
   */
  function unreadable(what: string, file: string, code: string): RegExp {
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`^org-linker: cannot read ${what} ${esc(file)}: (${code}|Error: ${code}: [^\\n]+)\\n$`);
  }

  it('names the unreadable file and the errno code', () => {
    const missing = path.join(work, 'nope.txt');
    const r1 = fails(['scan', '--directory', DIR, missing]);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toMatch(unreadable('input', missing, 'ENOENT'));
    const r2 = fails(['scan', '--directory', missing, file('x.txt', 'A')]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(unreadable('directory', missing, 'ENOENT'));
    const dirAsInput = fails(['scan', '--directory', DIR, work]);
    expect(dirAsInput.stderr).toMatch(unreadable('input', work, 'EISDIR'));
  });

  it('gives the error code of a read error that has one (EACCES), else the thrown value', () => {
    // A permission error cannot be produced reliably (tests may run as root): readFileSync is made to throw one.
    const input = file('locked.txt', 'ARIX');
    const realRead = fs.readFileSync;
    const read = jest.spyOn(fs, 'readFileSync');
    let denied, odd;
    try {
      read.mockImplementation((f) => {
        if (f === input) throw Object.assign(new Error(`EACCES: permission denied, open '${input}'`), { code: 'EACCES' });
        return realRead(f, 'utf8');
      });
      denied = fails(['scan', '--directory', DIR, input]);
      read.mockImplementation((f) => {
        if (f === input) throw 'stale handle'; // eslint-disable-line @typescript-eslint/only-throw-error
        return realRead(f, 'utf8');
      });
      odd = fails(['scan', '--directory', DIR, input]);
    } finally {
      read.mockRestore();
    }
    expect(denied).toEqual({ code: 1, stderr: `org-linker: cannot read input ${input}: EACCES\n` });
    expect(odd).toEqual({ code: 1, stderr: `org-linker: cannot read input ${input}: stale handle\n` });
  });

  it('reads the directory before the input (the directory error wins)', () => {
    const missing = path.join(work, 'nope.json');
    expect(fails(['scan', '--directory', missing, path.join(work, 'nope.txt')]).stderr).toMatch(unreadable('directory', missing, 'ENOENT'));
  });

  it('flattens a message spanning lines into one line (whitespace around each newline becomes one space)', () => {
    const r = fails(['scan', '--directory', DIR, path.join(work, 'x \n\t y\nz.txt')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(unreadable('input', path.join(work, 'x y z.txt'), 'ENOENT'));
  });

  it('rejects blocks INPUT that is not JSON, or not blocks', () => {
    const text = '[{"type": "paragraph"';
    const bad = file('bad-input.json', text);
    let parserMessage = '';
    try {
      JSON.parse(text);
    } catch (error) {
      parserMessage = (error as Error).message;
    }
    expect(fails(['scan', '--directory', DIR, bad])).toEqual({ code: 1, stderr: `org-linker: input ${bad} is not valid JSON: ${parserMessage}\n` });
    const notBlocks = file('not-blocks.json', JSON.stringify([{ type: 'paragraph', children: [] }]));
    expect(fails(['scan', '--directory', DIR, notBlocks]).stderr).toMatch(/^org-linker: invalid blocks at \$\[0\]\.children: .+\n$/);
    expect(fails(['link', '--directory', DIR, notBlocks]).stderr).toMatch(/^org-linker: invalid blocks at \$\[0\]\.children: .+\n$/);
  });
});

describe('usage errors (exit 2)', () => {
  const input = () => file('u.txt', 'ARIX');
  it.each<[string, (dir: string, inp: string) => string[], string]>([
    ['no command', () => [], `missing command; ${USAGE}`],
    ['an unknown command', (d, i) => ['lint', '--directory', d, i], `unknown command "lint"; ${USAGE}`],
    ['a flag as command', (d, i) => ['--directory', d, 'scan', i], `unknown command "--directory"; ${USAGE}`],
    ['an unknown flag', (d, i) => ['scan', '--directory', d, '--verbose', i], `unknown flag --verbose; ${USAGE}`],
    ['an unknown inline flag', (d, i) => ['scan', '--directory', d, '--colour=red', i], `unknown flag --colour; ${USAGE}`],
    ['no --directory', (_d, i) => ['scan', i], `--directory is required; ${USAGE}`],
    ['no INPUT', (d) => ['scan', '--directory', d], `missing INPUT; ${USAGE}`],
    ['two INPUTs', (d, i) => ['scan', '--directory', d, i, i], 'one INPUT expected, got 2'],
    ['three INPUTs', (d, i) => ['link', i, '--directory', d, i, i], 'one INPUT expected, got 3'],
    ['--directory at the end', (_d, i) => ['scan', i, '--directory'], '--directory needs a value'],
    ['--directory followed by a flag', (d, i) => ['scan', '--directory', '--stats', d, i], '--directory needs a value'],
    ['--format at the end', (d, i) => ['scan', '--directory', d, i, '--format'], '--format needs a value'],
    ['--format followed by a flag', (d, i) => ['scan', '--format', '--stats', '--directory', d, i], '--format needs a value'],
    ['--url at the end', (d, i) => ['link', '--directory', d, i, '--url'], '--url needs a value'],
    ['--url followed by a flag', (d, i) => ['link', '--url', '--all', '--directory', d, i], '--url needs a value'],
    ['an unknown --format', (d, i) => ['scan', '--format', 'html', '--directory', d, i], '--format must be text, markdown or blocks, not "html"'],
    ['an empty inline --format', (d, i) => ['scan', '--format=', '--directory', d, i], '--format must be text, markdown or blocks, not ""'],
    ['an inline --format value starting with --', (d, i) => ['scan', '--format=--text', '--directory', d, i], '--format must be text, markdown or blocks, not "--text"'],
    ['--stats with a value', (d, i) => ['scan', '--stats=yes', '--directory', d, i], '--stats takes no value'],
    ['--all with a value', (d, i) => ['link', '--all=1', '--directory', d, i], '--all takes no value'],
    ['--stats on link', (d, i) => ['link', '--stats', '--directory', d, i], '--stats is a scan flag'],
    ['--all on scan', (d, i) => ['scan', '--all', '--directory', d, i], '--all is a link flag'],
    ['--url on scan', (d, i) => ['scan', '--url', '/o/{slug}', '--directory', d, i], '--url is a link flag'],
  ])('%s', (_what, argv, message) => {
    expect(fails(argv(DIR, input()))).toEqual({ code: 2, stderr: `org-linker: ${message}\n` });
  });

  it('takes the last of a repeated flag', () => {
    const other = file('other.json', JSON.stringify([{ name: 'Umbrella Corporation', acronym: 'UMBR' }]));
    const out = JSON.parse(ok('scan', '--directory', other, '--directory', DIR, file('r.txt', 'ARIX UMBR'))) as { mentions: { text: string }[] };
    expect(out.mentions.map((m) => m.text)).toEqual(['ARIX']);
  });

  it('accepts an inline value starting with -- (only a separate value may not)', () => {
    const dashed = file('--dir.json', JSON.stringify(ENTRIES));
    expect(JSON.parse(ok('scan', `--directory=${dashed}`, file('d.txt', 'ARIX'))).mentions).toHaveLength(1);
  });
});

describe('--stats', () => {
  it('writes nothing on stderr without --stats', () => {
    expect(runCli(['scan', '--directory', DIR, file('s0.txt', 'ARIX')]).stderr).toBe('');
  });

  it('prints entries, forms, build and scan times (2 decimals), chars and heap growth (1 decimal) as one JSON line on stderr', () => {
    // Clocks under control: performance.now() is read before and after the build and the scan,
    // process.memoryUsage() before the build and after the scan.
    const now = jest.spyOn(performance, 'now');
    for (const t of [1000, 1012.3456, 2000, 2000.5]) now.mockReturnValueOnce(t);
    const real = process.memoryUsage();
    const heap = jest.spyOn(process, 'memoryUsage');
    for (const used of [100 * 1048576, 103.46 * 1048576]) heap.mockReturnValueOnce({ ...real, heapUsed: used });
    const text = 'ARIX met Globex Labs.';
    let r;
    try {
      r = runCli(['scan', '--stats', '--directory', DIR, file('s.txt', text)]);
    } finally {
      now.mockRestore();
      heap.mockRestore();
    }
    // The directory as the CLI builds it from ENTRIES (alias objects as their text, other fields dropped).
    const forms = buildDirectory([
      { id: 0, name: 'Acme Research Institute', acronym: 'ARIX' },
      { id: 'globex', name: 'Globex Laboratories', slug: 'globex-labs', aliases: ['Globex Labs'] },
      { id: 2, name: 'Initech Foundation', aliases: ['Initech'], autolink: false },
    ]).automaton.formCount;
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).mentions).toHaveLength(2);
    expect(r.stderr).toBe(`${JSON.stringify({ entries: 3, forms, buildMs: 12.35, scanMs: 0.5, chars: text.length, heapMB: 3.5 })}\n`);
  });

  it('counts chars of the blocks text for blocks INPUT and of the source for markdown', () => {
    const blocks = file('s.json', JSON.stringify([paragraph('ab'), paragraph('cde')]));
    expect(JSON.parse(runCli(['scan', '--stats', '--directory', DIR, blocks]).stderr).chars).toBe('ab\n\ncde'.length);
    const md = file('s.md', '**ARIX**\n');
    expect(JSON.parse(runCli(['scan', '--stats', '--directory', DIR, md]).stderr).chars).toBe(9);
  });

  it('reports real, non-negative times no larger than the whole run', () => {
    const t = performance.now();
    const r = runCli(['scan', '--stats', '--directory', DIR, file('s2.txt', 'ARIX')]);
    const elapsed = performance.now() - t;
    const stats = JSON.parse(r.stderr) as { buildMs: number; scanMs: number; heapMB: number };
    expect(stats.buildMs).toBeGreaterThan(0);
    expect(stats.scanMs).toBeGreaterThanOrEqual(0);
    expect(stats.buildMs + stats.scanMs).toBeLessThanOrEqual(elapsed + 0.01);
    expect(typeof stats.heapMB).toBe('number');
  });
});
