/**
 * The text a link result carries is the text of its input (what a caller would otherwise
 * build again with blocksToText / markdownToText): over random documents, with engine links,
 * editors' links, markup and entities.
 */
import fc from 'fast-check';
import type { Block } from './blocks';
import { blocksToText } from './blocks';
import { buildDirectory } from './directory';
import { linkBlocks } from './link-blocks';
import { linkMarkdown } from './link-markdown';
import { markdownToText } from './markdown';

const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 500);

const directory = buildDirectory([
  { id: 1, name: 'Chinese Academy of Sciences', acronym: 'CAS', acronymAlone: 'always' },
  { id: 2, name: 'Café Lab', aliases: ['Lab *Star*'] },
  { id: 3, name: 'Beta Institute', acronym: 'BI-X' },
]);

const PIECES = [
  'Chinese Academy of Sciences',
  'CAS',
  'Café Lab',
  'Cafe Lab',
  'Beta Institute',
  ' ',
  '\n',
  '\n\n',
  ', ',
  '*',
  '_',
  '`code`',
  '[CAS](/organizations/chinese-academy-of-sciences)',
  '[Beta Institute](/organizations/old-slug)',
  '[mine](https://example.org/x)',
  '&amp;',
  '\\*',
  '# ',
  '> ',
  '- ',
  '<b>',
  '中国',
];

const markdown = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((pieces) => pieces.join(''));

const inline = fc.oneof(
  fc.record({ type: fc.constant('text' as const), text: fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((p) => p.join('')) }),
  fc.record({
    type: fc.constant('link' as const),
    url: fc.constantFrom('/organizations/chinese-academy-of-sciences', 'https://example.org/x'),
    children: fc.constant([{ type: 'text' as const, text: 'CAS' }]),
  })
);
const blocks = fc.array(
  fc.oneof(
    fc.record({ type: fc.constant('paragraph' as const), children: fc.array(inline, { minLength: 1, maxLength: 4 }) }),
    fc.record({ type: fc.constant('heading' as const), level: fc.constant(2 as const), children: fc.array(inline, { minLength: 1, maxLength: 3 }) }),
    fc.record({ type: fc.constant('code' as const), children: fc.constant([{ type: 'text' as const, text: 'CAS code' }]) }),
    fc.record({
      type: fc.constant('list' as const),
      format: fc.constant('unordered' as const),
      children: fc.array(fc.record({ type: fc.constant('list-item' as const), children: fc.array(inline, { minLength: 1, maxLength: 2 }) }), { minLength: 1, maxLength: 3 }),
    })
  ),
  { maxLength: 6 }
) as fc.Arbitrary<Block[]>;

describe('link results carry the input text', () => {
  it('markdown: text is markdownToText(source)', () => {
    fc.assert(
      fc.property(markdown, fc.constantFrom<'first' | 'all'>('first', 'all'), (source, mode) => {
        expect(linkMarkdown(directory, source, { mode }).text).toBe(markdownToText(source));
      }),
      { numRuns: NUM_RUNS }
    );
  });

  it('blocks: text is blocksToText(blocks)', () => {
    fc.assert(
      fc.property(blocks, fc.constantFrom<'first' | 'all'>('first', 'all'), (value, mode) => {
        expect(linkBlocks(directory, value, { mode }).text).toBe(blocksToText(value));
      }),
      { numRuns: NUM_RUNS }
    );
  });
});
