/**
 * Linking properties over random directories and documents (names from a
 * small alphabet with markdown metacharacters, so collisions, overlaps and
 * ambiguity happen): visible text unchanged, linking twice equals linking
 * once, no link inside a link or code, valid output, every URL from the
 * template (or an editor's link that was already there).
 *
 * "Unchanged" is judged by references that owe nothing to the engine's own text models: for
 * markdown, the CommonMark tree of mdast-util-from-markdown (micromark) with the engine's links
 * unwrapped; for blocks, the block tree with the engine's links unwrapped. Generated documents
 * nest lists and quotes deeply, put links inside links and hold code; counters check that the
 * cases really contain them.
 */
import { expectGenerated } from './generated-cases.test-helper';
import fc from 'fast-check';
import type { Content, Root } from 'mdast';
import fromMarkdown from 'mdast-util-from-markdown';
import { type Block, type InlineNode, blocksToText, validateBlocks } from './blocks';
import { buildDirectory, type DirectoryEntry } from './directory';
import { linkBlocks } from './link-blocks';
import { linkMarkdown } from './link-markdown';
import type { LinkOptions } from './link-options';
import { encodeSlug } from './url-template';

const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 1000);

const WORDS = ['alpha', 'Alpha', 'beta', 'BETA', 'of', 'and', 'Café', 'cafe', '[x]', '(y)', '*z*', '_u_', '`t`', 'a.b', 'c+d', 'e?', '中国', 'A!', '&amp;', '\\*', '<b>', 'C#'];
const word = fc.constantFrom(...WORDS);
const name = fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' '));
const directoryArb = fc
  .array(
    fc.record({
      name,
      acronym: fc.option(fc.constantFrom('AB', 'CD', 'A*B', 'E_F'), { nil: undefined }),
      aliases: fc.array(name, { maxLength: 1 }),
      autolink: fc.option(fc.boolean(), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 6 }
  )
  .map((es) => es.map((e, i): DirectoryEntry => ({ id: i + 1, ...e })));

const TEMPLATES = ['/organizations/{slug}', 'https://example.org/o/{slug}?x=(1)&y=2'];

function formsOf(entries: readonly DirectoryEntry[]): string[] {
  return entries.flatMap((e) => [e.name, ...(e.acronym ? [e.acronym] : []), ...(e.aliases ?? [])]);
}

function optionsArb(entries: readonly DirectoryEntry[]) {
  return fc.record({
    mode: fc.constantFrom<'first' | 'all'>('first', 'all'),
    maxLinks: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    linkInHeadings: fc.boolean(),
    ignoredIds: fc.subarray(
      entries.map((e) => e.id),
      { maxLength: 1 }
    ),
    urlTemplate: fc.constantFrom(...TEMPLATES),
    // Mostly on: with linking off half the time, few cases linked anything (counted below).
    autolink: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 }),
    resolutions: fc.array(fc.record({ text: fc.constantFrom('AB', 'CD', 'A*B', 'E_F'), id: fc.constantFrom(...entries.map((e) => e.id)) }), { maxLength: 1 }),
  }) as fc.Arbitrary<LinkOptions>;
}

function urlsFor(entries: readonly DirectoryEntry[], template: string): Set<string> {
  const directory = buildDirectory(entries);
  const urls = new Set<string>();
  const [prefix, suffix] = template.replace(/\(/g, '%28').replace(/\)/g, '%29').split('{slug}');
  for (let i = 0; i < directory.size; i++) urls.add(prefix + encodeSlug(directory.slug(i)) + suffix);
  return urls;
}

// ---------------------------------------------------------------------------
// References: the documents as a reader sees them, the engine's links unwrapped.

type Tree = { type?: unknown; url?: unknown; children?: unknown; [key: string]: unknown };

/**
 * A blocks or mdast tree with every engine link (a template URL, or an old engine address) replaced
 * by its children, adjacent texts of the same kind and marks merged, empty texts and source
 * positions dropped: linking must leave it exactly as it was.
 */
function readerTree(node: unknown, isEngineUrl: (url: string) => boolean): unknown {
  if (Array.isArray(node)) return mergeTexts(node.flatMap((child) => unwrap(child, isEngineUrl)).map((child) => readerTree(child, isEngineUrl)));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node as Tree)) if (key !== 'position') out[key] = readerTree(value, isEngineUrl);
  return out;
}

