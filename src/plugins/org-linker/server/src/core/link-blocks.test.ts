import { type Block, blocksToText, validateBlocks } from './blocks';
import { buildDirectory, type DirectoryEntry } from './directory';
import { linkBlocks } from './link-blocks';

// Short acronyms count alone here (acronymAlone 'always'): these tests are about blocks, not rule 7.
const entries: DirectoryEntry[] = [
  { id: 1, name: 'Chinese Academy of Sciences', acronym: 'CAS', aliases: ['中国科学院'], acronymAlone: 'always' },
  { id: 2, name: 'World Association of Industrial and Technological Research Organizations', acronym: 'WAITRO' },
  { id: 3, name: 'Shenyang Institute of Automation', acronym: 'SIA', acronymAlone: 'always' },
  { id: 4, name: 'Opted Out Institute', autolink: false },
  { id: 5, name: 'National Research Council Canada', acronym: 'NRC', acronymAlone: 'always' },
  { id: 6, name: 'National Research Centre', acronym: 'NRC', acronymAlone: 'always' },
];
const directory = buildDirectory(entries);

const p = (...children: Block extends infer B ? (B extends { type: 'paragraph'; children: infer C } ? C : never) : never): Block => ({
  type: 'paragraph',
  children,
});
const t = (text: string, marks: Record<string, boolean> = {}) => ({ type: 'text' as const, text, ...marks });
const link = (url: string, ...children: ReturnType<typeof t>[]) => ({ type: 'link' as const, url, children });

