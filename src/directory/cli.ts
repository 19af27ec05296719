import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createStrapi, type Core } from '@strapi/strapi';
import { directoryExporter } from './exporter';
import { IMPORT_FORMATS, type ImportFormat } from './formats';
import { directoryImporter, type ImportReport } from './importer';
import { formatOfFile, MalformedFileError } from './read';

const USAGE = `Usage:
  npm run directory -- import FILE [--format ror|csv|json] [--dry-run] [--publish] [--strict] [--inactive skip|import] [--json]
  npm run directory -- export --format csv|json [--out FILE]`;

/** Exit codes: 0 done, 1 nothing done (bad usage, malformed file, --strict refusal), 2 done with refused records. */
class UsageError extends Error {}

const summary = (report: ImportReport): string => {
  const lines = [
    `${report.dryRun ? 'Dry run of' : report.aborted ? 'Refused (--strict), nothing written:' : 'Imported'} ${report.file} (${report.format}): ${report.records} records`,
    `  ${report.created} created, ${report.changed} changed, ${report.unchanged} unchanged, ${report.skipped} skipped (inactive), ${report.refused.length} refused`,
    ...report.refused.map((refusal) => `  refused ${report.format === 'csv' ? 'line' : 'record'} ${refusal.position}: ${refusal.reason}`),
    ...report.warnings.map((warning) => `  warning ${report.format === 'csv' ? 'line' : 'record'} ${warning.position}: ${warning.reason}`),
  ];
  if (report.sectorsCreated.length > 0)
    lines.push(`  ${report.sectorsCreated.length} new sectors ${report.dryRun ? 'would be' : 'were'} created: ${report.sectorsCreated.join(', ')}`);
  if (report.relinkJob !== null) lines.push(`  relink job ${report.relinkJob} queued for the articles that name a changed organization`);
  return `${lines.join('\n')}\n`;
};

const withStrapi = async <T>(work: (strapi: Core.Strapi) => Promise<T>): Promise<T> => {
  const appDir = path.resolve(__dirname, '..', '..', '..');
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'error';
  // The admin's background imports are the server's work, not this command's.
  process.env.DIRECTORY_IMPORT_WORKER = 'false';
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist'), autoReload: false, serveAdminPanel: false }).load();
  try {
    return await work(strapi);
  } finally {
    await strapi.destroy();
  }
};

const parseArgsOrUsage: typeof parseArgs = (config) => {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
};

const main = async (argv: string[]): Promise<number> => {
  const { values, positionals } = parseArgsOrUsage({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      publish: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      inactive: { type: 'string', default: 'skip' },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  const [command, file, ...rest] = positionals;
  if (command === 'export') {
    if (values.format !== 'csv' && values.format !== 'json') throw new UsageError('export: --format must be csv or json');
    const format = values.format;
    const out = values.out ? fs.createWriteStream(values.out) : process.stdout;
    const count = await withStrapi((strapi) =>
      directoryExporter({ strapi }).export(format, (chunk) => new Promise<void>((resolve) => (out.write(chunk) ? resolve() : out.once('drain', resolve))))
    );
    if (out !== process.stdout) await new Promise<void>((resolve) => (out as fs.WriteStream).end(resolve));
    process.stderr.write(`Exported ${count} organizations (${format})\n`);
    return 0;
  }
  if (command !== 'import') throw new UsageError(`unknown command ${JSON.stringify(command ?? '')}`);
  if (!file || rest.length > 0) throw new UsageError('import: give exactly one FILE');
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`import: ${file} is not a file`);
  const format = (values.format ?? formatOfFile(file)) as ImportFormat | null;
  if (!format || !IMPORT_FORMATS.includes(format)) throw new UsageError(`import: --format must be one of ${IMPORT_FORMATS.join(', ')}`);
  if (values.inactive !== 'skip' && values.inactive !== 'import') throw new UsageError('import: --inactive must be skip or import');
  let seconds = 0;
  const report = await withStrapi(async (strapi) => {
    const started = performance.now();
    const done = await directoryImporter({ strapi }).run({
      file,
      format,
      dryRun: values['dry-run'],
      publish: values.publish,
      strict: values.strict,
      inactive: values.inactive as 'skip' | 'import',
    });
    seconds = (performance.now() - started) / 1000;
    return done;
  });
  // The import's own time (Strapi's start and stop aside) and the process's peak memory.
  const stats = { seconds: Number(seconds.toFixed(3)), peakRssMB: Number((process.resourceUsage().maxRSS / 1024).toFixed(1)) };
  process.stdout.write(
    values.json ? `${JSON.stringify({ ...report, ...stats }, null, 2)}\n` : `${summary(report)}  took ${stats.seconds.toFixed(1)} s, peak RSS ${stats.peakRssMB.toFixed(0)} MB\n`
  );
  if (report.aborted) return 1;
  return report.refused.length > 0 ? 2 : 0;
};

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof UsageError) process.stderr.write(`${error.message}\n${USAGE}\n`);
      else if (error instanceof MalformedFileError) process.stderr.write(`Malformed file, nothing imported: ${error.message}\n`);
      else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    }
  );
}

export { main };
