/**
 * Linking in markdown: `[text](url)` is spliced into the ORIGINAL source, so
 * everything the engine does not link stays byte-identical. Code, existing
 * links and references, definitions, images, autolinks and HTML are never
 * touched. A mention must lie in one run of plain text (sibling text nodes and
 * engine links); one that spans emphasis or other markup is reported with
 * reason 'crosses-formatting' rather than linked.
 *
 * Every rewrite is checked by parsing the result: same visible text, exactly
 * the intended engine links, editor links unchanged. A link that would break
 * that (e.g. emphasis delimiters that stop flanking next to "[") is not made
 * and is reported 'not-linkable-here'.
 */
import type { Directory } from './directory';
import { type LinkOptions, type ResolvedLinkOptions, resolveLinkOptions } from './link-options';
import { type LinkPlan, planLinks, reportPlan } from './link-plan';
import type { DesiredLink } from './links';
import { type MarkdownModel, type Run, type RunText, escapeLinkTextChar, markdownDestination, markdownModel, parseMarkdown } from './markdown';
import type { LinkAction } from './reconcile';
import type { LinkChanges, LinkResult } from './types';

/** Regenerate the source of one run with links added, retargeted or unwrapped. */
function rewriteRun(source: string, run: Run, adds: readonly DesiredLink[], actions: readonly LinkAction[]): string {
  // Output in parts, with its last character and trailing backslashes tracked
  // as it grows: reading the end of a growing string flattens it every time
  // (quadratic on one long paragraph).
  const parts: string[] = [];
  let last = '';
  let trailing = 0; // backslashes at the end of the output
  let beforeLast = 0; // backslashes just before its last character
  /** Backslashes ending s[0, end), continuing into what was emitted before s if s has only those. */
  const backslashesBefore = (s: string, end: number, previous: number): number => {
    let b = 0;
    while (b < end && s.charCodeAt(end - 1 - b) === 0x5c) b++;
    return b === end ? previous + b : b;
  };
  const emit = (s: string): void => {
    if (s.length === 0) return;
    parts.push(s);
    last = s[s.length - 1];
    beforeLast = backslashesBefore(s, s.length - 1, trailing);
    trailing = backslashesBefore(s, s.length, trailing);
  };
  let cursor = run.sourceStart;
  let next = 0;
  let open: DesiredLink | null = null;

  const text = (rt: RunText): void => {
    const { starts, ends } = rt.map;
    const value = rt.node.value;
    for (let k = 0; k < value.length; k++) {
      const m = rt.modelStart + k;
      const sameSpan = k > 0 && starts[k] === starts[k - 1]; // second unit of an entity
      if (open === null && adds[next]?.start === m) {
        emit(source.slice(cursor, starts[k]));
        cursor = starts[k];
        // "![" would start an image: escape a literal (unescaped) "!" just before the link.
        if (last === '!' && beforeLast % 2 === 0) {
          const p = parts.length - 1;
          parts[p] = `${parts[p].slice(0, -1)}\\!`;
          beforeLast = 1;
        }
        emit('[');
        open = adds[next++];
      }
      if (open !== null && !sameSpan) {
        emit(source.slice(cursor, starts[k])); // line prefixes inside the link text stay as they are
        const span = source.slice(starts[k], ends[k]);
        emit(span.length > 1 ? span : escapeLinkTextChar(value[k]));
        cursor = ends[k];
      }
      if (open !== null && m + 1 === open.end) {
        emit(`](${markdownDestination(open.url)})`);
        open = null;
      }
    }
  };

  for (const unit of run.units) {
    if (unit.kind === 'text') {
      text(unit.text);
      continue;
    }
    const [linkStart, linkEnd] = [unit.node.position?.start.offset ?? 0, unit.node.position?.end.offset ?? 0];
    const action = actions[unit.link];
    if (action.kind === 'dissolve') {
      // Drop "[" and "](url)", keep the text (and its escapes) as it is.
      emit(source.slice(cursor, linkStart));
      cursor = unit.children[0].node.position?.start.offset ?? linkStart + 1;
      for (const child of unit.children) text(child);
      const lastEnd = unit.children[unit.children.length - 1].map.end;
      emit(source.slice(cursor, lastEnd));
      cursor = linkEnd;
      continue;
    }
    emit(source.slice(cursor, linkStart));
    if (action.kind === 'keep') emit(source.slice(linkStart, linkEnd));
    else {
      const innerStart = unit.children[0].node.position?.start.offset ?? linkStart + 1;
      const innerEnd = unit.children[unit.children.length - 1].map.end;
      emit(`[${source.slice(innerStart, innerEnd)}](${markdownDestination(action.url)})`);
    }
    cursor = linkEnd;
  }
  emit(source.slice(cursor, run.sourceEnd));
  return parts.join('');
}

/** The run (sorted by model start, disjoint) holding [start, end), by binary search. */
function runContaining(runs: readonly Run[], start: number, end: number): Run | undefined {
  let lo = 0;
  let hi = runs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const r = runs[mid];
    if (start < r.modelStart) hi = mid - 1;
    else if (start >= r.modelEnd) lo = mid + 1;
    else return end <= r.modelEnd ? r : undefined;
  }
  return undefined;
}