function unwrap(node: unknown, isEngineUrl: (url: string) => boolean): unknown[] {
  const n = node as Tree;
  if (n !== null && typeof n === 'object' && n.type === 'link' && typeof n.url === 'string' && isEngineUrl(n.url) && Array.isArray(n.children)) {
    return n.children.flatMap((child) => unwrap(child, isEngineUrl));
  }
  return [node];
}

function mergeTexts(nodes: unknown[]): unknown[] {
  const out: unknown[] = [];
  const textKey = (n: unknown): string | null => {
    const t = n as Tree;
    if (t === null || typeof t !== 'object' || t.type !== 'text') return null;
    const { text: _text, value: _value, ...marks } = t;
    return JSON.stringify(marks);
  };
  const textOf = (n: unknown): string => {
    const text = (n as Tree).text ?? (n as Tree).value;
    return typeof text === 'string' ? text : '';
  };
  for (const n of nodes) {
    const key = textKey(n);
    if (key !== null && textOf(n) === '') continue;
    const last = out[out.length - 1];
    if (key !== null && last !== undefined && textKey(last) === key) {
      const field = 'text' in (n as Tree) ? 'text' : 'value';
      out[out.length - 1] = { ...(last as Tree), [field]: textOf(last) + textOf(n) };
    } else out.push(n);
  }
  return out;
}

function depthOf(node: unknown): number {
  const n = node as Tree;
  if (n === null || typeof n !== 'object' || !Array.isArray(n.children)) return 0;
  return 1 + Math.max(0, ...n.children.map(depthOf));
}

const engineUrl = (templateUrls: ReadonlySet<string>) => (url: string) => templateUrls.has(url) || url.includes('slug');

// ---------------------------------------------------------------------------
// Blocks

function textArb(forms: string[]) {
  const piece = fc.oneof(word, fc.constantFrom(...forms), fc.constantFrom(' ', ' ', ', ', '\n'));
  return fc.array(piece, { minLength: 1, maxLength: 6 }).map((ps) => ps.join(''));
}

function blocksArb(entries: readonly DirectoryEntry[], template: string) {
  const forms = formsOf(entries);
  const [prefix, suffix] = template.replace(/\(/g, '%28').replace(/\)/g, '%29').split('{slug}');
  const text = textArb(forms);
  const textNode = fc
    .record({
      type: fc.constant('text' as const),
      text,
      bold: fc.option(fc.boolean(), { nil: undefined }),
      italic: fc.option(fc.constant(true), { nil: undefined }),
      code: fc.option(fc.constant(true), { freq: 6, nil: undefined }),
    })
    .map((n) => Object.fromEntries(Object.entries(n).filter(([, v]) => v !== undefined)) as InlineNode);
  const url = fc.oneof(
    fc.constantFrom('https://editor.example/a', '/about'),
    fc.constantFrom('old-slug', ...entries.map((_, i) => `slug-${i}`)).map((s) => prefix + s + suffix)
  );
  const linkNode = fc.record({
    type: fc.constant('link' as const),
    url,
    children: fc.array(fc.record({ type: fc.constant('text' as const), text }), { minLength: 1, maxLength: 2 }),
  });
  const inline = fc.array(fc.oneof({ arbitrary: textNode, weight: 4 }, { arbitrary: linkNode, weight: 1 }), { minLength: 1, maxLength: 4 });
  const listItem = inline.map((children) => ({ type: 'list-item' as const, children }));
  type ListChild = { type: 'list-item'; children: InlineNode[] } | { type: 'list'; format: 'ordered'; children: ListChild[] };
  // Lists nested up to 6 levels.
  const nested = (depth: number): fc.Arbitrary<ListChild[]> =>
    depth === 0
      ? fc.array(listItem, { minLength: 1, maxLength: 2 })
      : fc.array(
          fc.oneof(
            listItem,
            nested(depth - 1).map((children): ListChild => ({ type: 'list', format: 'ordered', children }))
          ),
          { minLength: 1, maxLength: 2 }
        );
  const block: fc.Arbitrary<Block> = fc.oneof(
    { arbitrary: inline.map((children): Block => ({ type: 'paragraph', children })), weight: 5 },
    inline.map((children): Block => ({ type: 'heading', level: 2, children })),
    inline.map((children): Block => ({ type: 'quote', children })),
    text.map((t): Block => ({ type: 'code', children: [{ type: 'text', text: t }] })),
    fc.tuple(text, text).map(([alt, caption]): Block => ({ type: 'image', image: { url: '/i.png', alternativeText: alt, caption }, children: [{ type: 'text', text: '' }] })),
    fc
      .array(
        fc.oneof(
          listItem,
          fc.array(listItem, { minLength: 1, maxLength: 2 }).map((children) => ({ type: 'list' as const, format: 'ordered' as const, children }))
        ),
        { minLength: 1, maxLength: 3 }
      )
      .map((children): Block => ({ type: 'list', format: 'unordered', children })),
    nested(6).map((children): Block => ({ type: 'list', format: 'unordered', children }))
  );
  return fc.array(block, { minLength: 1, maxLength: 4 });
}

