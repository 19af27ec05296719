/**
 * The linking pipeline shared by every format: detect over the model's
 * containers, decide, reconcile. Formats build the model and apply the plan.
 */
import { type Detected, type TextRange, detectInRanges } from './detect';
import type { Directory } from './directory';
import type { DocumentModel } from './document';
import type { ResolvedLinkOptions } from './link-options';
import { type Decision, type DesiredLink, decideLinks } from './links';
import { type Reconciliation, reconcileLinks } from './reconcile';
import type { Ambiguity, MentionDecision, PossibleMention } from './types';

export interface LinkPlan {
  readonly detected: Detected[];
  readonly decisions: Decision[];
  readonly desired: DesiredLink[];
  readonly reconciliation: Reconciliation;
}

export function planLinks(directory: Directory, model: DocumentModel, options: ResolvedLinkOptions): LinkPlan {
  const detected = detectInRanges(directory, model.text, model.containers, options.resolutions);
  const { decisions, desired } = decideLinks(directory, model, detected, options);
  const reconciliation = reconcileLinks(directory, model, desired);
  return { detected, decisions, desired, reconciliation };
}

/** Public mention decisions and ambiguities, with offsets mapped by `offset` and texts by `textOf`. */
export function reportPlan(
  directory: Directory,
  plan: LinkPlan,
  offset: (range: TextRange) => TextRange,
  textOf: (range: TextRange) => string
): { mentions: MentionDecision[]; ambiguous: Ambiguity[]; possible: PossibleMention[] } {
  const mentions: MentionDecision[] = plan.decisions.map((d) => {
    const e = d.detected.entry;
    const { start, end } = offset(d.detected);
    const out: MentionDecision = {
      id: directory.id(e),
      name: directory.name(e),
      slug: directory.slug(e),
      start,
      end,
      text: textOf(d.detected),
      linked: d.linked,
    };
    if (d.reason !== undefined) out.reason = d.reason;
    return out;
  });
  const possible: PossibleMention[] = [];
  for (const d of plan.detected) {
    if (d.possible === undefined) continue;
    const e = d.entry;
    const { start, end } = offset(d);
    possible.push({ id: directory.id(e), name: directory.name(e), slug: directory.slug(e), start, end, text: textOf(d), reason: d.possible });
  }
  const ambiguous: Ambiguity[] = plan.detected
    .filter((d) => d.entry < 0)
    .map((d) => {
      const { start, end } = offset(d);
      return { start, end, text: textOf(d), candidates: d.candidates.map((c) => directory.ref(c)) };
    });
  return { mentions, ambiguous, possible };
}
