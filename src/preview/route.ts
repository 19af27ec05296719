/**
 * GET /preview/articles/:documentId?locale=&status=&expires=&signature= — the article as a
 * reader will see it, for whoever holds a URL the admin's preview handler signed.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CONTENT_SECURITY_POLICY, renderPreviewPage, type PreviewArticle } from './render';
import { PREVIEW_PATH, verifyPreview } from './signature';
import { previewSigningKey } from './settings';

type Context = Parameters<Core.MiddlewareHandler>[0];

const refusal = (status: number, parameter: string, message: string): Error => {
  const details = { errors: [{ path: [parameter], message, name: status === 400 ? 'ValidationError' : status === 404 ? 'NotFoundError' : 'PolicyError' }] };
  const text = `${parameter}: ${message}`;
  if (status === 400) return new errors.ValidationError(text, details);
  if (status === 404) return new errors.NotFoundError(text, details);
  // A PolicyError is a 403 that keeps its message (Strapi blanks a ForbiddenError's).
  return new errors.PolicyError(text, details);
};

export const previewHandler = (strapi: Core.Strapi) => {
  const key = previewSigningKey();
  return async (ctx: Context): Promise<void> => {
    // Set first so that refusals carry them too.
    ctx.set('X-Robots-Tag', 'noindex, nofollow');
    ctx.set('Cache-Control', 'private, no-store');
    ctx.set('Referrer-Policy', 'no-referrer');
    // The router's :documentId (a string whenever the route matched).
    const { documentId = '' } = ctx.params as { documentId?: string };
    const verdict = verifyPreview(documentId, ctx.query, key, Date.now() / 1000);
    if (!verdict.ok) throw refusal(verdict.refusal.status, verdict.refusal.parameter, verdict.refusal.message);
    const { locale, status } = verdict.target;
    const article = await strapi.documents('api::article.article').findOne({
      documentId,
      locale,
      status,
      populate: { author: { fields: ['name'] }, mentionedOrganizations: { fields: ['name', 'acronym'] } },
    });
    if (!article) throw refusal(404, 'documentId', `no ${status} version of this article in locale ${locale}`);
    const page: PreviewArticle = {
      title: article.title,
      date: article.date,
      locale,
      status,
      author: article.author ?? null,
      body: article.body,
      mentionedOrganizations: article.mentionedOrganizations ?? [],
    };
    ctx.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = renderPreviewPage(page);
  };
};

/** A global route outside /api: not a content-API endpoint, no API auth; the signature is the only key. */
export const registerPreviewRoute = (strapi: Core.Strapi): void => {
  strapi.server.routes({
    type: 'admin',
    prefix: '',
    routes: [{ method: 'GET', path: `${PREVIEW_PATH}/:documentId`, handler: previewHandler(strapi), info: { type: 'admin' }, config: { auth: false } }],
  });
};
