// Where new links go when a container already holds links, and which objects a link rebuilds:
// only the containers that change, every other block, list item and nested list returned as is.
import { type Block, blocksToText } from './blocks';
import { buildDirectory } from './directory';
import { linkBlocks } from './link-blocks';

const directory = buildDirectory([
  { id: 1, name: 'Chinese Academy of Sciences', acronym: 'CAS', acronymAlone: 'always' },
  { id: 3, name: 'Shenyang Institute of Automation', acronym: 'SIA', acronymAlone: 'always' },
  { id: 4, name: 'Institute of Metal Research', acronym: 'IMR', acronymAlone: 'always' },
]);
const IMR = '/organizations/institute-of-metal-research';
const CAS = '/organizations/chinese-academy-of-sciences';
const SIA = '/organizations/shenyang-institute-of-automation';

const t = (text: string, marks: Record<string, boolean> = {}) => ({ type: 'text' as const, text, ...marks });
const link = (url: string, ...children: ReturnType<typeof t>[]) => ({ type: 'link' as const, url, children });
const p = (...children: (ReturnType<typeof t> | ReturnType<typeof link>)[]): Block => ({ type: 'paragraph', children });
const item = (text: string) => ({ type: 'list-item' as const, children: [t(text)] });

describe('linkBlocks: new links after the links a paragraph already has', () => {
  it('after a link to another site', () => {
    const input = [p(t('See '), link('https://example.org', t('our partner')), t(' and the Shenyang Institute of Automation.'))];
    const r = linkBlocks(directory, input);
    expect(r.output).toEqual([p(t('See '), link('https://example.org', t('our partner')), t(' and the '), link(SIA, t('Shenyang Institute of Automation')), t('.'))]);
    expect(blocksToText(r.output)).toBe(blocksToText(input));
  });

  it('after a link of its own that it keeps', () => {
    const input = [p(t('The '), link(CAS, t('Chinese Academy of Sciences')), t(' and SIA met in Shenyang.'))];
    const r = linkBlocks(directory, input);
    expect(r.output).toEqual([p(t('The '), link(CAS, t('Chinese Academy of Sciences')), t(' and '), link(SIA, t('SIA')), t(' met in Shenyang.'))]);
    expect(r.links.added.map((added) => added.slug)).toEqual(['shenyang-institute-of-automation']);
  });

  it('after a link of its own that it retargets', () => {
    const input = [p(link('/organizations/old-name', t('CAS')), t(' and SIA met.'))];
    const r = linkBlocks(directory, input);
    expect(r.output).toEqual([p(t(''), link(CAS, t('CAS')), t(' and '), link(SIA, t('SIA')), t(' met.'))]);
  });
});

describe('linkBlocks: only what changes is rebuilt', () => {
  it('returns the blocks, list items and nested lists it does not change as the same objects', () => {
    const plainList: Block = { type: 'list', format: 'unordered', children: [item('nothing'), { type: 'list', format: 'ordered', children: [item('still nothing')] }] };
    const nested: Block = { type: 'list', format: 'ordered', children: [item('nested, plain')] };
    const changedList: Block = { type: 'list', format: 'unordered', children: [item('a plain item'), item('SIA in an item'), nested] };
    const heading: Block = { type: 'heading', level: 2, children: [t('CAS in a heading')] };
    const quiet = p(t('Nothing here.'));
    const named = p(t('CAS met.'));
    // Links it keeps, and links to other sites, leave their paragraph as it was.
    const kept = p(t('The '), link(IMR, t('Institute of Metal Research')), t('.'));
    const foreign = p(t('See '), link('https://example.org', t('a site')), t('.'));
    const input: Block[] = [quiet, named, changedList, heading, plainList, kept, foreign];
    const r = linkBlocks(directory, input);

    expect(r.output[0]).toBe(quiet);
    expect(r.output[1]).toEqual(p(t(''), link(CAS, t('CAS')), t(' met.')));
    const list = r.output[2] as Extract<Block, { type: 'list' }>;
    expect(list).not.toBe(changedList);
    expect(list.children[0]).toBe(changedList.children[0]);
    expect(list.children[1]).toEqual({ type: 'list-item', children: [t(''), link(SIA, t('SIA')), t(' in an item')] });
    expect(list.children[2]).toBe(nested);
    // Headings are not linked by default: the heading is returned as it was.
    expect(r.output[3]).toBe(heading);
    expect(r.output[4]).toBe(plainList);
    expect(r.output[5]).toBe(kept);
    expect(r.output[6]).toBe(foreign);
  });

  it('rebuilds a list whose only change is in a nested list, and keeps its other items', () => {
    const first = item('first, plain');
    const inner: Block = { type: 'list', format: 'ordered', children: [item('the CAS inside')] };
    const outer: Block = { type: 'list', format: 'unordered', children: [first, inner] };
    const r = linkBlocks(directory, [outer]);
    const list = r.output[0] as Extract<Block, { type: 'list' }>;
    expect(list).not.toBe(outer);
    expect(list.children[0]).toBe(first);
    expect(list.children[1]).toEqual({ type: 'list', format: 'ordered', children: [{ type: 'list-item', children: [t('the '), link(CAS, t('CAS')), t(' inside')] }] });
  });
});
