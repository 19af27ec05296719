import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

/** Which database the integration suite runs on: SQLite by default, PostgreSQL with TEST_DB=postgres. */
export const testDatabaseClient = (): 'sqlite' | 'postgres' => (process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite');

export interface TestDatabase {
  client: 'sqlite' | 'postgres';
  /** Environment that points Strapi at this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

const PG = {
  host: process.env.TEST_PG_HOST ?? '127.0.0.1',
  port: Number(process.env.TEST_PG_PORT ?? 5432),
  user: process.env.TEST_PG_USER ?? 'postgres',
  password: process.env.TEST_PG_PASSWORD ?? '',
};

const withAdminClient = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ ...PG, database: 'postgres' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/** A fresh, empty database for one test file; drop() removes it. */
export const createTestDatabase = async (label = 'test'): Promise<TestDatabase> => {
  const suffix = `${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${process.pid}_${randomBytes(4).toString('hex')}`;
  if (testDatabaseClient() === 'postgres') {
    const name = `newsroom_${suffix}`.slice(0, 63);
    await withAdminClient((client) => client.query(`CREATE DATABASE "${name}"`));
    return {
      client: 'postgres',
      env: {
        DATABASE_CLIENT: 'postgres',
        DATABASE_HOST: PG.host,
        DATABASE_PORT: String(PG.port),
        DATABASE_NAME: name,
        DATABASE_USERNAME: PG.user,
        DATABASE_PASSWORD: PG.password,
      },
      drop: () => withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
    };
  }
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-'));
  const filename = path.join(directory, `${suffix}.db`);
  return {
    client: 'sqlite',
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename },
    drop: async () => fs.rmSync(directory, { recursive: true, force: true }),
  };
};
