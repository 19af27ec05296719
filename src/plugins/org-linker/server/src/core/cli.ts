/**
 * Command line: scan or link a document against a directory file.
 *
 *   org-linker scan --directory FILE.json [--format text|markdown|blocks] [--stats] INPUT
 *   org-linker link --directory FILE.json [--all] [--url TEMPLATE] [--format markdown|blocks] INPUT
 *
 * The directory file is a JSON array like organizations.json (id defaults to
 * the index, slug to slugify(name); aliases are strings or { text, language }). The format defaults from INPUT's
 * extension: .md markdown, .json blocks, anything else text. Output is
 * written only when everything succeeded; any problem is one line on stderr
 * and a non-zero exit (2: usage, 1: input).
 */
import { readFileSync } from 'node:fs';
import { blocksToText, validateBlocks } from './blocks';
import { buildDirectory, type Directory, type DirectoryEntry } from './directory';
import { detect } from './detect';
import { detectBlocks, detectMarkdown } from './detect-formats';
import { OrgLinkerError } from './errors';
import { linkBlocks } from './link-blocks';
import { linkMarkdown } from './link-markdown';
import type { LinkOptions } from './link-options';
import type { DetectResult } from './types';

type Format = 'text' | 'markdown' | 'blocks';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

class UsageError extends Error {}
class InputError extends Error {}

const USAGE = 'usage: org-linker scan|link --directory FILE.json [--format text|markdown|blocks] [--stats] [--all] [--url TEMPLATE] INPUT';

interface Args {
  command: 'scan' | 'link';
  directory: string;
  format?: Format;
  stats: boolean;
  all: boolean;
  url?: string;
  input: string;
}

function parseArgs(argv: readonly string[]): Args {
  const [command, ...rest] = argv;
  if (command !== 'scan' && command !== 'link') {
    throw new UsageError(command === undefined ? `missing command; ${USAGE}` : `unknown command ${JSON.stringify(command)}; ${USAGE}`);
  }
  const args: Partial<Args> & { stats: boolean; all: boolean } = { command, stats: false, all: false };
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i];
    if (!token.startsWith('--')) {
      positional.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    const flag = eq >= 0 ? token.slice(0, eq) : token;
    const inline = eq >= 0 ? token.slice(eq + 1) : undefined;
    const value = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    const noValue = (): void => {
      if (inline !== undefined) throw new UsageError(`${flag} takes no value`);
    };
    switch (flag) {
      case '--directory':
        args.directory = value();
        break;
      case '--format': {
        const f = value();
        if (f !== 'text' && f !== 'markdown' && f !== 'blocks') throw new UsageError(`--format must be text, markdown or blocks, not ${JSON.stringify(f)}`);
        args.format = f;
        break;
      }
      case '--stats':
        noValue();
        if (command !== 'scan') throw new UsageError('--stats is a scan flag');
        args.stats = true;
        break;
      case '--all':
        noValue();
        if (command !== 'link') throw new UsageError('--all is a link flag');
        args.all = true;
        break;
      case '--url':
        if (command !== 'link') throw new UsageError('--url is a link flag');
        args.url = value();
        break;
      default:
        throw new UsageError(`unknown flag ${flag}; ${USAGE}`);
    }
  }
  if (args.directory === undefined) throw new UsageError(`--directory is required; ${USAGE}`);
  if (positional.length !== 1) throw new UsageError(positional.length === 0 ? `missing INPUT; ${USAGE}` : `one INPUT expected, got ${positional.length}`);
  return { ...args, command, directory: args.directory, input: positional[0] };
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : String(error);
    throw new InputError(`cannot read ${what} ${file}: ${reason}`);
  }
}

