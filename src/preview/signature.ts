/**
 * Signed preview URLs: a draft is shown to whoever holds a URL that the server signed a few
 * minutes ago, and to nobody else. The signature binds every parameter that selects what is
 * shown (document, locale, status) and the expiry, so none can be changed without it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const PREVIEW_STATUSES = ['draft', 'published'] as const;
export type PreviewStatus = (typeof PREVIEW_STATUSES)[number];

export interface PreviewTarget {
  documentId: string;
  locale: string;
  status: PreviewStatus;
}

export interface SignedPreview extends PreviewTarget {
  /** Unix seconds after which the URL is refused. */
  expires: number;
  signature: string;
}

/** Default lifetime of a preview URL (PREVIEW_URL_TTL_SECONDS). */
export const DEFAULT_TTL_SECONDS = 300;
export const PREVIEW_PATH = '/preview/articles';

/**
 * A key of its own, derived from a server secret: a preview signature can never be mistaken
 * for (or help forge) anything else signed with that secret.
 */
export const previewKey = (serverSecret: string): Buffer => createHmac('sha256', serverSecret).update('newsroom:article-preview:v1').digest();

const payload = ({ documentId, locale, status }: PreviewTarget, expires: number): string =>
  // Length-prefixed fields: no two different targets give the same string.
  [documentId, locale, status, String(expires)].map((part) => `${part.length}:${part}`).join('|');

export const signPreview = (target: PreviewTarget, expires: number, key: Buffer): string => createHmac('sha256', key).update(payload(target, expires)).digest('base64url');

/** The path and query of a preview URL valid for ttlSeconds from nowSeconds. */
export const previewPath = (target: PreviewTarget, key: Buffer, nowSeconds: number, ttlSeconds: number): string => {
  const expires = Math.floor(nowSeconds) + ttlSeconds;
  const query = new URLSearchParams({ locale: target.locale, status: target.status, expires: String(expires), signature: signPreview(target, expires, key) });
  return `${PREVIEW_PATH}/${encodeURIComponent(target.documentId)}?${query.toString()}`;
};

export interface PreviewRefusal {
  status: 400 | 403;
  parameter: string;
  message: string;
}

export type VerifyResult = { ok: true; target: PreviewTarget } | { ok: false; refusal: PreviewRefusal };

const refuse = (status: 400 | 403, parameter: string, message: string): VerifyResult => ({ ok: false, refusal: { status, parameter, message } });

const single = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Checks a preview request: every parameter present and well formed (400 otherwise), the
 * signature right for exactly these parameters and not expired (403 otherwise).
 */
export const verifyPreview = (documentId: string, query: Record<string, unknown>, key: Buffer, nowSeconds: number): VerifyResult => {
  const signature = single(query.signature);
  if (!signature) return refuse(403, 'signature', 'missing: preview URLs are signed by the admin panel (open the preview from the article)');
  const locale = single(query.locale);
  if (!locale) return refuse(400, 'locale', 'missing or repeated');
  const status = single(query.status);
  if (status !== 'draft' && status !== 'published') return refuse(400, 'status', "must be 'draft' or 'published'");
  const expiresText = single(query.expires);
  if (!expiresText || !/^\d{1,12}$/.test(expiresText)) return refuse(400, 'expires', 'must be a Unix time in seconds');
  const expires = Number(expiresText);
  const target: PreviewTarget = { documentId, locale, status };
  const expected = Buffer.from(signPreview(target, expires, key));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return refuse(403, 'signature', 'does not match this URL (changed, or signed by another server)');
  }
  // Checked after the signature, so an expiry is only reported for a URL the server made.
  if (expires < nowSeconds) return refuse(403, 'expires', 'this preview URL has expired; open the preview again from the article');
  return { ok: true, target };
};
