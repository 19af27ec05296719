/**
 * Markdown: the document model of a CommonMark source, built from the mdast
 * of mdast-util-from-markdown (every node has source offsets).
 *
 * The model's text is the visible text: text nodes, inline code, image alt
 * texts and code blocks, with paragraphs, headings and code blocks as
 * containers. Each visible character is mapped back to the source span that
 * produced it (a character, a backslash escape or an entity), so mentions are
 * reported in source offsets and links are spliced into the ORIGINAL source.
 */
import type { Content, Link, Root, Text } from 'mdast';
import fromMarkdown from 'mdast-util-from-markdown';
import type { Container, ContainerRole, DocumentModel, ExistingLink, Piece, PieceKind } from './document';
import { type UrlPattern, engineSlugIn } from './url-template';

export function parseMarkdown(source: string): Root {
  return fromMarkdown(source);
}

const ASCII_PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

function isAsciiPunctuation(ch: string): boolean {
  return ch.length === 1 && ASCII_PUNCTUATION.includes(ch);
}

const entityCache = new Map<string, string | null>();

/** The text a character reference such as "&amp;" or "&#x1F600;" stands for, or null if it is none. */
export function decodeCharacterReference(reference: string): string | null {
  let decoded = entityCache.get(reference);
  if (decoded === undefined) {
    // Let the same parser decide, on the reference alone.
    const tree = fromMarkdown(reference);
    const para = tree.children[0];
    const only = para?.type === 'paragraph' && para.children.length === 1 ? para.children[0] : undefined;
    decoded = only?.type === 'text' && only.value !== reference ? only.value : null;
    entityCache.set(reference, decoded);
  }
  return decoded;
}

/** The character reference starting at `at` ("&name;", "&#123;", "&#x1F;"), or null. */
function referenceAt(source: string, at: number, to: number): string | null {
  const semicolon = source.indexOf(';', at + 1);
  if (semicolon < 0 || semicolon >= to || semicolon - at > 40) return null;
  const body = source.slice(at + 1, semicolon);
  let ok: boolean;
  if (body.startsWith('#x') || body.startsWith('#X')) ok = body.length > 2 && [...body.slice(2)].every((c) => /[0-9a-fA-F]/.test(c));
  else if (body.startsWith('#')) ok = body.length > 1 && [...body.slice(1)].every((c) => c >= '0' && c <= '9');
  else ok = body.length > 0 && [...body].every((c) => /[0-9A-Za-z]/.test(c));
  return ok ? source.slice(at, semicolon + 1) : null;
}

/** Where each character of a node's value comes from in the source: [starts[i], ends[i]). */
export interface SourceMap {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Where the node really ends in the source (see alignText). */
  readonly end: number;
}

/**
 * Map a text node's value onto its source slice exactly: characters,
 * backslash escapes and character references, skipping only white space and
 * block-quote markers between lines. Null when that is not possible.
 *
 * mdast-util-from-markdown 0.8.5 ends a text node that ends with a character
 * reference one character early (before the ";"), so a reference may run
 * past `to`; the map's `end` is where the node really ends.
 */
export function alignText(value: string, source: string, from: number, to: number): SourceMap | null {
  const starts = new Int32Array(value.length);
  const ends = new Int32Array(value.length);
  let p = from;
  let lineStart = false;
  for (let k = 0; k < value.length; k++) {
    const ch = value[k];
    for (;;) {
      if (p >= to) return null;
      const s = source[p];
      if (s === '\\' && p + 1 < to && isAsciiPunctuation(source[p + 1]) && source[p + 1] === ch) {
        starts[k] = p;
        ends[k] = p + 2;
        p += 2;
        break;
      }
      if (s === '&') {
        const ref = referenceAt(source, p, source.length);
        const decoded = ref === null ? null : decodeCharacterReference(ref);
        if (ref !== null && decoded !== null && value.startsWith(decoded, k)) {
          for (let x = 0; x < decoded.length; x++) {
            starts[k + x] = p;
            ends[k + x] = p + ref.length;
          }
          k += decoded.length - 1;
          p += ref.length;
          break;
        }
      }
      // CommonMark reads U+0000 as U+FFFD: the source keeps its NUL.
      if (s === ch || (s === '\u0000' && ch === '\ufffd')) {
        starts[k] = p;
        ends[k] = p + 1;
        p++;
        break;
      }
      // Indentation, trailing spaces before a line break, block-quote markers.
      if (s === ' ' || s === '\t' || (lineStart && s === '>')) {
        p++;
        continue;
      }
      return null;
    }
    lineStart = ch === '\n' || ch === '\r';
  }
  for (; p < to; p++) if (source[p] !== ' ' && source[p] !== '\t') return null;
  return { starts, ends, end: Math.max(p, to) };
}

