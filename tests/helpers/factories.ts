import fs from 'node:fs';
import type { Core, Modules } from '@strapi/strapi';
import { fixturePath } from './fixtures';

export interface FixtureOrganization {
  name: string;
  acronym?: string;
  aliases?: string[];
  type?: string;
  country?: string;
  city?: string;
  website?: string;
  sectors?: string[];
  parent?: string;
}

export const readFixtureOrganizations = (): FixtureOrganization[] => JSON.parse(fs.readFileSync(fixturePath('organizations.json'), 'utf8')) as FixtureOrganization[];

export const readSeedArticle = (): string => fs.readFileSync(fixturePath('syiit-joins-waitro.txt'), 'utf8');

export { SEED_ORGANIZATIONS } from './fixtures';

let counter = 0;
const unique = (prefix: string) => `${prefix} ${process.pid}-${(counter += 1)}`;

type OrganizationInput = Modules.Documents.Params.Data.Input<'api::organization.organization'>;
type ArticleInput = Modules.Documents.Params.Data.Input<'api::article.article'>;

export const organizationData = (overrides: Partial<OrganizationInput> = {}): OrganizationInput => ({
  name: unique('Test Institute of Research'),
  type: 'research-institute',
  country: 'DE',
  ...overrides,
});

export const articleData = (overrides: Partial<ArticleInput> = {}): ArticleInput => ({
  title: unique('A test article'),
  date: '2024-05-01',
  body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Nothing to see here.' }] }],
  ...overrides,
});

/**
 * Loads ../shared/fixtures/organizations.json as published organizations (parents by name)
 * and returns their documentIds by name.
 */
export const loadFixtureDirectory = async (strapi: Core.Strapi): Promise<Map<string, string>> => {
  const ids = new Map<string, string>();
  const fixtures = readFixtureOrganizations();
  for (const { aliases, parent: _parent, ...fields } of fixtures) {
    const entry = await strapi.documents('api::organization.organization').create({
      data: { ...fields, type: fields.type as OrganizationInput['type'], aliases: (aliases ?? []).map((text) => ({ text })) },
      status: 'published',
    });
    ids.set(fields.name, entry.documentId);
  }
  for (const fixture of fixtures.filter((organization) => organization.parent)) {
    await strapi.documents('api::organization.organization').update({
      documentId: ids.get(fixture.name)!,
      data: { parent: ids.get(fixture.parent!) },
      status: 'published',
    });
  }
  return ids;
};
