/**
 * Seeding a Newsroom database in-process for benchmarks and load runs: synthetic published
 * organizations and articles, a full-access API token and a super admin. The background
 * relinker is off while seeding, and the jobs seeding queued are dropped afterwards.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStrapi, type Core, type Schema } from '@strapi/strapi';
import { z } from 'zod';
import { textToBlocks, type DirectoryEntry } from '../../src/plugins/org-linker/server/src/core';
import { findRoot } from '../../tests/helpers/root';
import type { Database } from './databases';
import { syntheticArticle } from './synthetic';

export interface Seeded {
  token: string;
  admin: { email: string; password: string };
  /** documentId of each seeded organization, by its synthetic id. */
  organizations: Map<DirectoryEntry['id'], string>;
  seconds: number;
}

// The engine's block type is a validated superset of Strapi's (it allows unknown keys).
/** Strapi's admin services, as far as the seed calls them (Strapi types them any). */
interface AuthService {
  hashPassword(password: string): Promise<string>;
}
interface ApiTokenService {
  create(token: { name: string; type: 'full-access'; lifespan: null; description: string }): Promise<{ accessKey: string }>;
}

export const articleBody = (directory: readonly DirectoryEntry[], bytes: number, seed: number, extra?: string, pool = 1000): Schema.Attribute.BlocksValue =>
  textToBlocks(`${syntheticArticle(directory, bytes, pool, seed)}${extra ? `\n\n${extra}` : ''}`) as unknown as Schema.Attribute.BlocksValue;

/** The app's directory importer (dist/src/directory/importer.js, compiled by the bench script before it runs). */
interface DirectoryImporter {
  run(options: { file: string; format: 'json'; publish: boolean; strict: boolean }): Promise<{ created: number; refused: { position: number; reason: string }[] }>;
}
type ImporterModule = { directoryImporter: (deps: { strapi: Core.Strapi }) => DirectoryImporter };

/**
 * The organizations through the directory import (set-based, seconds for 10,000) rather than one
 * Document Service create each (minutes): the same rows, as issue 17's integration test compares them.
 */
const importDirectory = async (strapi: Core.Strapi, root: string, directory: readonly DirectoryEntry[]): Promise<Map<DirectoryEntry['id'], string>> => {
  fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
  const folder = fs.mkdtempSync(path.join(root, '.tmp', 'seed-'));
  const file = path.join(folder, 'organizations.json');
  try {
    fs.writeFileSync(file, JSON.stringify(directory.map((entry) => ({ name: entry.name, ...(entry.acronym ? { acronym: entry.acronym } : {}), aliases: entry.aliases ?? [] }))));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the app's compiled module, outside the bench's type program
    const { directoryImporter } = require(path.join(root, 'dist', 'src', 'directory', 'importer.js')) as ImporterModule;
    const report = await directoryImporter({ strapi }).run({ file, format: 'json', publish: true, strict: true });
    if (report.created !== directory.length)
      throw new Error(`seeding imported ${report.created} of ${directory.length} organizations: ${JSON.stringify(report.refused.slice(0, 3))}`);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
  const rows = z
    .array(z.object({ documentId: z.string(), name: z.string() }))
    .parse(await strapi.db.query('api::organization.organization').findMany({ where: { publishedAt: { $notNull: true } }, select: ['documentId', 'name'] }));
  const byName = new Map(rows.map((row) => [row.name, row.documentId]));
  return new Map(directory.map((entry) => [entry.id, byName.get(entry.name) ?? '']));
};

export const seed = async (
  database: Database,
  { directory, articles, extraText = () => undefined }: { directory: readonly DirectoryEntry[]; articles: number; extraText?: (index: number) => string | undefined }
): Promise<Seeded> => {
  const root = findRoot();
  Object.assign(process.env, { NODE_ENV: 'test', LOG_LEVEL: 'error', DEMO_CONTENT: 'false', ORG_LINKER_WORKER: 'false', NEWSLETTER_WORKER: 'false', ...database.env });
  const strapi: Core.Strapi = await createStrapi({ appDir: root, distDir: path.join(root, 'dist'), autoReload: false, serveAdminPanel: false }).load();
  const started = performance.now();
  const organizations = await importDirectory(strapi, root, directory);
  for (let from = 0; from < articles; from += 100) {
    await strapi.db.transaction(async () => {
      for (let index = from; index < Math.min(from + 100, articles); index += 1) {
        await strapi.documents('api::article.article').create({
          data: { title: `Seeded article ${index}`, date: '2024-01-01', body: articleBody(directory, 1000, index + 100, extraText(index)) },
          status: 'published',
        });
      }
    });
  }
  await strapi.db.query('plugin::org-linker.relink-job').deleteMany({});
  const tokens = strapi.service('admin::api-token') as ApiTokenService;
  const { accessKey: token } = await tokens.create({ name: 'bench', type: 'full-access', lifespan: null, description: 'bench' });
  const role = z.object({ id: z.number() }).parse(await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } }));
  const auth = strapi.service('admin::auth') as AuthService;
  const admin = { email: 'bench@newsroom.test', password: 'Bench-password-1' };
  await strapi.db.query('admin::user').create({
    data: { email: admin.email, password: await auth.hashPassword(admin.password), firstname: 'Bench', isActive: true, roles: [role.id] },
  });
  // The measured state is a database PostgreSQL has statistics for, as autovacuum leaves a loaded
  // one within minutes where it runs (this machine's PostgreSQL runs with autovacuum off).
  if (strapi.db.dialect.client === 'postgres') await strapi.db.connection.raw('ANALYZE');
  const seconds = (performance.now() - started) / 1000;
  await strapi.destroy();
  return { token, admin, organizations, seconds };
};
