/**
 * Reconciliation: compare the links that should exist with the links the
 * engine made before. Equal ones are left untouched, a changed slug rewrites
 * the URL, the rest are unwrapped; the diff is what a dry run reports. This
 * is what makes linking idempotent.
 */
import type { Directory } from './directory';
import type { DocumentModel } from './document';
import type { DesiredLink } from './links';
import type { LinkChange, LinkChanges } from './types';

export type LinkAction = { readonly kind: 'keep' } | { readonly kind: 'retarget'; readonly url: string } | { readonly kind: 'dissolve' };

export interface Reconciliation {
  /** What happens to each existing engine link (same order as model.links). */
  readonly actions: LinkAction[];
  /** Desired links that do not exist yet. */
  readonly added: DesiredLink[];
  readonly changes: LinkChanges;
  /** True when the output differs from the input. */
  readonly changed: boolean;
}

export function reconcileLinks(directory: Directory, model: DocumentModel, desired: readonly DesiredLink[]): Reconciliation {
  const existing = new Map<string, number>();
  model.links.forEach((link, i) => existing.set(`${link.start}:${link.end}`, i));
  const actions: LinkAction[] = model.links.map(() => ({ kind: 'dissolve' }));
  const added: DesiredLink[] = [];
  const changes: LinkChanges = { added: [], updated: [], removed: [] };
  const textOf = (start: number, end: number): string => model.text.slice(start, end);
  for (const want of desired) {
    const i = existing.get(`${want.start}:${want.end}`);
    const ref = { id: directory.id(want.entry), slug: directory.slug(want.entry) };
    if (i === undefined) {
      added.push(want);
      changes.added.push({ ...ref, text: textOf(want.start, want.end), url: want.url });
      continue;
    }
    const old = model.links[i];
    if (old.url === want.url) actions[i] = { kind: 'keep' };
    else {
      actions[i] = { kind: 'retarget', url: want.url };
      changes.updated.push({ ...ref, text: textOf(want.start, want.end), url: want.url, previousUrl: old.url });
    }
  }
  model.links.forEach((link, i) => {
    if (actions[i].kind !== 'dissolve') return;
    const known = directory.indexOfSlug(link.slug);
    const change: LinkChange = { slug: link.slug, text: textOf(link.start, link.end), url: link.url };
    if (known >= 0) change.id = directory.id(known);
    changes.removed.push(change);
  });
  const changed = changes.added.length + changes.updated.length + changes.removed.length > 0;
  return { actions, added, changes, changed };
}
