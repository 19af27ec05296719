/**
 * org-linker core: finds the organizations an article names and links them.
 * Plain data in, plain data out; nothing here knows about Strapi.
 */
export { type Automaton, buildAutomaton } from './build';
export {
  type Block,
  type CodeBlock,
  type HeadingBlock,
  type ImageBlock,
  type InlineNode,
  type LinkNode,
  type ListBlock,
  type ListItemBlock,
  type ParagraphBlock,
  type QuoteBlock,
  type TextNode,
  blockSchema,
  blocksSchema,
  blocksToText,
  inlineNodeSchema,
  validateBlocks,
} from './blocks';
export { type DetectOptions, type Resolution, detect } from './detect';
export { detectBlocks, detectMarkdown } from './detect-formats';
export {
  ACRONYM_ALONE,
  type AcronymAlone,
  Directory,
  type DirectoryEntry,
  type EntryId,
  type EntryRef,
  buildDirectory,
  directoryEntrySchema,
  directoryInputSchema,
} from './directory';
export { BlocksValidationError, DirectoryEntryError, LinkOptionsError, OrgLinkerError, UrlTemplateError } from './errors';
export { surfaceForms } from './forms';
export { linkBlocks } from './link-blocks';
export { linkMarkdown } from './link-markdown';
export { type LinkOptions, linkOptionsSchema } from './link-options';
export { markdownToText } from './markdown';
export { foldForSearch, normalizeForm, normalizeText } from './normalize';
export { type Suggestion, suggestUnknownOrganizations } from './suggest';
export { textToBlocks } from './text-to-blocks';
export type { Ambiguity, DetectResult, LinkChange, LinkChanges, LinkResult, Mention, MentionDecision, NotLinkedReason, PossibleMention, PossibleReason } from './types';
export { DEFAULT_URL_TEMPLATE, validateUrlTemplate } from './url-template';
