import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ArticleEventData, EventType, WebhookPayload } from '../../../shared/contracts';

/** A published article version as read (with its relations) inside the publish transaction. */
export interface ArticleRow {
  id: number;
  documentId: string;
  locale: string | null;
  title: string;
  slug: string | null;
  excerpt: string | null;
  date: string | null;
  body: unknown;
  sectors: { slug: string | null; name: string; nameZh: string | null }[] | null;
  cover: { id: number } | null;
  author: { documentId: string; name: string; slug: string | null } | null;
  mentionedOrganizations: { documentId: string; name: string; acronym: string | null; slug: string | null; rorId?: string | null; wikidataId?: string | null }[] | null;
}

export interface UrlSettings {
  siteUrl: string;
  articleUrlTemplate: string;
  organizationUrlTemplate: string;
}

/** Fills {name} placeholders; a link needs a slug, so none is made without one. */
export const fillTemplate = (template: string, values: Record<string, string | null | undefined>): string | null => {
  if (!values.slug) return null;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = values[key];
    if (value === undefined || value === null) return whole;
    return key === 'siteUrl' ? value : encodeURIComponent(value);
  });
};

/**
 * Parses a row read with the outbox's select. Loose objects: whatever else the query engine returns
 * is kept as it was (the content hash is computed from these rows and must not change).
 */
export const articleRow: z.ZodType<ArticleRow> = z.looseObject({
  id: z.number(),
  documentId: z.string(),
  locale: z.string().nullable(),
  title: z.string(),
  slug: z.string().nullable(),
  excerpt: z.string().nullable(),
  // A `date` field: 'yyyy-MM-dd' text on both databases.
  date: z.string().nullable(),
  body: z.unknown(),
  sectors: z.array(z.looseObject({ slug: z.string().nullable(), name: z.string(), nameZh: z.string().nullable() })).nullable(),
  cover: z.looseObject({ id: z.number() }).nullable(),
  author: z.looseObject({ documentId: z.string(), name: z.string(), slug: z.string().nullable() }).nullable(),
  mentionedOrganizations: z
    .array(
      z.looseObject({
        documentId: z.string(),
        name: z.string(),
        acronym: z.string().nullable(),
        slug: z.string().nullable(),
        rorId: z.string().nullish(),
        wikidataId: z.string().nullish(),
      })
    )
    .nullable(),
});

export const articleEventData = (row: ArticleRow, urls: UrlSettings): ArticleEventData => ({
  documentId: row.documentId,
  title: row.title,
  slug: row.slug ?? null,
  excerpt: row.excerpt ?? null,
  date: row.date ?? null,
  url: fillTemplate(urls.articleUrlTemplate, { siteUrl: urls.siteUrl, locale: row.locale, slug: row.slug, documentId: row.documentId }),
  author: row.author ? { name: row.author.name, slug: row.author.slug ?? null } : null,
  organizations: (row.mentionedOrganizations ?? []).map((organization) => ({
    name: organization.name,
    acronym: organization.acronym ?? null,
    slug: organization.slug ?? null,
    url: fillTemplate(urls.organizationUrlTemplate, { siteUrl: urls.siteUrl, slug: organization.slug, documentId: organization.documentId }),
    rorId: organization.rorId ?? null,
    wikidataId: organization.wikidataId ?? null,
  })),
  sectors: (row.sectors ?? []).map((sector) => ({ slug: sector.slug ?? null, name: sector.name, nameZh: sector.nameZh ?? null })),
  locale: row.locale ?? null,
});

export const buildPayload = <TData>(type: EventType, occurredAt: Date, data: TData): WebhookPayload<TData> => ({
  type,
  timestamp: occurredAt.toISOString(),
  data,
});

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Relation rows in a fixed order: by their first value (slug, documentId), ties broken by the
 * whole row, so that rows sharing a first value (two sectors without a slug) hash the same in any
 * order. Rows with distinct first values sort as they always did: stored fingerprints stay valid.
 */
const byRow = (a: unknown[], b: unknown[]): number => compareText(String(a[0]), String(b[0])) || compareText(JSON.stringify(a), JSON.stringify(b));

/** JSON with object keys sorted, so equal content always hashes the same. */
const stableJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => compareText(a, b));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${stableJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
};

/**
 * Fingerprint of what readers see of a published version: its content (body included,
 * though the payload does not carry it), author, organizations and sectors. Publishing again with
 * the same fingerprint changes nothing for subscribers, so it announces nothing.
 */
export const contentHash = (row: ArticleRow): string =>
  createHash('sha256')
    .update(
      stableJson({
        title: row.title,
        slug: row.slug,
        excerpt: row.excerpt,
        date: row.date,
        body: row.body,
        // Sorted, like organizations: the order of a relation is not content.
        sectors: (row.sectors ?? []).map((sector) => [sector.slug, sector.name, sector.nameZh]).sort(byRow),
        cover: row.cover?.id ?? null,
        author: row.author ? [row.author.documentId, row.author.name, row.author.slug] : null,
        // Sorted: the linker may store the same set in another order.
        organizations: (row.mentionedOrganizations ?? []).map((organization) => [organization.documentId, organization.name, organization.acronym, organization.slug]).sort(byRow),
      })
    )
    .digest('hex');
