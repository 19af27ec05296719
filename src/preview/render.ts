/**
 * The preview page of an article: Strapi blocks → HTML, every editor-written string escaped.
 * Links are shown exactly as the body stores them, with the address visible beside the name,
 * so an editor sees where each organization link goes. No scripts: the page is static.
 */
import { createHash } from 'node:crypto';

/** Text of a stored value: strings, numbers and booleans as written; anything else (none is expected) as nothing, never "[object Object]". */
const textOf = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' ? String(value) : '';

export const escapeHtml = (value: unknown): string => textOf(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Addresses a link may carry (the same rule the body validation applies): never javascript: or data:. */
const SAFE_LINK = /^(?:https?:\/\/|mailto:|tel:|\/(?!\/)|#|\?)/i;

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);
const childrenOf = (node: Node): Node[] => (Array.isArray(node.children) ? node.children.filter(isNode) : []);

const text = (node: Node): string => {
  let html = escapeHtml(typeof node.text === 'string' ? node.text : '').replace(/\n/g, '<br>');
  if (node.code === true) html = `<code>${html}</code>`;
  if (node.bold === true) html = `<strong>${html}</strong>`;
  if (node.italic === true) html = `<em>${html}</em>`;
  if (node.underline === true) html = `<u>${html}</u>`;
  if (node.strikethrough === true) html = `<s>${html}</s>`;
  return html;
};

const link = (node: Node): string => {
  const url = typeof node.url === 'string' ? node.url : '';
  const inner = childrenOf(node).map(text).join('');
  const address = `<span class="href">${escapeHtml(url)}</span>`;
  // A stored address that is not safe is shown, never made clickable.
  if (!SAFE_LINK.test(url)) return `<span class="link unsafe">${inner}</span> ${address}`;
  return `<a href="${escapeHtml(url)}" title="${escapeHtml(url)}">${inner}</a> ${address}`;
};

const inline = (nodes: Node[]): string => nodes.map((node) => (node.type === 'link' ? link(node) : text(node))).join('');

const list = (node: Node): string => {
  const tag = node.format === 'ordered' ? 'ol' : 'ul';
  const items = childrenOf(node)
    .map((child) => (child.type === 'list' ? `<li class="nested">${list(child)}</li>` : `<li>${inline(childrenOf(child))}</li>`))
    .join('');
  return `<${tag}>${items}</${tag}>`;
};

const image = (node: Node): string => {
  const data = isNode(node.image) ? node.image : {};
  const url = typeof data.url === 'string' ? data.url : '';
  const alt = typeof data.alternativeText === 'string' ? data.alternativeText : '';
  const caption = typeof data.caption === 'string' && data.caption ? `<figcaption>${escapeHtml(data.caption)}</figcaption>` : '';
  const img = SAFE_LINK.test(url) ? `<img src="${escapeHtml(url)}" alt="${escapeHtml(alt)}">` : `<span class="unsafe">${escapeHtml(url)}</span>`;
  return `<figure>${img}${caption}</figure>`;
};

const block = (node: Node): string => {
  switch (node.type) {
    case 'paragraph':
      return `<p>${inline(childrenOf(node))}</p>`;
    case 'heading': {
      const level = typeof node.level === 'number' && Number.isInteger(node.level) && node.level >= 1 && node.level <= 6 ? node.level : 2;
      return `<h${level}>${inline(childrenOf(node))}</h${level}>`;
    }
    case 'quote':
      return `<blockquote>${inline(childrenOf(node))}</blockquote>`;
    case 'code':
      return `<pre><code>${childrenOf(node)
        .map((child) => escapeHtml(child.text))
        .join('')}</code></pre>`;
    case 'list':
      return list(node);
    case 'image':
      return image(node);
    default:
      // An unknown block keeps its text, so nothing an editor wrote disappears from the preview.
      return `<p class="unknown">${inline(childrenOf(node))}</p>`;
  }
};

export const blocksToHtml = (blocks: unknown): string => (Array.isArray(blocks) ? blocks.filter(isNode).map(block).join('\n') : '');

export type PreviewLanguage = 'en' | 'zh-Hans';

export const LABELS: Record<PreviewLanguage, Record<'banner' | 'draft' | 'published' | 'by' | 'noAuthor' | 'organizations' | 'noOrganizations' | 'noDate' | 'linkNote', string>> = {
  en: {
    banner: 'Preview',
    draft: 'draft, not published',
    published: 'published version',
    by: 'By',
    noAuthor: 'No author',
    organizations: 'Organizations named',
    noOrganizations: 'None',
    noDate: 'No date',
    linkNote: 'Each link is followed by its address.',
  },
  'zh-Hans': {
    banner: '预览',
    draft: '草稿，未发布',
    published: '已发布版本',
    by: '作者',
    noAuthor: '无作者',
    organizations: '文中提及的机构',
    noOrganizations: '无',
    noDate: '无日期',
    linkNote: '每个链接后附有其地址。',
  },
};

/** The page's labels follow the article's locale: the preview shows what that locale's readers see. */
export const languageOf = (locale: string): PreviewLanguage => (locale.toLowerCase().startsWith('zh') ? 'zh-Hans' : 'en');

export interface PreviewArticle {
  title: unknown;
  date: unknown;
  locale: string;
  status: 'draft' | 'published';
  author?: { name?: unknown } | null;
  body: unknown;
  mentionedOrganizations?: { name?: unknown; acronym?: unknown }[] | null;
}

const formatDate = (date: unknown, language: PreviewLanguage): string | undefined => {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return undefined;
  return new Intl.DateTimeFormat(language === 'zh-Hans' ? 'zh-Hans-CN' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(parsed);
};

export const STYLE = [
  'body{font:16px/1.6 system-ui,sans-serif;max-width:42rem;margin:0 auto;padding:1rem;color:#222}',
  '.banner{background:#fff4d6;border:1px solid #e0b84f;padding:.4rem .8rem;border-radius:4px;font-size:.9rem}',
  '.meta{color:#555}',
  '.href{font:.75rem/1 ui-monospace,monospace;color:#666;background:#f3f3f3;padding:0 .25rem;border-radius:3px}',
  '.unsafe{color:#a00}',
  'img{max-width:100%}',
  'blockquote{border-left:3px solid #ccc;margin-left:0;padding-left:1rem}',
].join('');

/** The CSP hash of the page's only style element: styles without 'unsafe-inline'. */
export const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/** No script may run, nothing may be loaded but this style and images, the page posts nowhere. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${STYLE_HASH}`,
  "img-src 'self' https:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

export const renderPreviewPage = (article: PreviewArticle): string => {
  const language = languageOf(article.locale);
  const labels = LABELS[language];
  const date = formatDate(article.date, language);
  const authorName = article.author && typeof article.author.name === 'string' && article.author.name ? article.author.name : undefined;
  const organizations = (article.mentionedOrganizations ?? []).filter((organization) => typeof organization?.name === 'string');
  const organizationItems = organizations
    .map((organization) => {
      const acronym = typeof organization.acronym === 'string' && organization.acronym ? ` (${escapeHtml(organization.acronym)})` : '';
      return `<li>${escapeHtml(organization.name)}${acronym}</li>`;
    })
    .join('');
  return [
    '<!doctype html>',
    `<html lang="${language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="robots" content="noindex, nofollow">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(labels.banner)}: ${escapeHtml(article.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<p class="banner">${escapeHtml(labels.banner)} — ${escapeHtml(article.status === 'draft' ? labels.draft : labels.published)} · ${escapeHtml(labels.linkNote)}</p>`,
    '<article>',
    `<h1>${escapeHtml(article.title)}</h1>`,
    `<p class="meta">${date ? `<time datetime="${escapeHtml(article.date)}">${escapeHtml(date)}</time>` : escapeHtml(labels.noDate)} · ${
      authorName ? `${escapeHtml(labels.by)} <span class="author">${escapeHtml(authorName)}</span>` : escapeHtml(labels.noAuthor)
    }</p>`,
    `<div class="body">${blocksToHtml(article.body)}</div>`,
    '</article>',
    '<section class="organizations">',
    `<h2>${escapeHtml(labels.organizations)}</h2>`,
    organizations.length > 0 ? `<ul>${organizationItems}</ul>` : `<p>${escapeHtml(labels.noOrganizations)}</p>`,
    '</section>',
    '</body>',
    '</html>',
  ].join('\n');
};
