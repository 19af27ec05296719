/**
 * URL templates: where a link to an organization points. Every URL the engine
 * writes is the template with a percent-encoded slug; nothing from the
 * article text ever reaches a URL.
 */
import { UrlTemplateError } from './errors';

export const DEFAULT_URL_TEMPLATE = '/organizations/{slug}';
const PLACEHOLDER = '{slug}';

// RFC 3986 characters allowed in a template besides the placeholder.
function isUrlChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || // a-z
    (c >= 0x41 && c <= 0x5a) || // A-Z
    (c >= 0x30 && c <= 0x39) || // 0-9
    "-._~:/?#[]@!$&'()*+,;=%".includes(String.fromCharCode(c))
  );
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/**
 * Check a URL template: exactly one {slug}; a path starting with "/" (not
 * "//") or an absolute http(s) URL whose host does not depend on the slug;
 * only URL characters, well-formed percent escapes. Returns it unchanged.
 */
export function validateUrlTemplate(template: unknown): string {
  if (typeof template !== 'string') throw new UrlTemplateError(String(template), 'must be a string');
  const t = template;
  const at = t.indexOf(PLACEHOLDER);
  if (at < 0) throw new UrlTemplateError(t, 'must contain {slug}');
  if (t.indexOf(PLACEHOLDER, at + 1) >= 0) throw new UrlTemplateError(t, 'must contain {slug} only once');
  const rest = t.slice(0, at) + t.slice(at + PLACEHOLDER.length);
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charCodeAt(i);
    if (!isUrlChar(c)) throw new UrlTemplateError(t, `character ${JSON.stringify(rest[i])} is not allowed`);
    if (c === 0x25 && !(isHex(rest.charCodeAt(i + 1)) && isHex(rest.charCodeAt(i + 2)))) {
      throw new UrlTemplateError(t, 'has a malformed percent escape');
    }
  }
  if (t.startsWith('/')) {
    if (t.startsWith('//')) throw new UrlTemplateError(t, 'must not start with "//" (another host)');
    return t;
  }
  const scheme = t.startsWith('https://') ? 8 : t.startsWith('http://') ? 7 : 0;
  if (scheme === 0) throw new UrlTemplateError(t, 'must start with "/" or be an absolute http(s) URL');
  let hostEnd = t.length;
  for (const sep of ['/', '?', '#']) {
    const p = t.indexOf(sep, scheme);
    if (p >= 0 && p < hostEnd) hostEnd = p;
  }
  const host = t.slice(scheme, hostEnd);
  if (host.length === 0) throw new UrlTemplateError(t, 'has no host');
  if (host.includes(PLACEHOLDER)) throw new UrlTemplateError(t, 'the host must not depend on {slug}');
  if (host.includes('@')) throw new UrlTemplateError(t, 'must not contain credentials');
  try {
    new URL(t.replace(PLACEHOLDER, 'slug'));
  } catch {
    throw new UrlTemplateError(t, 'is not a valid URL');
  }
  return t;
}

/** Percent-encode a slug: everything but RFC 3986 unreserved characters. */
export function encodeSlug(slug: string): string {
  return encodeURIComponent(slug).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A validated template split around {slug}. */
export interface UrlPattern {
  readonly template: string;
  readonly prefix: string;
  readonly suffix: string;
}

/**
 * Parentheses are written percent-encoded (markdown would misread them in a
 * link destination), in every format, so a link's URL is the same whether it
 * sits in blocks or in markdown.
 */
function encodeParentheses(s: string): string {
  return s.split('(').join('%28').split(')').join('%29');
}

export function urlPattern(template: string = DEFAULT_URL_TEMPLATE): UrlPattern {
  const t = validateUrlTemplate(template);
  const at = t.indexOf(PLACEHOLDER);
  return { template: t, prefix: encodeParentheses(t.slice(0, at)), suffix: encodeParentheses(t.slice(at + PLACEHOLDER.length)) };
}

/** The URL of an organization: the template with its percent-encoded slug. */
export function renderUrl(pattern: UrlPattern, slug: string): string {
  return pattern.prefix + encodeSlug(slug) + pattern.suffix;
}

/** Unreserved characters or percent escapes, at least one: what encodeSlug produces. */
function isSlugShaped(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0x5f || c === 0x7e) continue;
    if (c === 0x25 && isHex(s.charCodeAt(i + 1)) && isHex(s.charCodeAt(i + 2))) {
      i += 2;
      continue;
    }
    return false;
  }
  return true;
}

/** The slug of `url` under the first of these patterns that recognises it, or null. */
export function engineSlugIn(patterns: readonly UrlPattern[], url: string): string | null {
  for (const p of patterns) {
    const slug = engineSlug(p, url);
    if (slug !== null) return slug;
  }
  return null;
}

/**
 * If `url` is one the engine makes with this template (any slug-shaped value
 * in place of {slug}, known or not), its decoded slug; otherwise null.
 */
export function engineSlug(pattern: UrlPattern, url: string): string | null {
  if (url.length <= pattern.prefix.length + pattern.suffix.length) return null;
  if (!url.startsWith(pattern.prefix) || !url.endsWith(pattern.suffix)) return null;
  const raw = url.slice(pattern.prefix.length, url.length - pattern.suffix.length);
  if (!isSlugShaped(raw)) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
