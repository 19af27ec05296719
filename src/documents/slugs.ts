import type { Core, Modules, UID } from '@strapi/strapi';
import slugify from 'slugify';
import { z } from 'zod';
import { i18nLocales } from '../utils/strapi-services';
import { fieldValidationError } from './errors';

type Data = Record<string, unknown>;

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_SLUG_LENGTH = 200;

/** Which content types get slugs, and from which field. */
export const SLUGGED: Partial<Record<string, { field: string; source: string }>> = {
  'api::article.article': { field: 'slug', source: 'title' },
  'api::author.author': { field: 'slug', source: 'name' },
  'api::organization.organization': { field: 'slug', source: 'name' },
  'api::sector.sector': { field: 'slug', source: 'name' },
};

export const toSlug = (text: string): string => slugify(text, { lower: true, strict: true, trim: true }).slice(0, MAX_SLUG_LENGTH).replace(/-+$/, '');

interface SlugScope {
  uid: UID.ContentType;
  field: string;
  documentId?: string;
  locale?: string;
}

const localeFilter = async (strapi: Core.Strapi, scope: SlugScope): Promise<Data> => {
  const localized = Boolean((strapi.contentType(scope.uid).pluginOptions as { i18n?: { localized?: boolean } } | undefined)?.i18n?.localized);
  if (!localized) return {};
  const locale = scope.locale ?? (await i18nLocales(strapi).getDefaultLocale());
  return { locale };
};

const otherDocuments = (scope: SlugScope): Data => (scope.documentId ? { documentId: { $ne: scope.documentId } } : {});

/** Smallest free slug among base, base-2, base-3 … found with one query. */
const uniqueSlug = async (strapi: Core.Strapi, scope: SlugScope, base: string): Promise<string> => {
  const rows = (await strapi.db.query(scope.uid).findMany({
    where: {
      $or: [{ [scope.field]: base }, { [scope.field]: { $startsWith: `${base}-` } }],
      ...otherDocuments(scope),
      ...(await localeFilter(strapi, scope)),
    },
    select: [scope.field],
  })) as Data[];
  const taken = new Set(rows.map((row) => row[scope.field]));
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix += 1) {
    const candidate = `${base}-${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
};

const resolveLocale = (params: { locale?: unknown }): string | undefined => (typeof params.locale === 'string' && params.locale !== '*' ? params.locale : undefined);

/**
 * Document Service middleware: an entry written without a slug gets one made from its
 * title/name with slugify, made unique with -2, -3 …; a slug given explicitly must be
 * well-formed and free, or the write is refused with 400.
 */
export const slugMiddleware =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    const rule = SLUGGED[context.uid];
    if (!rule || (context.action !== 'create' && context.action !== 'update')) return next();
    const params = context.params as { data?: Data; documentId?: string; locale?: unknown };
    const data = params.data;
    if (!data || typeof data !== 'object') return next();

    const scope: SlugScope = { uid: context.uid, field: rule.field, documentId: params.documentId, locale: resolveLocale(params) };
    const given = data[rule.field];

    if (typeof given === 'string' && given.trim() !== '') {
      const slug = given.trim();
      if (!SLUG_PATTERN.test(slug) || slug.length > MAX_SLUG_LENGTH) {
        throw fieldValidationError([
          { path: [rule.field], message: `must be lowercase letters, digits and single hyphens (at most ${MAX_SLUG_LENGTH} characters), e.g. "my-title"` },
        ]);
      }
      const clash: unknown = await strapi.db.query(scope.uid).findOne({
        where: { [rule.field]: slug, ...otherDocuments(scope), ...(await localeFilter(strapi, scope)) },
        select: ['documentId'],
      });
      if (clash) throw fieldValidationError([{ path: [rule.field], message: `"${slug}" is already used by another entry` }]);
      data[rule.field] = slug;
      return next();
    }

    // Updates keep the stored slug (published URLs stay stable) unless they clear it; an
    // update that creates a new locale version has none yet and gets one.
    const clearing = given === null || (typeof given === 'string' && given.trim() === '');
    let source = data[rule.source];
    if (context.action === 'update' && params.documentId) {
      const stored = z
        .record(z.string(), z.unknown())
        .nullish()
        .parse(
          await strapi.db.query(scope.uid).findOne({
            where: { documentId: params.documentId, ...(await localeFilter(strapi, scope)) },
            select: [rule.field, rule.source],
          })
        );
      if (stored?.[rule.field] && !clearing) return next();
      if (typeof source !== 'string') source = stored?.[rule.source];
    }
    if (typeof source !== 'string' || source.trim() === '') return next();
    const base = toSlug(source) || strapi.contentType(scope.uid).info.singularName;
    data[rule.field] = await uniqueSlug(strapi, scope, base);
    return next();
  };
