/**
 * Linking in Strapi blocks. The model's text is blocksToText(blocks); links
 * go only into paragraph, list-item and quote text (headings with
 * linkInHeadings), never into existing links, inline code, code blocks or
 * image texts. Only containers that change are rebuilt; the rest of the
 * document is returned as the very same objects.
 */
import { BLOCK_SEPARATOR, type Block, ITEM_SEPARATOR, type InlineNode, type LinkNode, type ListBlock, type TextNode, imageTexts, validateBlocks } from './blocks';
import type { Directory } from './directory';
import type { Container, ContainerRole, DocumentModel, ExistingLink, Piece } from './document';
import { type LinkOptions, resolveLinkOptions } from './link-options';
import { planLinks, reportPlan } from './link-plan';
import type { DesiredLink } from './links';
import type { LinkAction } from './reconcile';
import type { LinkResult } from './types';
import { type UrlPattern, engineSlugIn } from './url-template';

export interface BlocksModel {
  readonly model: DocumentModel;
  /** Engine link index of each link node met, by node identity. */
  readonly linkIndex: Map<LinkNode, number>;
}

/** Build the document model of a blocks value (its text is blocksToText). */
export function blocksModel(blocks: readonly Block[], patterns: readonly UrlPattern[]): BlocksModel {
  let text = '';
  const containers: Container[] = [];
  const links: ExistingLink[] = [];
  const linkIndex = new Map<LinkNode, number>();

  const inlineContainer = (children: readonly InlineNode[], role: ContainerRole): void => {
    const start = text.length;
    const group = containers.length;
    const pieces: Piece[] = [];
    for (const node of children) {
      if (node.type === 'text') {
        const s = text.length;
        text += node.text;
        pieces.push({ start: s, end: text.length, kind: node.code === true ? 'code' : 'text', group, link: -1 });
        continue;
      }
      // An engine link: its URL comes from a template (link children are always text).
      const slug = engineSlugIn(patterns, node.url);
      const linkStart = text.length;
      let index = -1;
      if (slug !== null) {
        index = links.length;
        linkIndex.set(node, index);
        links.push({ start: linkStart, end: linkStart, url: node.url, slug });
      }
      for (const child of node.children) {
        const s = text.length;
        text += child.text;
        const kind = slug === null ? 'foreign-link' : child.code === true ? 'code' : 'engine-link';
        pieces.push({ start: s, end: text.length, kind, group, link: index });
      }
      if (index >= 0) links[index].end = text.length;
    }
    containers.push({ start, end: text.length, role, pieces });
  };

  const plainContainer = (value: string): void => {
    const start = text.length;
    text += value;
    containers.push({ start, end: text.length, role: 'never', pieces: [{ start, end: text.length, kind: 'other', group: containers.length, link: -1 }] });
  };

  const list = (node: ListBlock): void => {
    node.children.forEach((child, i) => {
      if (i > 0) text += ITEM_SEPARATOR;
      if (child.type === 'list') list(child);
      else inlineContainer(child.children, 'body');
    });
  };

  blocks.forEach((block, i) => {
    if (i > 0) text += BLOCK_SEPARATOR;
    switch (block.type) {
      case 'paragraph':
      case 'quote':
        inlineContainer(block.children, 'body');
        break;
      case 'heading':
        inlineContainer(block.children, 'heading');
        break;
      case 'code':
        plainContainer(block.children.map((c) => c.text).join(''));
        break;
      case 'image':
        imageTexts(block).forEach((part, k) => {
          if (k > 0) text += BLOCK_SEPARATOR;
          plainContainer(part);
        });
        break;
      case 'list':
        list(block);
        break;
    }
  });
  return { model: { text, containers, links }, linkIndex };
}

/** Same keys and values apart from `text`: the two text nodes can be one. */
function sameMarks(a: TextNode, b: TextNode): boolean {
  const ka = Object.keys(a).filter((k) => k !== 'text');
  const kb = Object.keys(b).filter((k) => k !== 'text');
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (a[k] !== b[k]) return false;
  return true;
}

function mergeTexts(nodes: readonly TextNode[]): TextNode[] {
  const out: TextNode[] = [];
  for (const node of nodes) {
    if (node.text.length === 0) continue;
    const last = out[out.length - 1];
    if (last && sameMarks(last, node)) out[out.length - 1] = { ...last, text: last.text + node.text };
    else out.push(node);
  }
  return out;
}

const EMPTY_TEXT = (): TextNode => ({ type: 'text', text: '' });

/**
 * Merge adjacent text nodes with identical marks, drop empty ones, and keep
 * the shape Strapi's editor (Slate) expects: a text node, possibly empty,
 * before, between and after inline links. Link nodes are kept as they are.
 */