function allLinks(blocks: readonly Block[]): { url: string; children: { text: string; code?: boolean }[] }[] {
  const out: { url: string; children: { text: string; code?: boolean }[] }[] = [];
  const inline = (nodes: readonly InlineNode[]) => {
    for (const n of nodes) if (n.type === 'link') out.push({ url: n.url, children: n.children });
  };
  const visit = (b: Block | { type: 'list-item'; children: InlineNode[] }): void => {
    if (b.type === 'list') b.children.forEach(visit);
    else if (b.type === 'paragraph' || b.type === 'heading' || b.type === 'quote' || b.type === 'list-item') inline(b.children);
  };
  blocks.forEach(visit);
  return out;
}

describe('linkBlocks (property)', () => {
  it('keeps the text, is idempotent, stays valid, writes only template URLs', () => {
    const arb = directoryArb.chain((entries) =>
      optionsArb(entries).chain((options) => fc.tuple(fc.constant(entries), fc.constant(options), blocksArb(entries, options.urlTemplate ?? TEMPLATES[0])))
    );
    const seen = { linked: 0, code: 0, deep: 0, editorLinks: 0 };
    fc.assert(
      fc.property(arb, ([entries, options, input]) => {
        const directory = buildDirectory(entries);
        const before = JSON.stringify(input);
        const once = linkBlocks(directory, input, options);
        expect(JSON.stringify(input)).toBe(before); // input not mutated
        expect(() => validateBlocks(once.output)).not.toThrow();
        const templateUrls = urlsFor(entries, options.urlTemplate ?? TEMPLATES[0]);
        expect(readerTree(once.output, engineUrl(templateUrls))).toEqual(readerTree(input, engineUrl(templateUrls)));
        const twice = linkBlocks(directory, once.output, options);
        expect(twice.output).toEqual(once.output);
        expect(twice.changed).toBe(false);
        const inputUrls = new Set(allLinks(input).map((l) => l.url));
        for (const link of allLinks(once.output)) {
          expect(inputUrls.has(link.url) || templateUrls.has(link.url)).toBe(true);
          if (!inputUrls.has(link.url)) expect(link.children.some((c) => c.code === true)).toBe(false);
        }
        for (const m of once.mentions) expect(blocksToText(input).slice(m.start, m.end)).toBe(m.text);
        if (options.autolink === false) expect(once.mentions.every((m) => !m.linked)).toBe(true);
        if (once.mentions.some((m) => m.linked)) seen.linked++;
        if (before.includes('"code":true') || before.includes('"type":"code"')) seen.code++;
        if (Math.max(0, ...input.map(depthOf)) >= 5) seen.deep++;
        if (allLinks(input).some((l) => !templateUrls.has(l.url) && !l.url.includes('slug'))) seen.editorLinks++;
      }),
      { numRuns: NUM_RUNS }
    );
    // The cases really hold links made, code, deep nesting and editors' links (measured over
    // 300 runs: 18 %, 95 %, 9 %, 48 %).
    expectGenerated('linked', seen.linked, NUM_RUNS, 0.08);
    expectGenerated('code', seen.code, NUM_RUNS, 0.5);
    expectGenerated('deep', seen.deep, NUM_RUNS, 0.03);
    expectGenerated('editorLinks', seen.editorLinks, NUM_RUNS, 0.25);
  });
});

// ---------------------------------------------------------------------------
// Markdown

const SYNTAX = [
  ' ',
  ' ',
  ' ',
  '\n',
  '\n\n',
  '\n    - ',
  '*',
  '**',
  '_',
  '`',
  '[',
  ']',
  '(',
  ')',
  '![',
  '](https://editor.example/a)',
  '<https://editor.example/b>',
  '<b>',
  '</b>',
  '# ',
  '> ',
  '- ',
  '1. ',
  '```\n',
  '\n    ',
  '\\',
  '&amp;',
  '&#42;',
  '!',
  '  \n',
  '\t',
];