function readJson(file: string, what: string): unknown {
  const text = readText(file, what);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputError(`${what} ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** organizations.json entries as directory entries: id defaults to the index; aliases may be strings or { text, language }; other fields are ignored. */
function loadDirectory(file: string): Directory {
  const raw = readJson(file, 'directory');
  if (!Array.isArray(raw)) throw new InputError(`directory ${file} must be a JSON array of entries`);
  const entries = raw.map((e: unknown, index): DirectoryEntry => {
    if (!isRecord(e)) throw new InputError(`directory ${file}: entry ${index} must be an object`);
    const entry: Record<string, unknown> = { id: e.id ?? index, name: e.name };
    for (const key of ['acronym', 'aliases', 'slug', 'autolink'] as const) if (e[key] !== undefined) entry[key] = e[key];
    // Aliases as the Organization's alias component writes them: { text, language }.
    if (Array.isArray(e.aliases)) entry.aliases = e.aliases.map((a: unknown) => (isRecord(a) && typeof a.text === 'string' ? a.text : a));
    return entry as DirectoryEntry; // validated by buildDirectory just below
  });
  try {
    return buildDirectory(entries);
  } catch (error) {
    if (error instanceof OrgLinkerError) throw new InputError(`directory ${file}: ${error.message}`);
    throw error;
  }
}

function formatOf(args: Args): Format {
  if (args.format) return args.format;
  const lower = args.input.toLowerCase();
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown';
  if (lower.endsWith('.json')) return 'blocks';
  return 'text';
}

function scanOutput(result: DetectResult): string {
  return JSON.stringify({
    mentions: result.mentions.map((m) => ({ name: m.name, slug: m.slug, start: m.start, end: m.end, text: m.text })),
    ambiguous: result.ambiguous.map((a) => ({ start: a.start, end: a.end, text: a.text, candidates: a.candidates.map((c) => c.name) })),
  });
}

function run(argv: readonly string[]): { stdout: string; stderr: string } {
  const args = parseArgs(argv);
  const format = formatOf(args);
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const directory = loadDirectory(args.directory);
  const buildMs = performance.now() - t0;
  const input = format === 'blocks' ? readJson(args.input, 'input') : readText(args.input, 'input');
  if (args.command === 'scan') {
    const t1 = performance.now();
    let result: DetectResult;
    let chars: number;
    if (format === 'blocks') {
      result = detectBlocks(directory, input);
      chars = blocksToText(validateBlocks(input)).length;
    } else {
      const text = input as string;
      result = format === 'markdown' ? detectMarkdown(directory, text) : detect(directory, text);
      chars = text.length;
    }
    const scanMs = performance.now() - t1;
    const stats = args.stats
      ? `${JSON.stringify({
          entries: directory.size,
          forms: directory.automaton.formCount,
          buildMs: Math.round(buildMs * 100) / 100,
          scanMs: Math.round(scanMs * 100) / 100,
          chars,
          heapMB: Math.round(((process.memoryUsage().heapUsed - heapBefore) / 1048576) * 10) / 10,
        })}\n`
      : '';
    return { stdout: `${scanOutput(result)}\n`, stderr: stats };
  }
  const options: LinkOptions = { mode: args.all ? 'all' : 'first' };
  if (args.url !== undefined) options.urlTemplate = args.url;
  if (format === 'text') throw new UsageError('link: plain text has no links; give a .md or .json INPUT or --format markdown|blocks');
  if (format === 'markdown') return { stdout: linkMarkdown(directory, input as string, options).output, stderr: '' };
  return { stdout: `${JSON.stringify(linkBlocks(directory, input, options).output, null, 2)}\n`, stderr: '' };
}

/** Run the CLI on arguments (without "node cli.js"); never throws, never writes. */
export function runCli(argv: readonly string[]): CliResult {
  try {
    const { stdout, stderr } = run(argv);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const code = error instanceof UsageError ? 2 : 1;
    const message = error instanceof Error ? error.message : String(error);
    return { code, stdout: '', stderr: `org-linker: ${message.replace(/\s*\n\s*/g, ' ')}\n` };
  }
}

if (require.main === module) {
  const result = runCli(process.argv.slice(2));
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.code;
}
