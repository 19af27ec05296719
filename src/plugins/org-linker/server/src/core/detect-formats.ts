/**
 * Detection in blocks and markdown (what the CLI's scan and an editor panel
 * use): the same scan as linking, over the document model's containers, so a
 * name never runs from one block into the next. Blocks offsets refer to
 * blocksToText(blocks); markdown offsets to the source.
 */
import { validateBlocks } from './blocks';
import { detectInRanges, toDetectResult, type DetectOptions } from './detect';
import type { Directory } from './directory';
import { blocksModel } from './link-blocks';
import { markdownModel, parseMarkdown } from './markdown';
import type { DetectResult } from './types';
import { urlPattern } from './url-template';

export function detectBlocks(directory: Directory, blocks: unknown, options: DetectOptions = {}): DetectResult {
  const { model } = blocksModel(validateBlocks(blocks), [urlPattern()]);
  const detected = detectInRanges(directory, model.text, model.containers, options.resolutions);
  return toDetectResult(directory, detected, (d) => model.text.slice(d.start, d.end));
}

export function detectMarkdown(directory: Directory, source: string, options: DetectOptions = {}): DetectResult {
  const mm = markdownModel(source, parseMarkdown(source), [urlPattern()]);
  const detected = detectInRanges(directory, mm.model.text, mm.model.containers, options.resolutions);
  const offset = (d: { start: number; end: number }) => ({ start: mm.sourceStart[d.start], end: mm.sourceEnd[d.end - 1] });
  return toDetectResult(directory, detected, (d) => source.slice(offset(d).start, offset(d).end), offset);
}
