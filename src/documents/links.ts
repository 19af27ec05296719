import type { FieldProblem } from './errors';

/**
 * Link targets judged the way a browser reads them: by the WHATWG URL parser (Node's URL), not by
 * string prefixes. "/\evil.example/x" looks like a path but a browser goes to evil.example.
 */

// Two placeholder pages with different schemes and hosts: a link that resolves to its page's host
// under both stays on the site; an absolute link must mean the same under both.
const BASES = [new URL('https://site-a.invalid/dir/page'), new URL('http://site-b.invalid/other/')] as const;

// The parser drops these silently (tab and line breaks anywhere, controls and spaces at the ends),
// so the stored text would not be what browsers follow.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this pattern finds
const DROPPED = /[\t\n\r]|^[\u0000-\u0020]|[\u0000-\u0020]$/;

export type LinkKind = 'editor' | 'website';

const EDITOR_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);
const WEB_SCHEMES = new Set(['http:', 'https:']);

const parse = (url: string, base?: URL): URL | null => {
  try {
    return new URL(url, base);
  } catch {
    return null;
  }
};

/**
 * Why a link target is refused, or null when it is fine. Editor links: a path of this site
 * (`/x`, `#x`, `?x`, `x`) or an absolute http(s), mailto or tel address. Websites: an absolute
 * http(s) URL with a host.
 */
export const linkProblem = (url: string, kind: LinkKind): string | null => {
  if (DROPPED.test(url)) return 'must not contain tabs or line breaks, or begin or end with a space or control character';
  if (kind === 'editor') {
    const resolved = BASES.map((base) => parse(url, base));
    if (resolved.some((target) => target === null)) return 'is not a valid URL';
    const [a, b] = resolved as [URL, URL];
    // Relative: stays on whatever page it sits on.
    if (a.host === BASES[0].host && b.host === BASES[1].host && a.protocol === BASES[0].protocol && b.protocol === BASES[1].protocol) return null;
    if (a.href !== b.href) return 'leaves the site although it does not read as an absolute address (write https://host/… for another site)';
    if (!EDITOR_SCHEMES.has(a.protocol)) return 'must be an http(s), mailto or tel address, or a path of this site';
    if (WEB_SCHEMES.has(a.protocol) && !/^https?:\/\//i.test(url)) return 'must be written as http(s)://host/…';
    return null;
  }
  const absolute = parse(url);
  if (!absolute || !WEB_SCHEMES.has(absolute.protocol) || absolute.hostname === '') return 'must be an http:// or https:// URL';
  // "https:evil.example" parses alone, but in a page of the same scheme a browser reads it as a path.
  if (!/^https?:\/\/[^/\\]/i.test(url)) return 'must be written as http(s)://host/…';
  if (url.includes('\\')) return 'must not contain a backslash (browsers read it as "/")';
  return null;
};

/** Every editor link (and image address) in a blocks value with a problem, with its path. */
export const blocksLinkProblems = (field: string, value: unknown): FieldProblem[] => {
  const problems: FieldProblem[] = [];
  if (!Array.isArray(value)) return problems;
  const stack: { node: unknown; path: (string | number)[] }[] = [];
  for (let index = value.length - 1; index >= 0; index -= 1) stack.push({ node: value[index], path: [field, index] });
  // Depth is bounded by the depth limit checked before, so the copied paths stay short.
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    const record = node as { type?: unknown; url?: unknown; image?: { url?: unknown }; children?: unknown };
    if (record.type === 'link' && typeof record.url === 'string') {
      const message = linkProblem(record.url, 'editor');
      if (message) problems.push({ path: [...path, 'url'], message });
    }
    if (record.type === 'image' && record.image && typeof record.image.url === 'string') {
      const message = linkProblem(record.image.url, 'editor');
      if (message) problems.push({ path: [...path, 'image', 'url'], message });
    }
    if (Array.isArray(record.children)) {
      for (let index = record.children.length - 1; index >= 0; index -= 1) stack.push({ node: record.children[index], path: [...path, 'children', index] });
    }
  }
  return problems;
};
