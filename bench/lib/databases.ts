/** Figures for benchmarks and load runs; the databases themselves come from tests/helpers/database. */
import os from 'node:os';
import { withPostgres } from '../../tests/helpers/database';

export { createDatabase, type DatabaseKind as Kind, type TestDatabase as Database } from '../../tests/helpers/database';

export const postgresAvailable = async (): Promise<boolean> => {
  try {
    await withPostgres((client) => client.query('select 1'));
    return true;
  } catch {
    return false;
  }
};

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

/** "Intel Xeon (2 cores), Node v20, linux x64": the machine a figure was measured on. */
export const machine = (): string => `${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores), Node ${process.version}, ${process.platform} ${process.arch}`;

/** --name value from the command line, or the fallback. */
export const argument = (name: string, fallback: string): string => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
};
