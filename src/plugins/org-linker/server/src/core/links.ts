/**
 * Link decisions: which mentions become links and, for the others, why not.
 * Works on the format-neutral document model.
 */
import type { Detected } from './detect';
import type { Directory } from './directory';
import { type Container, type DocumentModel, containerAt } from './document';
import type { ResolvedLinkOptions } from './link-options';
import type { NotLinkedReason } from './types';
import { renderUrl } from './url-template';

export interface Decision {
  readonly detected: Detected;
  readonly container: number;
  readonly linked: boolean;
  readonly reason?: NotLinkedReason;
}

/** A link that should exist, in model offsets. */
export interface DesiredLink {
  readonly start: number;
  readonly end: number;
  readonly entry: number;
  readonly url: string;
  readonly container: number;
}

/** Why no link may cover [start, end) of this container, if anything prevents it. */
export function locationReason(container: Container, start: number, end: number, linkInHeadings: boolean): NotLinkedReason | undefined {
  if (container.role === 'never') return 'not-linkable-here';
  if (container.role === 'heading' && !linkInHeadings) return 'in-heading';
  let group = Number.NaN;
  let crosses = false;
  let unlinkable = false;
  for (const p of container.pieces) {
    if (p.end <= start || p.start >= end) continue;
    if (p.kind === 'foreign-link') return 'inside-link';
    if (p.kind === 'code' || p.kind === 'other') unlinkable = true;
    if (Number.isNaN(group)) group = p.group;
    else if (p.group !== group) crosses = true;
  }
  if (unlinkable) return 'not-linkable-here';
  if (crosses) return 'crosses-formatting';
  return undefined;
}

/**
 * Decide every resolved mention in reading order. Reasons are checked in
 * this order: article-autolink-off, ignored, opted-out, where it is
 * (not-linkable-here, in-heading, inside-link, crosses-formatting),
 * linked-by-editor, not-first, link-limit. "First" means the first mention
 * that could be linked: a mention in a heading does not use up an
 * organization's link. In first-mention mode an organization the editor
 * linked themselves (a mention inside their link, anywhere in the article)
 * counts as linked: the engine adds no second link to it.
 */
export function decideLinks(
  directory: Directory,
  model: DocumentModel,
  detected: readonly Detected[],
  options: ResolvedLinkOptions
): { decisions: Decision[]; desired: DesiredLink[] } {
  const decisions: Decision[] = [];
  const desired: DesiredLink[] = [];
  const linked = new Set<number>();
  const located: { d: Detected; ci: number; reason: NotLinkedReason | undefined }[] = [];
  const editorLinked = new Set<number>();
  for (const d of detected) {
    if (d.entry < 0 || d.possible !== undefined) continue; // ambiguous, or an unconfirmed acronym
    const e = d.entry;
    const ci = containerAt(model, d.start);
    let reason: NotLinkedReason | undefined;
    if (!options.autolink) reason = 'article-autolink-off';
    else if (options.ignored.has(String(directory.id(e)))) reason = 'ignored';
    else if (!directory.autolink(e)) reason = 'opted-out';
    else if (ci < 0) reason = 'not-linkable-here';
    else reason = locationReason(model.containers[ci], d.start, d.end, options.linkInHeadings);
    if (reason === 'inside-link') editorLinked.add(e);
    located.push({ d, ci, reason });
  }
  for (const { d, ci, reason: where } of located) {
    const e = d.entry;
    let reason = where;
    if (reason === undefined && options.mode === 'first' && editorLinked.has(e)) reason = 'linked-by-editor';
    if (reason === undefined && options.mode === 'first' && linked.has(e)) reason = 'not-first';
    if (reason === undefined && desired.length >= options.maxLinks) reason = 'link-limit';
    if (reason === undefined) {
      linked.add(e);
      desired.push({ start: d.start, end: d.end, entry: e, url: renderUrl(options.pattern, directory.slug(e)), container: ci });
      decisions.push({ detected: d, container: ci, linked: true });
    } else {
      decisions.push({ detected: d, container: ci, linked: false, reason });
    }
  }
  return { decisions, desired };
}