function normalizeInline(nodes: readonly InlineNode[]): InlineNode[] {
  const out: InlineNode[] = [];
  let run: TextNode[] = [];
  const flush = (): void => {
    const merged = mergeTexts(run);
    out.push(...(merged.length > 0 ? merged : [EMPTY_TEXT()]));
    run = [];
  };
  for (const node of nodes) {
    if (node.type === 'text') run.push(node);
    else {
      flush();
      out.push(node);
    }
  }
  flush();
  return out;
}

/** Rebuild one inline container: add links, retarget or unwrap engine links. */
function rebuildInline(
  children: readonly InlineNode[],
  start: number,
  adds: readonly DesiredLink[],
  linkIndex: Map<LinkNode, number>,
  actions: readonly LinkAction[]
): InlineNode[] {
  const out: InlineNode[] = [];
  const created: LinkNode[] = [];
  let next = 0; // next desired link to open
  let open: LinkNode | null = null;
  let openEnd = -1;
  let pos = start;

  const emitText = (node: TextNode): void => {
    const from = pos;
    const to = pos + node.text.length;
    let p = from;
    for (;;) {
      if (open !== null && p === openEnd) {
        open = null;
        continue;
      }
      const want = adds[next];
      if (open === null && want !== undefined && p === want.start && p < to) {
        open = { type: 'link', url: want.url, children: [] };
        openEnd = want.end;
        out.push(open);
        created.push(open);
        next++;
        continue;
      }
      if (p >= to) break;
      const stop = Math.min(to, open !== null ? openEnd : want !== undefined ? want.start : to);
      const piece: TextNode = { ...node, text: node.text.slice(p - from, stop - from) };
      if (open !== null) open.children.push(piece);
      else out.push(piece);
      p = stop;
    }
    pos = to;
  };

  for (const node of children) {
    if (node.type === 'text') {
      emitText(node);
      continue;
    }
    const index = linkIndex.get(node);
    const action = index === undefined ? undefined : actions[index];
    if (action?.kind === 'dissolve') {
      for (const child of node.children) emitText(child);
      continue;
    }
    if (action?.kind === 'retarget') out.push({ ...node, url: action.url });
    else out.push(node);
    for (const child of node.children) pos += child.text.length;
  }
  for (const link of created) link.children = mergeTexts(link.children);
  return normalizeInline(out);
}

/** Apply the plan: new children for changed containers, the same objects elsewhere. */
function applyToBlocks(blocks: readonly Block[], model: DocumentModel, linkIndex: Map<LinkNode, number>, actions: readonly LinkAction[], added: readonly DesiredLink[]): Block[] {
  const addsByContainer = new Map<number, DesiredLink[]>();
  for (const a of added) {
    const list = addsByContainer.get(a.container);
    if (list) list.push(a);
    else addsByContainer.set(a.container, [a]);
  }
  let container = 0;
  const rewrite = (children: InlineNode[]): InlineNode[] => {
    const c = container++;
    const adds = addsByContainer.get(c) ?? [];
    let touched = adds.length > 0;
    for (const node of children) {
      if (node.type !== 'link') continue;
      const index = linkIndex.get(node);
      if (index !== undefined && actions[index].kind !== 'keep') touched = true;
    }
    if (!touched) return children;
    return rebuildInline(children, model.containers[c].start, adds, linkIndex, actions);
  };
  const list = (node: ListBlock): ListBlock => {
    let changed = false;
    const children = node.children.map((child) => {
      if (child.type === 'list') {
        const next = list(child);
        if (next !== child) changed = true;
        return next;
      }
      const kids = rewrite(child.children);
      if (kids === child.children) return child;
      changed = true;
      return { ...child, children: kids };
    });
    return changed ? { ...node, children } : node;
  };
  return blocks.map((block): Block => {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
      case 'quote': {
        const kids = rewrite(block.children);
        return kids === block.children ? block : { ...block, children: kids };
      }
      case 'code':
        container++;
        return block;
      case 'image':
        container += imageTexts(block).length;
        return block;
      case 'list':
        return list(block);
    }
  });
}

/**
 * Link the organizations a blocks document names. Offsets in the result
 * refer to blocksToText(blocks). An input that needs no change comes back as
 * the same value (changed: false).
 */
export function linkBlocks(directory: Directory, blocks: unknown, options?: LinkOptions): LinkResult<Block[]> {
  const input = validateBlocks(blocks);
  const opts = resolveLinkOptions(options);
  const { model, linkIndex } = blocksModel(input, opts.patterns);
  const plan = planLinks(directory, model, opts);
  const { actions, added, changes, changed } = plan.reconciliation;
  const output = changed ? applyToBlocks(input, model, linkIndex, actions, added) : input;
  const report = reportPlan(
    directory,
    plan,
    (r) => r,
    (r) => model.text.slice(r.start, r.end)
  );
  return { output, changed, text: model.text, ...report, links: changes };
}