/** Best-effort map for text we never edit (code, alt text): each character to its next occurrence. */
export function alignLoosely(value: string, source: string, from: number, to: number): SourceMap {
  const starts = new Int32Array(value.length);
  const ends = new Int32Array(value.length);
  let p = from;
  for (let k = 0; k < value.length; k++) {
    const at = source.indexOf(value[k], p);
    if (at >= 0 && at < to) {
      starts[k] = at;
      ends[k] = at + 1;
      p = at + 1;
    } else {
      starts[k] = Math.min(p, to);
      ends[k] = Math.min(p + 1, to);
    }
  }
  return { starts, ends, end: to };
}

/** A text node in a run, with where its value starts in the model text. */
export interface RunText {
  readonly node: Text;
  readonly modelStart: number;
  readonly map: SourceMap;
}

/** A part of a run: a text node, or a link the engine made (with its text children). */
export type RunUnit =
  | { readonly kind: 'text'; readonly text: RunText }
  | { readonly kind: 'engine'; readonly node: Link; readonly link: number; readonly children: readonly RunText[] };

/** Consecutive sibling text nodes and engine links: where a new link may go. */
export interface Run {
  readonly units: RunUnit[];
  readonly sourceStart: number;
  sourceEnd: number;
  readonly modelStart: number;
  modelEnd: number;
}

export interface MarkdownModel {
  readonly model: DocumentModel;
  /** Source span of each model character (-1 for separators). */
  readonly sourceStart: Int32Array;
  readonly sourceEnd: Int32Array;
  /** Runs by piece group id (only groups of linkable text). */
  readonly runs: Map<number, Run>;
  /** Source spans of foreign links, for verification. */
  readonly foreignLinks: { start: number; end: number; url: string }[];
}

function offsetsOf(node: { position?: { start: { offset?: number }; end: { offset?: number } } }): [number, number] {
  return [node.position?.start.offset ?? 0, node.position?.end.offset ?? 0];
}

/** Is this link one the engine writes: `[text](url)` with an engine URL, no title, text children only? */
function isEngineLink(node: Link, source: string, patterns: readonly UrlPattern[]): string | null {
  const [start] = offsetsOf(node);
  if (source[start] !== '[' || node.title) return null;
  if (node.children.length === 0 || !node.children.every((c) => c.type === 'text')) return null;
  return engineSlugIn(patterns, node.url);
}

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/** +1 for an opening tag, -1 for a closing tag, 0 for void/self-closing tags, comments and the like. */
function htmlDepthChange(tag: string): number {
  const m = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)/.exec(tag);
  if (m === null || tag.endsWith('/>') || VOID_ELEMENTS.has(m[2].toLowerCase())) return 0;
  return m[1] === '/' ? -1 : 1;
}

