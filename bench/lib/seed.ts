/**
 * Seeding a Newsroom database in-process for benchmarks and load runs: synthetic published
 * organizations and articles, a full-access API token and a super admin. The background
 * relinker is off while seeding, and the jobs seeding queued are dropped afterwards.
 */
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

export const seed = async (
  database: Database,
  { directory, articles, extraText = () => undefined }: { directory: readonly DirectoryEntry[]; articles: number; extraText?: (index: number) => string | undefined }
): Promise<Seeded> => {
  const root = findRoot();
  Object.assign(process.env, { NODE_ENV: 'test', LOG_LEVEL: 'error', DEMO_CONTENT: 'false', ORG_LINKER_WORKER: 'false', NEWSLETTER_WORKER: 'false', ...database.env });
  const strapi: Core.Strapi = await createStrapi({ appDir: root, distDir: path.join(root, 'dist'), autoReload: false, serveAdminPanel: false }).load();
  const started = performance.now();
  const organizations = new Map<DirectoryEntry['id'], string>();
  for (let from = 0; from < directory.length; from += 250) {
    await strapi.db.transaction(async () => {
      for (const entry of directory.slice(from, from + 250)) {
        const created = await strapi.documents('api::organization.organization').create({
          data: { name: entry.name, acronym: entry.acronym ?? undefined, aliases: (entry.aliases ?? []).map((text) => ({ text })), slug: entry.slug },
          status: 'published',
        });
        organizations.set(entry.id, created.documentId);
      }
    });
  }
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
  const seconds = (performance.now() - started) / 1000;
  await strapi.destroy();
  return { token, admin, organizations, seconds };
};
