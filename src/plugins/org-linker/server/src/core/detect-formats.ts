/**
 * Detection in blocks and markdown (what the CLI's scan and an editor panel
 * use): the same scan as linking, over the document model's containers, so a
 * name never runs from one block into the next. Blocks offsets refer to
 * blocksToText(blocks); markdown offsets to the source.
 */
import { validateBlocks } from './blocks';
import { detectResultInRanges, type DetectOptions } from './detect';
import type { Directory } from './directory';
import { blocksModel } from './link-blocks';
import { markdownModel, parseMarkdown } from './markdown';
import type { DetectResult } from './types';
import { urlPattern } from './url-template';

export function detectBlocks(directory: Directory, blocks: unknown, options: DetectOptions = {}): DetectResult {
  const { model } = blocksModel(validateBlocks(blocks), [urlPattern()]);
  return detectResultInRanges(directory, model.text, model.containers, options.resolutions);
}

export function detectMarkdown(directory: Directory, source: string, options: DetectOptions = {}): DetectResult {
  const mm = markdownModel(source, parseMarkdown(source), [urlPattern()]);
  const offset = (d: { start: number; end: number }) => ({ start: mm.sourceStart[d.start], end: mm.sourceEnd[d.end - 1] });
  return detectResultInRanges(directory, mm.model.text, mm.model.containers, options.resolutions, source, offset);
}
