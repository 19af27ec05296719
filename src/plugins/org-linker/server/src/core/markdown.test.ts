import { alignText, decodeCharacterReference, escapeLinkTextChar, markdownDestination, markdownModel, markdownToText, parseMarkdown } from './markdown';
import { urlPattern } from './url-template';

describe('alignText', () => {
  it('maps characters, escapes and references to their source spans', () => {
    const source = 'a\\*b &amp; c';
    const map = alignText('a*b & c', source, 0, source.length);
    expect(map && [...map.starts]).toEqual([0, 1, 3, 4, 5, 10, 11]);
    expect(map && [...map.ends]).toEqual([1, 3, 4, 5, 10, 11, 12]);
  });
  it('skips line prefixes of block quotes and indentation', () => {
    const source = 'q1\n>   q2';
    const map = alignText('q1\nq2', source, 0, source.length);
    expect(map && source.slice(map.starts[3], map.ends[4])).toBe('q2');
  });
  it('gives up on text it cannot map', () => {
    expect(alignText('abc', 'xyz', 0, 3)).toBeNull();
  });
  it('decodes references like the parser', () => {
    expect(decodeCharacterReference('&amp;')).toBe('&');
    expect(decodeCharacterReference('&#35;')).toBe('#');
    expect(decodeCharacterReference('&copy;')).toBe('©');
    expect(decodeCharacterReference('&nosuch;')).toBeNull();
  });
});

describe('markdownModel', () => {
  it('cuts paragraphs, headings and code into containers and marks what is linkable', () => {
    const source = '# Head\n\nplain *em* `code` [a](https://x.org) [b](/organizations/b) ![alt](i.png)\n\n```\ncode block\n```\n';
    const mm = markdownModel(source, parseMarkdown(source), [urlPattern()]);
    expect(mm.model.text).toBe('Head\n\nplain em code a b alt\n\ncode block');
    expect(mm.model.containers.map((c) => c.role)).toEqual(['heading', 'body', 'never']);
    const kinds = mm.model.containers[1].pieces.map((p) => [mm.model.text.slice(p.start, p.end), p.kind]);
    expect(kinds).toEqual([
      ['plain ', 'text'],
      ['em', 'text'],
      [' ', 'text'],
      ['code', 'code'],
      [' ', 'text'],
      ['a', 'foreign-link'],
      [' ', 'text'],
      ['b', 'engine-link'],
      [' ', 'text'],
      ['alt', 'other'],
    ]);
    expect(mm.model.links).toEqual([{ start: 22, end: 23, url: '/organizations/b', slug: 'b' }]);
    for (let i = 0; i < mm.model.text.length; i++) {
      if (mm.sourceStart[i] >= 0 && mm.model.text[i] !== '\n') expect(source.slice(mm.sourceStart[i], mm.sourceEnd[i])).toContain(mm.model.text[i]);
    }
  });
});

describe('escaping', () => {
  it('escapes what could change meaning inside link text', () => {
    expect('[]()*_`\\<>!&'.split('').map(escapeLinkTextChar).join('')).toBe('\\[\\]\\(\\)\\*\\_\\`\\\\\\<\\>\\!\\&');
    expect(escapeLinkTextChar('a')).toBe('a');
  });
  it('writes destinations markdown cannot misread', () => {
    expect(markdownDestination('/o/a(b)?x=1&y=2')).toBe('/o/a%28b%29?x=1\\&y=2');
    const tree = parseMarkdown(`[x](${markdownDestination('/o/a?x=1&amp=2')})`);
    const para = tree.children[0];
    expect(para.type === 'paragraph' && para.children[0].type === 'link' && para.children[0].url).toBe('/o/a?x=1&amp=2');
  });
  it('markdownToText resolves HTML and breaks', () => {
    expect(markdownToText('a  \nb <b>c</b>')).toBe('a\n\nb c'.replace('\n\n', '\n'));
  });
});
