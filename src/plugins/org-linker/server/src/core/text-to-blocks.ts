/**
 * Plain text to Strapi blocks: one paragraph per block of lines separated by
 * blank lines. Line breaks inside a paragraph stay "\n" in its text node (a
 * soft line break, as Strapi's editor stores Shift+Enter); CRLF becomes LF;
 * blank paragraphs are dropped, and each paragraph is trimmed of leading and
 * trailing blank space at its ends.
 */
import type { Block } from './blocks';

// A line break, then only spaces or tabs, then another line break: a blank line.
const BLANK_LINE = /\n[ \t]*\n/;

export function textToBlocks(text: string): Block[] {
  const normalized = text.replace(/\r\n?/g, '\n');
  const blocks: Block[] = [];
  for (const part of normalized.split(BLANK_LINE)) {
    const trimmed = part.replace(/^\s+|\s+$/g, '');
    if (trimmed.length === 0) continue;
    blocks.push({ type: 'paragraph', children: [{ type: 'text', text: trimmed }] });
  }
  return blocks;
}