/** Build the model of a markdown source. */
export function markdownModel(source: string, tree: Root, patterns: readonly UrlPattern[]): MarkdownModel {
  let text = '';
  // Source spans of model characters, in typed arrays grown by doubling
  // (a push per character into plain arrays dominated long documents).
  let starts = new Int32Array(1024);
  let ends = new Int32Array(1024);
  let mapped = 0;
  const reserve = (n: number): void => {
    if (mapped + n <= starts.length) return;
    let size = starts.length * 2;
    while (size < mapped + n) size *= 2;
    const s2 = new Int32Array(size);
    s2.set(starts.subarray(0, mapped));
    starts = s2;
    const e2 = new Int32Array(size);
    e2.set(ends.subarray(0, mapped));
    ends = e2;
  };
  const containers: Container[] = [];
  const links: ExistingLink[] = [];
  const runs = new Map<number, Run>();
  const foreignLinks: { start: number; end: number; url: string }[] = [];
  let nextGroup = 0;

  const separate = (): void => {
    if (containers.length === 0) return;
    text += '\n\n';
    reserve(2);
    starts[mapped] = -1;
    ends[mapped++] = -1;
    starts[mapped] = -1;
    ends[mapped++] = -1;
  };

  const append = (value: string, map: SourceMap): number => {
    const at = text.length;
    text += value;
    reserve(value.length);
    starts.set(map.starts.subarray(0, value.length), mapped);
    ends.set(map.ends.subarray(0, value.length), mapped);
    mapped += value.length;
    return at;
  };

  const inlineContainer = (children: readonly Content[], role: ContainerRole): void => {
    separate();
    const start = text.length;
    const pieces: Piece[] = [];
    let group = nextGroup++;
    let run: Run | undefined;
    const breakRun = (): void => {
      group = nextGroup++;
      run = undefined;
    };
    const addPiece = (value: string, map: SourceMap, kind: PieceKind, link = -1): number => {
      const at = append(value, map);
      pieces.push({ start: at, end: text.length, kind, group, link });
      return at;
    };
    const runFor = (sourceStart: number): Run => {
      if (run === undefined) {
        run = { units: [], sourceStart, sourceEnd: sourceStart, modelStart: text.length, modelEnd: text.length };
        runs.set(group, run);
      }
      return run;
    };
    const linkableText = (node: Text): RunText | null => {
      const [from, to] = offsetsOf(node);
      const map = alignText(node.value, source, from, to);
      if (map === null) return null;
      return { node, modelStart: text.length, map };
    };

    // Text inside an inline HTML element (<b>…</b>) belongs to the HTML: not linked.
    let htmlDepth = 0;
    const walk = (nodes: readonly Content[], inside: 'text' | 'foreign-link'): void => {
      for (const node of nodes) {
        const [from, to] = offsetsOf(node);
        switch (node.type) {
          case 'text': {
            const rt = inside === 'text' && htmlDepth === 0 ? linkableText(node) : null;
            if (rt === null) {
              if (inside === 'text') breakRun();
              addPiece(node.value, alignLoosely(node.value, source, from, to), inside === 'text' ? 'other' : 'foreign-link');
              if (inside === 'text') breakRun();
              break;
            }
            const r = runFor(from);
            addPiece(node.value, rt.map, 'text');
            r.units.push({ kind: 'text', text: rt });
            r.sourceEnd = rt.map.end;
            r.modelEnd = text.length;
            break;
          }
          case 'link': {
            const slug = inside === 'text' ? isEngineLink(node, source, patterns) : null;
            const texts = slug === null ? null : node.children.map((c) => (c.type === 'text' ? linkableText(c) : null));
            if (slug !== null && texts !== null && texts.every((t) => t !== null)) {
              const r = runFor(from);
              const index = links.length;
              const linkStart = text.length;
              const children: RunText[] = [];
              for (const t of texts) {
                if (t === null) continue;
                children.push({ ...t, modelStart: text.length });
                addPiece(t.node.value, t.map, 'engine-link', index);
              }
              links.push({ start: linkStart, end: text.length, url: node.url, slug });
              r.units.push({ kind: 'engine', node, link: index, children });
              r.sourceEnd = to;
              r.modelEnd = text.length;
              break;
            }
            breakRun();
            foreignLinks.push({ start: from, end: to, url: node.url });
            walk(node.children, 'foreign-link');
            breakRun();
            break;
          }
          case 'linkReference':
            breakRun();
            walk(node.children, 'foreign-link');
            breakRun();
            break;
          case 'emphasis':
          case 'strong':
          case 'delete':
            breakRun();
            walk(node.children, inside);
            breakRun();
            break;
          case 'inlineCode':
            breakRun();
            addPiece(node.value, alignLoosely(node.value, source, from, to), 'code');
            breakRun();
            break;
          case 'break':
            breakRun();
            addPiece('\n', { starts: Int32Array.of(from), ends: Int32Array.of(to), end: to }, 'other');
            breakRun();
            break;
          case 'image':
          case 'imageReference':
            breakRun();
            if (node.alt) addPiece(node.alt, alignLoosely(node.alt, source, from, to), 'other');
            breakRun();
            break;
          case 'html':
            breakRun();
            htmlDepth = Math.max(0, htmlDepth + htmlDepthChange(node.value));
            break;
          default:
            // Anything else: no visible text of its own, but it separates runs.
            breakRun();
            if ('children' in node) walk(node.children, inside);
            breakRun();
        }
      }
    };
    walk(children, 'text');
    containers.push({ start, end: text.length, role, pieces });
  };

  const block = (node: Content | Root): void => {
    switch (node.type) {
      case 'paragraph':
        inlineContainer(node.children, 'body');
        return;
      case 'heading':
        inlineContainer(node.children, 'heading');
        return;
      case 'code': {
        separate();
        const [from, to] = offsetsOf(node);
        const start = append(node.value, alignLoosely(node.value, source, from, to));
        containers.push({ start, end: text.length, role: 'never', pieces: [{ start, end: text.length, kind: 'other', group: nextGroup++, link: -1 }] });
        return;
      }
      case 'html':
      case 'definition':
      case 'thematicBreak':
        return;
      default:
        if ('children' in node) for (const child of node.children as Content[]) block(child);
    }
  };
  block(tree);

  return {
    model: { text, containers, links },
    sourceStart: starts.slice(0, mapped),
    sourceEnd: ends.slice(0, mapped),
    runs,
    foreignLinks,
  };
}

/**
 * The visible text of a markdown source (what detection and the editor see):
 * paragraphs, headings and code blocks joined by blank lines; markup,
 * escapes, entities, URLs and HTML resolved away.
 */
export function markdownToText(source: string): string {
  return markdownModel(source, parseMarkdown(source), []).model.text;
}

/** Characters escaped in link text so it reads the same inside `[...]`. */
const LINK_TEXT_ESCAPES = '\\`*_[]<>!&()';

/** The link text for a visible character that came from a single source character. */
export function escapeLinkTextChar(ch: string): string {
  return LINK_TEXT_ESCAPES.includes(ch) ? `\\${ch}` : ch;
}

/**
 * A URL as a markdown link destination: the engine's URLs hold only URL
 * characters with parentheses percent-encoded; "&" is escaped so it is not
 * read as a character reference, and a backslash so it is not an escape.
 */
export function markdownDestination(url: string): string {
  let out = '';
  for (const ch of url) {
    if (ch === '&' || ch === '\\') out += `\\${ch}`;
    else if (ch === '(' || ch === ')' || ch === '<' || ch === '>' || ch.charCodeAt(0) <= 0x20) {
      out += `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
    } else out += ch;
  }
  return out;
}