/** Apply retargets/unwraps and the given new links to the source. */
export function applyPlan(source: string, mm: MarkdownModel, actions: readonly LinkAction[], adds: readonly DesiredLink[]): string {
  const addsByRun = new Map<Run, DesiredLink[]>();
  const runList = [...mm.runs.values()].sort((a, b) => a.modelStart - b.modelStart);
  for (const add of adds) {
    const run = runContaining(runList, add.start, add.end);
    if (run === undefined) continue;
    const list = addsByRun.get(run);
    if (list) list.push(add);
    else addsByRun.set(run, [add]);
  }
  const touched = runList.filter((run) => addsByRun.has(run) || run.units.some((u) => u.kind === 'engine' && actions[u.link].kind !== 'keep'));
  touched.sort((a, b) => a.sourceStart - b.sourceStart);
  const out: string[] = [];
  let cursor = 0;
  for (const run of touched) {
    out.push(source.slice(cursor, run.sourceStart), rewriteRun(source, run, addsByRun.get(run) ?? [], actions));
    cursor = run.sourceEnd;
  }
  out.push(source.slice(cursor));
  return out.join('');
}

/**
 * Does `output` read the same as the input, with exactly the expected engine links? The backstop
 * of every rewrite; exported for its own tests, since no rewrite found so far reaches its later checks.
 */
export function verify(output: string, mm: MarkdownModel, options: ResolvedLinkOptions, expected: readonly { start: number; end: number; url: string }[]): boolean {
  const after = markdownModel(output, parseMarkdown(output), options.patterns);
  if (after.model.text !== mm.model.text) return false;
  if (after.foreignLinks.length !== mm.foreignLinks.length) return false;
  for (let i = 0; i < mm.foreignLinks.length; i++) if (after.foreignLinks[i].url !== mm.foreignLinks[i].url) return false;
  const got = after.model.links.map((l) => `${l.start}:${l.end}:${l.url}`).sort();
  const want = expected.map((l) => `${l.start}:${l.end}:${l.url}`).sort();
  return got.length === want.length && got.every((g, i) => g === want[i]);
}

interface Applied {
  output: string;
  /** New links that could not be made safely. */
  rejected: Set<DesiredLink>;
  /** False when the retargets and unwraps alone do not survive parsing: nothing was changed. */
  reconciled: boolean;
}

function applyVerified(source: string, mm: MarkdownModel, plan: LinkPlan, options: ResolvedLinkOptions): Applied {
  const { actions, added } = plan.reconciliation;
  const kept = mm.model.links
    .map((link, i) => ({ link, action: actions[i] }))
    .filter(({ action }) => action.kind !== 'dissolve')
    .map(({ link, action }) => ({ start: link.start, end: link.end, url: action.kind === 'retarget' ? action.url : link.url }));
  const all = applyPlan(source, mm, actions, added);
  if (verify(all, mm, options, [...kept, ...added])) return { output: all, rejected: new Set(), reconciled: true };
  // Something does not survive parsing: find the links that do not, by
  // halves (a few parses per bad link, not one per link: each parse reads
  // the whole document). Links are accepted in order, as one at a time would.
  const rejected = new Set<DesiredLink>(added);
  const accepted: DesiredLink[] = [];
  let output = applyPlan(source, mm, actions, []);
  if (!verify(output, mm, options, kept)) return { output: source, rejected, reconciled: false };
  const tryAdd = (group: readonly DesiredLink[]): void => {
    if (group.length === 0) return;
    const attempt = applyPlan(source, mm, actions, [...accepted, ...group]);
    if (verify(attempt, mm, options, [...kept, ...accepted, ...group])) {
      for (const add of group) {
        accepted.push(add);
        rejected.delete(add);
      }
      output = attempt;
      return;
    }
    if (group.length === 1) return;
    const half = group.length >>> 1;
    tryAdd(group.slice(0, half));
    tryAdd(group.slice(half));
  };
  const half = added.length >>> 1;
  tryAdd(added.slice(0, half));
  tryAdd(added.slice(half));
  return { output, rejected, reconciled: true };
}

/**
 * Link the organizations a markdown source names. Offsets in the result
 * refer to the source. Linking again changes nothing.
 */
export function linkMarkdown(directory: Directory, source: string, options?: LinkOptions): LinkResult<string> {
  const opts = resolveLinkOptions(options);
  const mm = markdownModel(source, parseMarkdown(source), opts.patterns);
  const plan = planLinks(directory, mm.model, opts);
  let output = source;
  let links: LinkChanges = plan.reconciliation.changes;
  let rejected = new Set<DesiredLink>();
  if (plan.reconciliation.changed) {
    const applied = applyVerified(source, mm, plan, opts);
    output = applied.output;
    rejected = applied.rejected;
    // Nothing was written: no retarget, unwrap or new link to report.
    if (!applied.reconciled) links = { added: [], updated: [], removed: [] };
    // changes.added is in the same order as reconciliation.added
    else if (rejected.size > 0) links = { ...links, added: links.added.filter((_, i) => !rejected.has(plan.reconciliation.added[i])) };
  }
  const report = reportPlan(
    directory,
    plan,
    (r) => ({ start: mm.sourceStart[r.start], end: mm.sourceEnd[r.end - 1] }),
    (r) => source.slice(mm.sourceStart[r.start], mm.sourceEnd[r.end - 1])
  );
  if (rejected.size > 0) {
    const spans = new Set([...rejected].map((r) => `${mm.sourceStart[r.start]}:${mm.sourceEnd[r.end - 1]}`));
    for (const m of report.mentions) {
      if (m.linked && spans.has(`${m.start}:${m.end}`)) {
        m.linked = false;
        m.reason = 'not-linkable-here';
      }
    }
  }
  return { output, changed: output !== source, text: mm.model.text, ...report, links };
}
