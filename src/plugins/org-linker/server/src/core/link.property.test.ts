/**
 * Linking properties over random directories and documents (names from a
 * small alphabet with markdown metacharacters, so collisions, overlaps and
 * ambiguity happen): visible text unchanged, linking twice equals linking
 * once, no link inside a link or code, valid output, every URL from the
 * template (or an editor's link that was already there).
 */
import fc from 'fast-check';
import type { Content, Root } from 'mdast';
import { type Block, type InlineNode, blocksToText, validateBlocks } from './blocks';
import { buildDirectory, type DirectoryEntry } from './directory';
import { linkBlocks } from './link-blocks';
import { linkMarkdown } from './link-markdown';
import type { LinkOptions } from './link-options';
import { markdownToText, parseMarkdown } from './markdown';
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
    ignoredIds: fc.subarray(entries.map((e) => e.id)),
    urlTemplate: fc.constantFrom(...TEMPLATES),
    autolink: fc.boolean(),
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
      .map((children): Block => ({ type: 'list', format: 'unordered', children }))
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
    fc.assert(
      fc.property(arb, ([entries, options, input]) => {
        const directory = buildDirectory(entries);
        const before = JSON.stringify(input);
        const once = linkBlocks(directory, input, options);
        expect(JSON.stringify(input)).toBe(before); // input not mutated
        expect(() => validateBlocks(once.output)).not.toThrow();
        expect(blocksToText(once.output)).toBe(blocksToText(input));
        const twice = linkBlocks(directory, once.output, options);
        expect(twice.output).toEqual(once.output);
        expect(twice.changed).toBe(false);
        const inputUrls = new Set(allLinks(input).map((l) => l.url));
        const templateUrls = urlsFor(entries, options.urlTemplate ?? TEMPLATES[0]);
        for (const link of allLinks(once.output)) {
          expect(inputUrls.has(link.url) || templateUrls.has(link.url)).toBe(true);
          if (!inputUrls.has(link.url)) expect(link.children.some((c) => c.code === true)).toBe(false);
        }
        for (const m of once.mentions) expect(blocksToText(input).slice(m.start, m.end)).toBe(m.text);
        if (options.autolink === false) expect(once.mentions.every((m) => !m.linked)).toBe(true);
      }),
      { numRuns: NUM_RUNS }
    );
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
    { arbitrary: engineLink, weight: 1 }
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
    fc.assert(
      fc.property(arb, ([entries, options, source]) => {
        const directory = buildDirectory(entries);
        const once = linkMarkdown(directory, source, options);
        expect(markdownToText(once.output)).toBe(markdownToText(source));
        const twice = linkMarkdown(directory, once.output, options);
        expect(twice.output).toBe(once.output);
        expect(twice.changed).toBe(false);
        const inputUrls = new Set(mdLinks(parseMarkdown(source)).map((l) => l.url));
        const templateUrls = urlsFor(entries, options.urlTemplate ?? TEMPLATES[0]);
        const inLinks = mdLinks(parseMarkdown(source));
        const outLinks = mdLinks(parseMarkdown(once.output));
        for (const link of outLinks) {
          expect(inputUrls.has(link.url) || templateUrls.has(link.url)).toBe(true);
          if (!inputUrls.has(link.url)) expect(link.children.every((c) => c.type === 'text')).toBe(true);
        }
        const foreign = (ls: { url: string }[]) => ls.filter((l) => !templateUrls.has(l.url) && !l.url.includes('slug')).map((l) => l.url);
        expect(foreign(outLinks)).toEqual(foreign(inLinks));
        for (const m of once.mentions) expect(source.slice(m.start, m.end)).toBe(m.text);
      }),
      { numRuns: NUM_RUNS }
    );
  });
});
