import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { demoArticle, demoAuthor, demoOrganizations, demoPartnerships, demoSectors } from './content';

const ORGANIZATION = 'api::organization.organization';
const PARTNERSHIP = 'api::partnership.partnership';
const ARTICLE = 'api::article.article';
const AUTHOR = 'api::author.author';
const SECTOR = 'api::sector.sector';

const marker = (strapi: Core.Strapi) => strapi.store({ type: 'app', name: 'newsroom', key: 'demo-content' });

export interface DemoLoadResult {
  loaded: boolean;
  created: { sectors: number; organizations: number; partnerships: number; articles: number; authors: number };
}

const documentIdBySlug = async (strapi: Core.Strapi, uid: typeof ORGANIZATION | typeof ARTICLE | typeof AUTHOR | typeof SECTOR, slug: string) => {
  const row = z
    .object({ documentId: z.string() })
    .nullish()
    .parse(await strapi.db.query(uid).findOne({ where: { slug }, select: ['documentId'] }));
  return row?.documentId ?? null;
};

/**
 * Loads the demo content once per database. Every entry is looked up by its natural key
 * before it is created, so an interrupted load finishes on the next start without duplicates;
 * a marker in the core store stops later starts from re-creating what staff deleted.
 */
export const loadDemoContent = async (strapi: Core.Strapi, { force = false } = {}): Promise<DemoLoadResult> => {
  const created = { sectors: 0, organizations: 0, partnerships: 0, articles: 0, authors: 0 };
  if (!force && (await marker(strapi).get({}))) return { loaded: false, created };

  const sectorIds = new Map<string, string>();
  for (const sector of demoSectors) {
    let documentId = await documentIdBySlug(strapi, SECTOR, sector.slug);
    if (!documentId) {
      documentId = (await strapi.documents(SECTOR).create({ data: sector })).documentId;
      created.sectors += 1;
    }
    sectorIds.set(sector.slug, documentId);
  }
  const sectorsOf = (slugs: string[] | undefined) => (slugs ?? []).flatMap((slug) => sectorIds.get(slug) ?? []);

  const organizationIds = new Map<string, string>();
  for (const organization of demoOrganizations) {
    const { parent, sectors, ...fields } = organization;
    let documentId = await documentIdBySlug(strapi, ORGANIZATION, organization.slug);
    if (!documentId) {
      const parentId = parent ? organizationIds.get(parent) : undefined;
      const entry = await strapi.documents(ORGANIZATION).create({
        data: { ...fields, sectors: sectorsOf(sectors), ...(parentId ? { parent: parentId } : {}) },
        status: 'published',
      });
      documentId = entry.documentId;
      created.organizations += 1;
    }
    organizationIds.set(organization.slug, documentId);
  }

  let authorId = await documentIdBySlug(strapi, AUTHOR, demoAuthor.slug);
  if (!authorId) {
    authorId = (await strapi.documents(AUTHOR).create({ data: demoAuthor })).documentId;
    created.authors += 1;
  }

  let articleId = await documentIdBySlug(strapi, ARTICLE, demoArticle.slug);
  if (!articleId) {
    // The org-linker plugin recomputes mentionedOrganizations from the body; listing them here keeps
    // the demo complete even where that plugin is disabled.
    const mentionedOrganizations = [...organizationIds.values()];
    articleId = (
      await strapi.documents(ARTICLE).create({
        data: { ...demoArticle, sectors: sectorsOf(demoArticle.sectors), author: authorId, mentionedOrganizations },
        status: 'published',
      })
    ).documentId;
    created.articles += 1;
  }

  for (const partnership of demoPartnerships) {
    const organization = organizationIds.get(partnership.organization);
    const partner = organizationIds.get(partnership.partner);
    if (!organization || !partner) continue;
    const existing: unknown = await strapi.db.query(PARTNERSHIP).findOne({
      where: { kind: partnership.kind, organization: { documentId: organization }, partner: { documentId: partner } },
      select: ['id'],
    });
    if (existing) continue;
    const { announced, organization: _organization, partner: _partner, ...fields } = partnership;
    await strapi.documents(PARTNERSHIP).create({
      data: { ...fields, organization, partner, ...(announced ? { announcement: articleId } : {}) },
      status: 'published',
    });
    created.partnerships += 1;
  }

  await marker(strapi).set({ value: { loadedAt: new Date().toISOString() } });
  return { loaded: true, created };
};
