/**
 * Strapi 5 blocks: the zod schema (the single source of the Block types),
 * validation with a JSON path, and the visible text.
 *
 * Nodes are loose objects: keys the schema does not know are kept as they
 * are (Strapi's image objects carry many), never dropped.
 */
import { z } from 'zod';
import { BlocksValidationError } from './errors';

const mark = z.boolean().optional();

export const textNodeSchema = z.looseObject({
  type: z.literal('text'),
  text: z.string(),
  bold: mark,
  italic: mark,
  underline: mark,
  strikethrough: mark,
  code: mark,
});

/** Link addresses an editor may write: the web, mail, phone, or within the site. Never javascript: or data:. */
export const SAFE_LINK = /^(?:https?:\/\/|mailto:|tel:|\/(?!\/)|#|\?)/i;

export const linkNodeSchema = z.looseObject({
  type: z.literal('link'),
  url: z.string().refine((url) => SAFE_LINK.test(url), { error: 'must be an http(s), mailto or tel address, or a path of this site' }),
  rel: z.string().nullish(),
  target: z.string().nullish(),
  children: z.array(textNodeSchema),
});

export const inlineNodeSchema = z.discriminatedUnion('type', [textNodeSchema, linkNodeSchema], {
  error: 'inline node must be a text or link node',
});

export const paragraphBlockSchema = z.looseObject({
  type: z.literal('paragraph'),
  children: z.array(inlineNodeSchema).min(1, 'must have at least one child'),
});

export const headingBlockSchema = z.looseObject({
  type: z.literal('heading'),
  level: z.literal([1, 2, 3, 4, 5, 6], { error: 'heading level must be 1 to 6' }),
  children: z.array(inlineNodeSchema).min(1, 'must have at least one child'),
});

export const quoteBlockSchema = z.looseObject({
  type: z.literal('quote'),
  children: z.array(inlineNodeSchema).min(1, 'must have at least one child'),
});

export const codeBlockSchema = z.looseObject({
  type: z.literal('code'),
  language: z.string().nullish(),
  children: z.array(textNodeSchema).min(1, 'must have at least one child'),
});

export const imageBlockSchema = z.looseObject({
  type: z.literal('image'),
  image: z.looseObject({
    url: z.string(),
    alternativeText: z.string().nullish(),
    caption: z.string().nullish(),
  }),
  children: z.array(inlineNodeSchema),
});

export const listItemBlockSchema = z.looseObject({
  type: z.literal('list-item'),
  children: z.array(inlineNodeSchema),
});

export const listBlockSchema = z.looseObject({
  type: z.literal('list'),
  format: z.enum(['ordered', 'unordered']),
  indentLevel: z.number().int().min(0).optional(),
  get children(): z.ZodArray<z.ZodDiscriminatedUnion<[typeof listItemBlockSchema, typeof listBlockSchema]>> {
    return z
      .array(z.discriminatedUnion('type', [listItemBlockSchema, listBlockSchema], { error: 'list child must be a list-item or list' }))
      .min(1, 'must have at least one child');
  },
});

export const blockSchema = z.discriminatedUnion('type', [paragraphBlockSchema, headingBlockSchema, quoteBlockSchema, codeBlockSchema, imageBlockSchema, listBlockSchema], {
  error: 'block must be paragraph, heading, quote, code, image or list',
});

export const blocksSchema = z.array(blockSchema, { error: 'blocks must be an array' });

export type TextNode = z.infer<typeof textNodeSchema>;
export type LinkNode = z.infer<typeof linkNodeSchema>;
export type InlineNode = z.infer<typeof inlineNodeSchema>;
export type ParagraphBlock = z.infer<typeof paragraphBlockSchema>;
export type HeadingBlock = z.infer<typeof headingBlockSchema>;
export type QuoteBlock = z.infer<typeof quoteBlockSchema>;
export type CodeBlock = z.infer<typeof codeBlockSchema>;
export type ImageBlock = z.infer<typeof imageBlockSchema>;
export type ListItemBlock = z.infer<typeof listItemBlockSchema>;
export type ListBlock = z.infer<typeof listBlockSchema>;
export type Block = z.infer<typeof blockSchema>;

function keys(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((p) => (typeof p === 'number' ? p : String(p)));
}

/** Deeper nesting is refused before the (recursive) schema walks it. */
export const MAX_NESTING = 32;

/** The path of the first node nested deeper than MAX_NESTING, found without recursion. */
function tooDeep(value: unknown): (string | number)[] | null {
  const stack: { node: unknown; path: (string | number)[] }[] = [{ node: value, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (path.length > 2 * MAX_NESTING) return path;
    const children = Array.isArray(node) ? node : node && typeof node === 'object' ? (node as { children?: unknown }).children : undefined;
    if (!Array.isArray(children)) continue;
    children.forEach((child, index) => stack.push({ node: child, path: Array.isArray(node) ? [...path, index] : [...path, 'children', index] }));
  }
  return null;
}

/** Validate a Strapi 5 blocks value; throws BlocksValidationError naming where and what. */
export function validateBlocks(value: unknown): Block[] {
  const deep = tooDeep(value);
  if (deep) throw new BlocksValidationError(deep, `nested more than ${MAX_NESTING} levels deep`);
  const parsed = blocksSchema.safeParse(value);
  if (parsed.success) return value as Block[];
  // Every union here is discriminated by `type`: a known type reports the problem inside its
  // branch, with the full path; an unknown one is an invalid_union at the node itself.
  const issue = parsed.error.issues[0];
  throw new BlocksValidationError(keys(issue.path), issue.message);
}

/** Container separator between blocks (and between the image's alt text and caption). */
export const BLOCK_SEPARATOR = '\n\n';
/** Separator between list items. */
export const ITEM_SEPARATOR = '\n';

function inlineText(children: readonly InlineNode[]): string {
  let out = '';
  for (const node of children) {
    if (node.type === 'text') out += node.text;
    else for (const child of node.children) out += child.text;
  }
  return out;
}

function listText(list: ListBlock): string {
  return list.children.map((child) => (child.type === 'list' ? listText(child) : inlineText(child.children))).join(ITEM_SEPARATOR);
}

/** Text parts of an image block: its alternative text and caption, when present. */
export function imageTexts(block: ImageBlock): string[] {
  const out: string[] = [];
  if (block.image.alternativeText) out.push(block.image.alternativeText);
  if (block.image.caption) out.push(block.image.caption);
  return out;
}

function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
    case 'quote':
      return inlineText(block.children);
    case 'code':
      return block.children.map((c) => c.text).join('');
    case 'image':
      return imageTexts(block).join(BLOCK_SEPARATOR);
    case 'list':
      return listText(block);
  }
}

/**
 * The text of a blocks document, which detection offsets for blocks refer
 * to: blocks joined with "\n\n", list items with "\n", links by their text,
 * code included; an image contributes its alternative text and caption.
 */
export function blocksToText(blocks: readonly Block[]): string {
  return blocks.map(blockText).join(BLOCK_SEPARATOR);
}
