/** Small readers and builders of Strapi blocks for tests: which links a body carries. */
import type { Schema } from '@strapi/strapi';

type StrapiBlock = Schema.Attribute.BlocksValue[number];

interface Node {
  type: string;
  text?: string;
  url?: string;
  children?: Node[];
}

export interface FoundLink {
  url: string;
  text: string;
}

const textOf = (node: Node): string => (node.type === 'text' ? (node.text ?? '') : (node.children ?? []).map(textOf).join(''));

export const linksIn = (blocks: unknown): FoundLink[] => {
  const found: FoundLink[] = [];
  const walk = (node: Node) => {
    if (node.type === 'link') found.push({ url: node.url ?? '', text: textOf(node) });
    for (const child of node.children ?? []) walk(child);
  };
  for (const block of (blocks as Node[]) ?? []) walk(block);
  return found;
};

/** Number of links to each URL. */
export const linkCounts = (blocks: unknown): Record<string, number> =>
  linksIn(blocks).reduce<Record<string, number>>((counts, link) => ({ ...counts, [link.url]: (counts[link.url] ?? 0) + 1 }), {});

/** A paragraph; parts are text, or inline nodes (also invalid ones, for tests of refusals). */
export const paragraph = (...parts: (string | Record<string, unknown>)[]): StrapiBlock =>
  ({ type: 'paragraph', children: parts.map((part) => (typeof part === 'string' ? { type: 'text', text: part } : part)) }) as unknown as StrapiBlock;

export const plainText = (blocks: unknown): string => ((blocks as Node[]) ?? []).map(textOf).join('\n\n');