function markdownArb(entries: readonly DirectoryEntry[], template: string) {
  const forms = formsOf(entries);
  const [prefix, suffix] = template.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/&/g, '\\&').split('{slug}');
  const engineLink = fc
    .tuple(fc.constantFrom(...forms), fc.constantFrom('old-slug', 'slug-0'))
    .map(([f, s]) => `[${f.replace(/[\\[\]()*_`!&<>]/g, '\\$&')}](${prefix}${s}${suffix})`);
  const token = fc.oneof(
    { arbitrary: word, weight: 3 },
    { arbitrary: fc.constantFrom(...forms), weight: 3 },
    { arbitrary: fc.constantFrom(...SYNTAX), weight: 4 },
    { arbitrary: engineLink, weight: 1 },
    // Deep nesting, and a link written inside an editor's link (CommonMark keeps the inner one).
    { arbitrary: fc.constantFrom('\n> > > > > ', '\n- - - - - '), weight: 1 },
    { arbitrary: fc.constantFrom(...forms).map((f) => `[outer [${f}](https://editor.example/c) tail](https://editor.example/d)`), weight: 1 }
  );
  return fc.array(token, { maxLength: 30 }).map((ts) => ts.join(''));
}

function mdLinks(tree: Root): { url: string; children: Content[] }[] {
  const out: { url: string; children: Content[] }[] = [];
  const visit = (node: Content | Root): void => {
    if (node.type === 'link') out.push({ url: node.url, children: node.children });
    if ('children' in node) (node.children as Content[]).forEach(visit);
  };
  visit(tree);
  return out;
}

describe('linkMarkdown (property)', () => {
  it('keeps the visible text, is idempotent, links only text, writes only template URLs', () => {
    const arb = directoryArb.chain((entries) =>
      optionsArb(entries).chain((options) => fc.tuple(fc.constant(entries), fc.constant(options), markdownArb(entries, options.urlTemplate ?? TEMPLATES[0])))
    );
    const seen = { linked: 0, code: 0, deep: 0, nestedLinks: 0 };
    fc.assert(
      fc.property(arb, ([entries, options, source]) => {
        const directory = buildDirectory(entries);
        const once = linkMarkdown(directory, source, options);
        const templateUrls = urlsFor(entries, options.urlTemplate ?? TEMPLATES[0]);
        const inTree = fromMarkdown(source);
        const outTree = fromMarkdown(once.output);
        // CommonMark (micromark) reads the same document, engine links aside.
        expect(readerTree(outTree, engineUrl(templateUrls))).toEqual(readerTree(inTree, engineUrl(templateUrls)));
        const twice = linkMarkdown(directory, once.output, options);
        expect(twice.output).toBe(once.output);
        expect(twice.changed).toBe(false);
        const inLinks = mdLinks(inTree);
        const outLinks = mdLinks(outTree);
        const inputUrls = new Set(inLinks.map((l) => l.url));
        for (const link of outLinks) {
          expect(inputUrls.has(link.url) || templateUrls.has(link.url)).toBe(true);
          if (!inputUrls.has(link.url)) expect(link.children.every((c) => c.type === 'text')).toBe(true);
        }
        const foreign = (ls: { url: string }[]) => ls.filter((l) => !templateUrls.has(l.url) && !l.url.includes('slug')).map((l) => l.url);
        expect(foreign(outLinks)).toEqual(foreign(inLinks));
        for (const m of once.mentions) expect(source.slice(m.start, m.end)).toBe(m.text);
        if (once.mentions.some((m) => m.linked)) seen.linked++;
        if (JSON.stringify(inTree).includes('"type":"inlineCode"') || JSON.stringify(inTree).includes('"type":"code"')) seen.code++;
        if (depthOf(inTree) >= 5) seen.deep++;
        if (source.includes('[outer [') && source.includes('tail](')) seen.nestedLinks++;
      }),
      { numRuns: NUM_RUNS }
    );
    // The cases really hold links made, code, deep nesting and links written inside links
    // (measured over 300 runs: 11 %, 15 %, 27 %, 34 %).
    expectGenerated('linked', seen.linked, NUM_RUNS, 0.05);
    expectGenerated('code', seen.code, NUM_RUNS, 0.07);
    expectGenerated('deep', seen.deep, NUM_RUNS, 0.12);
    expectGenerated('nestedLinks', seen.nestedLinks, NUM_RUNS, 0.15);
  });
});
