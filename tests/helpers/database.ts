import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

/**
 * Databases for tests, benchmarks and load runs: a fresh SQLite file or PostgreSQL database
 * (127.0.0.1:5432, user postgres), its environment for Strapi, copies of it (file copy, or
 * CREATE DATABASE … TEMPLATE) so that several servers start from the same seeded state, and
 * drop() to remove it.
 */

export type DatabaseKind = 'sqlite' | 'postgres';

/** Which database the integration suite runs on: SQLite by default, PostgreSQL with TEST_DB=postgres. */
export const testDatabaseClient = (): DatabaseKind => (process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite');

export interface TestDatabase {
  client: DatabaseKind;
  /** Environment that points Strapi at this database. */
  env: Record<string, string>;
  /** A copy of this database, data included. */
  clone(): Promise<TestDatabase>;
  drop(): Promise<void>;
}

const PG = {
  host: process.env.TEST_PG_HOST ?? '127.0.0.1',
  port: Number(process.env.TEST_PG_PORT ?? 5432),
  user: process.env.TEST_PG_USER ?? 'postgres',
  password: process.env.TEST_PG_PASSWORD ?? '',
};

export const withPostgres = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ ...PG, database: 'postgres' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

const postgresDatabase = (name: string): TestDatabase => ({
  client: 'postgres',
  env: {
    DATABASE_CLIENT: 'postgres',
    DATABASE_HOST: PG.host,
    DATABASE_PORT: String(PG.port),
    DATABASE_NAME: name,
    DATABASE_USERNAME: PG.user,
    DATABASE_PASSWORD: PG.password,
  },
  clone: async () => {
    const copy = `${name}_${randomBytes(2).toString('hex')}`.slice(0, 63);
    await withPostgres((client) => client.query(`CREATE DATABASE "${copy}" TEMPLATE "${name}"`));
    return postgresDatabase(copy);
  },
  drop: () => withPostgres((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
});

const sqliteDatabase = (file: string): TestDatabase => ({
  client: 'sqlite',
  env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file },
  clone: () => {
    const copy = file.replace(/\.db$/, `-${randomBytes(2).toString('hex')}.db`);
    fs.copyFileSync(file, copy);
    return Promise.resolve(sqliteDatabase(copy));
  },
  drop: () => {
    fs.rmSync(file, { force: true });
    // The folder made for it goes when its last database does.
    const folder = path.dirname(file);
    if (fs.existsSync(folder) && fs.readdirSync(folder).length === 0) fs.rmSync(folder, { recursive: true, force: true });
    return Promise.resolve();
  },
});

/** A fresh, empty database of the given kind. */
export const createDatabase = async (kind: DatabaseKind, label: string): Promise<TestDatabase> => {
  const suffix = `${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${process.pid}_${randomBytes(4).toString('hex')}`;
  if (kind === 'postgres') {
    const name = `newsroom_${suffix}`.slice(0, 55);
    await withPostgres((client) => client.query(`CREATE DATABASE "${name}"`));
    return postgresDatabase(name);
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-'));
  return sqliteDatabase(path.join(folder, `${suffix}.db`));
};

/** A fresh, empty database for one test file, on the suite's database kind. */
export const createTestDatabase = (label = 'test'): Promise<TestDatabase> => createDatabase(testDatabaseClient(), label);
