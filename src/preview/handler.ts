/**
 * The admin's preview handler (config/admin.ts → preview.config.handler). Strapi 5 runs it on
 * the server, inside GET /content-manager/preview/url/:uid (admin login required), so the
 * signature is made here and the secret never reaches the admin bundle.
 */
import type { Core } from '@strapi/strapi';
import { previewPath, type PreviewTarget } from './signature';
import { previewSigningKey, previewTtlSeconds } from './settings';

interface HandlerParams {
  documentId?: string;
  locale?: string | null;
  status?: string;
}

interface Ability {
  can(action: string, subject: string): boolean;
}

const ARTICLE = 'api::article.article';

/** Strapi's own route checks only that an admin is logged in: the URL also needs the right to read articles. */
const mayReadArticles = (strapi: Core.Strapi): boolean => {
  const ability = strapi.requestContext.get()?.state?.userAbility as Ability | undefined;
  return Boolean(ability?.can('plugin::content-manager.explorer.read', ARTICLE));
};

export const createPreviewHandler = (options: { publicUrl: string }) => {
  const ttl = previewTtlSeconds();
  return (uid: string, { documentId, locale, status }: HandlerParams): string | null => {
    // Only articles have a preview page; other types get no URL (the admin hides the panel's frame).
    if (uid !== ARTICLE || !documentId) return null;
    if (!mayReadArticles(strapi)) return null;
    const target: PreviewTarget = { documentId, locale: locale || 'en', status: status === 'published' ? 'published' : 'draft' };
    return `${options.publicUrl.replace(/\/+$/, '')}${previewPath(target, previewSigningKey(), Date.now() / 1000, ttl)}`;
  };
};