describe('linkBlocks', () => {
  it('links the first mention in paragraphs and keeps the text', () => {
    const input: Block[] = [p(t('WAITRO welcomed CAS. The CAS said.'))];
    const r = linkBlocks(directory, input);
    expect(r.changed).toBe(true);
    expect(r.output).toEqual([
      p(
        t(''),
        link('/organizations/world-association-of-industrial-and-technological-research-organizations', t('WAITRO')),
        t(' welcomed '),
        link('/organizations/chinese-academy-of-sciences', t('CAS')),
        t('. The CAS said.')
      ),
    ]);
    expect(blocksToText(r.output)).toBe(blocksToText(input));
    expect(r.mentions.map((m) => [m.text, m.linked, m.reason])).toEqual([
      ['WAITRO', true, undefined],
      ['CAS', true, undefined],
      ['CAS', false, 'not-first'],
    ]);
    expect(r.links.added.map((l) => l.slug)).toEqual(['world-association-of-industrial-and-technological-research-organizations', 'chinese-academy-of-sciences']);
    expect(() => validateBlocks(r.output)).not.toThrow();
  });

  it('is idempotent and returns an unchanged input as is', () => {
    const input: Block[] = [p(t('WAITRO welcomed CAS.'))];
    const once = linkBlocks(directory, input);
    const twice = linkBlocks(directory, once.output);
    expect(twice.changed).toBe(false);
    expect(twice.output).toBe(once.output);
    expect(twice.links).toEqual({ added: [], updated: [], removed: [] });
    const plain: Block[] = [p(t('Nothing to see.'))];
    const r = linkBlocks(directory, plain);
    expect(r.changed).toBe(false);
    expect(r.output).toBe(plain);
  });

  it('makes one link across formatted pieces, keeping each piece’s marks', () => {
    const input: Block[] = [p(t('The '), t('Chinese Academy', { bold: true }), t(' of Sciences says'))];
    const r = linkBlocks(directory, input);
    expect(r.output).toEqual([p(t('The '), link('/organizations/chinese-academy-of-sciences', t('Chinese Academy', { bold: true }), t(' of Sciences')), t(' says'))]);
  });

  it('never links in headings (unless asked), code, inline code, foreign links, images', () => {
    const input: Block[] = [
      { type: 'heading', level: 2, children: [t('CAS news')] },
      p(t('see '), link('https://example.org/cas', t('CAS')), t(' and '), t('CAS', { code: true })),
      { type: 'code', children: [t('CAS')] },
      { type: 'image', image: { url: '/x.png', alternativeText: 'CAS logo', caption: 'The CAS campus' }, children: [t('')] },
      { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [t('CAS in a list')] }] },
    ];
    const r = linkBlocks(directory, input);
    expect(r.mentions.map((m) => [m.text, m.linked, m.reason])).toEqual([
      ['CAS', false, 'in-heading'],
      ['CAS', false, 'inside-link'],
      ['CAS', false, 'not-linkable-here'],
      ['CAS', false, 'not-linkable-here'],
      ['CAS', false, 'not-linkable-here'],
      ['CAS', false, 'not-linkable-here'],
      ['CAS', false, 'linked-by-editor'], // the editor's own link to CAS counts (issue 16, rule 6)
    ]);
    const text = blocksToText(input);
    for (const m of r.mentions) expect(text.slice(m.start, m.end)).toBe('CAS');
    const withoutEditorLink = [input[0], ...input.slice(2)];
    expect(linkBlocks(directory, withoutEditorLink).mentions[4]).toMatchObject({ linked: true });
    const headings = linkBlocks(directory, withoutEditorLink, { linkInHeadings: true });
    expect(headings.mentions[0].linked).toBe(true);
    expect(headings.mentions[4]).toMatchObject({ linked: false, reason: 'not-first' });
  });

  it('applies options: all, maxLinks, ignoredIds, autolink, urlTemplate, opted-out', () => {
    const input: Block[] = [p(t('CAS, CAS, SIA and Opted Out Institute.'))];
    const all = linkBlocks(directory, input, { mode: 'all' });
    expect(all.mentions.filter((m) => m.linked)).toHaveLength(3);
    const max = linkBlocks(directory, input, { mode: 'all', maxLinks: 1 });
    expect(max.mentions.map((m) => m.reason)).toEqual([undefined, 'link-limit', 'link-limit', 'opted-out']);
    const ignored = linkBlocks(directory, input, { ignoredIds: ['1'] });
    expect(ignored.mentions.map((m) => m.reason)).toEqual(['ignored', 'ignored', undefined, 'opted-out']);
    const url = linkBlocks(directory, input, { urlTemplate: 'https://example.org/org/{slug}?ref=x' });
    expect(url.links.added.map((l) => l.url)).toEqual([
      'https://example.org/org/chinese-academy-of-sciences?ref=x',
      'https://example.org/org/shenyang-institute-of-automation?ref=x',
    ]);
    const linked = linkBlocks(directory, input).output;
    const off = linkBlocks(directory, linked, { autolink: false });
    expect(off.output).toEqual(input);
    expect(off.links.removed).toHaveLength(2);
    expect(off.mentions.every((m) => m.reason === 'article-autolink-off' || m.reason === 'opted-out')).toBe(true);
  });

  it('reconciles: keeps equal links, rewrites changed slugs, unwraps unwanted ones, leaves editor links alone', () => {
    const input: Block[] = [
      p(
        link('/organizations/old-slug', t('CAS')),
        t(' and '),
        link('/organizations/shenyang-institute-of-automation', t('SIA')),
        t(' and '),
        link('/organizations/gone', t('Gone Org')),
        t(' and '),
        link('/organizations/chinese-academy-of-sciences', t('CAS')),
        t(' and '),
        link('https://cas.cn', t('the site'))
      ),
    ];
    const r = linkBlocks(directory, input);
    expect(r.output).toEqual([
      p(
        t(''),
        link('/organizations/chinese-academy-of-sciences', t('CAS')),
        t(' and '),
        link('/organizations/shenyang-institute-of-automation', t('SIA')),
        t(' and Gone Org and CAS and '),
        link('https://cas.cn', t('the site')),
        t('')
      ),
    ]);
    expect(r.links.updated).toEqual([
      { id: 1, slug: 'chinese-academy-of-sciences', text: 'CAS', url: '/organizations/chinese-academy-of-sciences', previousUrl: '/organizations/old-slug' },
    ]);
    expect(r.links.removed.map((l) => [l.text, l.slug, l.id])).toEqual([
      ['Gone Org', 'gone', undefined],
      ['CAS', 'chinese-academy-of-sciences', 1],
    ]);
    expect(r.links.added).toEqual([]);
  });

  it('rewrites links made with an earlier URL template it is told to recognise', () => {
    const input: Block[] = [p(link('/orgs/chinese-academy-of-sciences', t('CAS')), t(' and '), link('/orgs/gone', t('Gone')))];
    const r = linkBlocks(directory, input, { urlTemplate: '/organizations/{slug}', recognizeUrlTemplates: ['/orgs/{slug}'] });
    expect(r.output).toEqual([p(t(''), link('/organizations/chinese-academy-of-sciences', t('CAS')), t(' and Gone'))]);
    expect(r.links.updated.map((l) => l.previousUrl)).toEqual(['/orgs/chinese-academy-of-sciences']);
    const unknown = linkBlocks(directory, input);
    expect(unknown.mentions[0]).toMatchObject({ linked: false, reason: 'inside-link' });
  });

  it('resolves ambiguity by the article or an editor choice, otherwise reports it', () => {
    const amb = linkBlocks(directory, [p(t('The NRC said.'))]);
    expect(amb.ambiguous.map((a) => a.candidates.map((c) => c.id))).toEqual([[5, 6]]);
    expect(amb.changed).toBe(false);
    const byEditor = linkBlocks(directory, [p(t('The NRC said.'))], { resolutions: [{ text: 'nrc', id: 6 }] });
    expect(byEditor.links.added.map((l) => l.id)).toEqual([6]);
    const byArticle = linkBlocks(directory, [p(t('National Research Centre (NRC). The NRC said.'))], { mode: 'all' });
    expect(byArticle.mentions.map((m) => m.id)).toEqual([6, 6, 6]);
  });

  it('links Han text without boundaries and names across line breaks', () => {
    const r = linkBlocks(directory, [p(t('中国科学院院士 and the Chinese\nAcademy of Sciences'))], { mode: 'all' });
    expect(r.mentions.map((m) => m.text)).toEqual(['中国科学院', 'Chinese\nAcademy of Sciences']);
  });

  it('rejects invalid blocks with a JSON path', () => {
    expect(() => linkBlocks(directory, [{ type: 'paragraph', children: [{ type: 'text' }] }])).toThrow(/\$\[0\]\.children\[0\]\.text/);
  });
});

describe("an editor's own link counts (issue 16, rule 6)", () => {
  it('first-mention mode adds no second link to an organization the editor linked', () => {
    const blocks = [p(t('The '), link('https://waitro.org', t('CAS')), t(' said.')), p(t('CAS again.'))];
    const r = linkBlocks(directory, blocks);
    expect(r.changed).toBe(false);
    expect(r.mentions.map((m) => [m.text, m.linked, m.reason])).toEqual([
      ['CAS', false, 'inside-link'],
      ['CAS', false, 'linked-by-editor'],
    ]);
  });
});

describe('unconfirmed acronyms (issue 16, rule 7)', () => {
  it('are not linked in blocks and are reported as possible mentions', () => {
    const d = buildDirectory([{ id: 1, name: 'Institute of Chemical Engineering', acronym: 'ICE' }]);
    const r = linkBlocks(d, [p(t('The ICE left.'))]);
    expect(r.changed).toBe(false);
    expect(r.mentions).toEqual([]);
    expect(r.possible.map((m) => [m.text, m.reason, m.start])).toEqual([['ICE', 'short-acronym', 4]]);
  });
});
