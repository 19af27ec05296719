import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createStrapi, type Core } from '@strapi/strapi';
import request from 'supertest';
import { createTestDatabase, type TestDatabase } from './database';

export const ROOT = path.resolve(__dirname, '..', '..');
export { fixturesDir } from './fixtures';

export interface TestApp {
  strapi: Core.Strapi;
  baseUrl: string;
  database: TestDatabase;
  /** supertest bound to the running server. */
  http: () => ReturnType<typeof request>;
  /** Stops Strapi; keeps the database (for restart tests) unless drop is true. */
  stop(options?: { drop?: boolean }): Promise<void>;
}

export interface StartOptions {
  /** Load the demo content at bootstrap (default false in tests). */
  demo?: boolean;
  /** Extra environment for this boot (e.g. plugin settings). */
  env?: Record<string, string>;
  /** Reuse an existing database, e.g. to restart on the same data. */
  database?: TestDatabase;
}

/**
 * Waits (up to 2 s) until no query holds or waits for a connection. Work that outlives the last
 * response (Strapi's own or a worker's) would otherwise have its connection request aborted by
 * destroy, which fails the file with "aborted" (seen now and then on PostgreSQL).
 */
const queriesSettled = async (strapi: Core.Strapi) => {
  const pool = (strapi.db.connection.client as { pool?: { numUsed(): number; numPendingAcquires(): number } }).pool;
  const deadline = Date.now() + 2000;
  while (pool && pool.numUsed() + pool.numPendingAcquires() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
};

/**
 * Boots a real Strapi (compiled by the global setup) on a fresh database of its own and
 * listens on an ephemeral loopback port. One boot per test file. `env` is written into
 * process.env, which Jest gives each test file as a copy of its own: it never reaches the next file.
 */
export const startApp = async (options: StartOptions = {}): Promise<TestApp> => {
  const database = options.database ?? (await createTestDatabase(path.basename(expect.getState().testPath ?? 'app', '.test.ts')));
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    DEMO_CONTENT: options.demo ? 'true' : 'false',
    HOST: '127.0.0.1',
    PORT: '0',
    ...database.env,
    ...options.env,
  });
  const strapi = await createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist'), autoReload: false, serveAdminPanel: false }).load();
  await new Promise<void>((resolve) => strapi.server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = strapi.server.httpServer.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    strapi,
    baseUrl,
    database,
    http: () => request(baseUrl),
    stop: async ({ drop = true } = {}) => {
      await queriesSettled(strapi);
      await strapi.destroy();
      if (drop) await database.drop();
    },
  };
};

export type TokenType = 'read-only' | 'full-access';

/** Creates a content-API token and returns its secret. */
export const createApiToken = async (strapi: Core.Strapi, type: TokenType, name = `${type}-${Date.now()}-${Math.random()}`): Promise<string> => {
  const token = await strapi.service('admin::api-token').create({ name, type, lifespan: null, description: `test ${type} token` });
  return token.accessKey as string;
};
