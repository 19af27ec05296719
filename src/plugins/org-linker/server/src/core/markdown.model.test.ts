import { buildDirectory } from './directory';
import { linkMarkdown } from './link-markdown';
import { alignLoosely, alignText, markdownDestination, markdownModel, markdownToText, parseMarkdown } from './markdown';
import { urlPattern } from './url-template';

const directory = buildDirectory([
  { id: 1, name: 'Chinese Academy of Sciences', acronym: 'CAS', acronymAlone: 'always' },
  { id: 3, name: 'Shenyang Institute of Automation', acronym: 'SIA', acronymAlone: 'always' },
  { id: 7, name: 'Café Lumière' },
]);
const CAS = '/organizations/chinese-academy-of-sciences';
const SIA = '/organizations/shenyang-institute-of-automation';

const model = (source: string, patterns = [urlPattern()]) => markdownModel(source, parseMarkdown(source), patterns);
const spans = (map: { starts: Int32Array; ends: Int32Array } | null) => map && [...map.starts].map((s, i) => [s, map.ends[i]]);
const mentions = (r: ReturnType<typeof linkMarkdown>) => r.mentions.map((m) => [m.start, m.end, m.linked, m.reason]);

describe('alignText: references', () => {
  it('maps hexadecimal references written with "x" or "X" and decimal ones to their whole span', () => {
    const source = 'a&#x41;&#X42;&#67;';
    expect(spans(alignText('aABC', source, 0, source.length))).toEqual([
      [0, 1],
      [1, 7],
      [7, 13],
      [13, 18],
    ]);
  });

  it('maps hexadecimal digits in either case and every decimal digit', () => {
    const source = '&#x4a;&#X4B;&#39;&#100;';
    expect(spans(alignText("JK'd", source, 0, source.length))).toEqual([
      [0, 6],
      [6, 12],
      [12, 17],
      [17, 23],
    ]);
  });

  it('finds the ";" of a reference after the "&", not before it', () => {
    expect(spans(alignText(';&', ';&amp;', 0, 6))).toEqual([
      [0, 1],
      [1, 6],
    ]);
  });

  it('maps named references with upper-case letters', () => {
    expect(spans(alignText('É', '&Eacute;', 0, 8))).toEqual([[0, 8]]);
  });

  it('maps named references whose names hold digits', () => {
    const source = '&frac12; &sup2;';
    expect(spans(alignText('½ ²', source, 0, source.length))).toEqual([
      [0, 8],
      [8, 9],
      [9, 15],
    ]);
  });

  it('reads an "&" that starts no reference as the character itself', () => {
    // "&T;" is no entity, "&#x;" "&#;" "&;" have no digits or name: all literal text.
    const source = 'AT&T; &#x; &#; &;';
    expect(markdownToText(source)).toBe(source);
    expect(spans(alignText(source, source, 0, source.length))).toEqual([...source].map((_, i) => [i, i + 1]));
  });

  it('reads no reference where the name or number holds anything else, an escape included', () => {
    // "\\;" is an escaped ";": "&a\\;" reads "&a;" but is no reference, so each character keeps its own span.
    const source = '&a\\; &#1\\; &#x1\\;';
    const value = '&a; &#1; &#x1;';
    expect(markdownToText(source)).toBe(value);
    expect(spans(alignText(value, source, 0, source.length))).toEqual([
      [0, 1],
      [1, 2],
      [2, 4],
      [4, 5],
      [5, 6],
      [6, 7],
      [7, 8],
      [8, 10],
      [10, 11],
      [11, 12],
      [12, 13],
      [13, 14],
      [14, 15],
      [15, 17],
    ]);
  });

  it('maps a reference that stands for two characters to the same span for both', () => {
    const source = 'Ka&fjlig;ell';
    expect(spans(alignText('Kafjell', source, 0, source.length))).toEqual([
      [0, 1],
      [1, 2],
      [2, 9],
      [2, 9],
      [9, 10],
      [10, 11],
      [11, 12],
    ]);
  });

  it('lets a reference at the end of the node run past it, and ends the map after it', () => {
    // mdast-util-from-markdown 0.8.5 ends such a text node before the ";".
    const map = alignText('a&', 'a&amp;', 0, 5);
    expect(spans(map)).toEqual([
      [0, 1],
      [1, 6],
    ]);
    expect(map?.end).toBe(6);
  });
});

describe('alignText: escapes, white space and line prefixes', () => {
  it('reads a backslash before a letter as a backslash, and one before punctuation as an escape', () => {
    const source = 'a\\b\\*';
    expect(spans(alignText('a\\b*', source, 0, source.length))).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 5],
    ]);
  });

  it('reads an escape only when both its characters lie in the slice', () => {
    expect(alignText('*', '\\*', 0, 1)).toBeNull();
  });

  it('skips a ">" only at the start of a line, after "\\n" or "\\r"', () => {
    expect(alignText('ab', 'a>b', 0, 3)).toBeNull();
    expect(spans(alignText('a\rb', 'a\r> b', 0, 5))).toEqual([
      [0, 1],
      [1, 2],
      [4, 5],
    ]);
    expect(spans(alignText('a\nb', 'a\n>\tb', 0, 5))).toEqual([
      [0, 1],
      [1, 2],
      [4, 5],
    ]);
  });

  it('reads a NUL in the source as U+FFFD in the text, and nothing else as either', () => {
    expect(spans(alignText('a\ufffd', 'a\u0000', 0, 2))).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(alignText('a', '\u0000', 0, 1)).toBeNull();
    // Indentation before a literal U+FFFD is skipped, not read as it.
    expect(spans(alignText('a\n\ufffd', 'a\n  \ufffd', 0, 5))).toEqual([
      [0, 1],
      [1, 2],
      [4, 5],
    ]);
  });

  it('allows spaces and tabs after the last character, nothing else', () => {
    expect(alignText('ab', 'ab \t', 0, 4)?.end).toBe(4);
    expect(alignText('ab', 'abc', 0, 3)).toBeNull();
    expect(alignText('abc', 'ab', 0, 2)).toBeNull();
    expect(alignText('abc', 'abc', 0, 2)).toBeNull();
  });
});

describe('alignLoosely', () => {
  it('maps each character to its next occurrence in the slice, else to where it would be', () => {
    // Inline code "`a\nb`" reads "a b": the space is in no source position, it gets the next one.
    expect(spans(alignLoosely('a b', '`a\nb`', 0, 5))).toEqual([
      [1, 2],
      [2, 3],
      [3, 4],
    ]);
    // An occurrence past the slice does not count; the fallback stays inside the slice.
    expect(spans(alignLoosely('ab', 'a|b', 0, 2))).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(spans(alignLoosely('ab', 'a', 0, 1))).toEqual([
      [0, 1],
      [1, 1],
    ]);
    expect(alignLoosely('ab', 'ab', 0, 2).end).toBe(2);
  });

  it('gives mentions in code, code blocks and image alt text their source offsets', () => {
    const source = 'Run `x CAS` now.\n\n![logo of SIA](i.png)\n\n```\nCAS\n```\n';
    const r = linkMarkdown(directory, source);
    expect(r.output).toBe(source);
    expect(r.mentions.map((m) => source.slice(m.start, m.end))).toEqual(['CAS', 'SIA', 'CAS']);
    expect(r.mentions.map((m) => [m.start, m.end, m.linked])).toEqual([
      [7, 10, false],
      [28, 31, false],
      [45, 48, false],
    ]);
  });
});

describe('markdownModel: source maps', () => {
  it('maps the blank line between containers to no source (-1)', () => {
    const mm = model('ab\n\ncd');
    expect(mm.model.text).toBe('ab\n\ncd');
    expect([...mm.sourceStart]).toEqual([0, 1, -1, -1, 4, 5]);
    expect([...mm.sourceEnd]).toEqual([1, 2, -1, -1, 5, 6]);
    expect(mm.model.containers.map((c) => [c.start, c.end])).toEqual([
      [0, 2],
      [4, 6],
    ]);
  });

  it('keeps every offset when the maps grow past their first size, by one text or many', () => {
    const long = 'x'.repeat(5000);
    const one = model(`${long} CAS`);
    expect(one.sourceStart).toHaveLength(5004);
    expect([...one.sourceStart].every((s, i) => s === i)).toBe(true);
    expect([...one.sourceEnd].every((e, i) => e === i + 1)).toBe(true);
    const source = `${'a'.repeat(900)}\n\n${'b'.repeat(900)}\n\n${'c'.repeat(900)} CAS`;
    const many = model(source);
    expect([...many.sourceStart].filter((s) => s >= 0)).toEqual([...source].map((_, i) => i).filter((i) => source[i] !== '\n'));
    const r = linkMarkdown(directory, source);
    expect(r.mentions.map((m) => [m.start, m.end, m.linked])).toEqual([[source.length - 3, source.length, true]]);
    expect(r.output).toBe(`${source.slice(0, -3)}[CAS](${CAS})`);
  });

  it('maps a hard line break to its source', () => {
    const mm = model('a\\\nb');
    expect(mm.model.text).toBe('a\nb');
    expect([...mm.sourceStart]).toEqual([0, 1, 3]);
    expect([...mm.sourceEnd]).toEqual([1, 3, 4]);
    expect(mm.model.containers[0].pieces.map((p) => [mm.model.text.slice(p.start, p.end), p.kind])).toEqual([
      ['a', 'text'],
      ['\n', 'other'],
      ['b', 'text'],
    ]);
  });
});

describe('markdownModel: runs', () => {
  const source = 'a [CAS](/organizations/x) b *c* d `e` f [g](https://g.org) h ![i](i.png) j\\\nk <br> l';
  const mm = model(source);
  const text = mm.model.text;

  it('groups text and engine links into one run; emphasis, code, links, images, breaks and HTML end a run', () => {
    const pieces = mm.model.containers[0].pieces;
    const groups = [...new Set(pieces.map((p) => p.group))].map((g) => pieces.filter((p) => p.group === g).map((p) => [text.slice(p.start, p.end), p.kind]));
    expect(groups).toEqual([
      [
        ['a ', 'text'],
        ['CAS', 'engine-link'],
        [' b ', 'text'],
      ],
      [['c', 'text']],
      [[' d ', 'text']],
      [['e', 'code']],
      [[' f ', 'text']],
      [['g', 'foreign-link']],
      [[' h ', 'text']],
      [['i', 'other']],
      [[' j', 'text']],
      [['\n', 'other']],
      [['k ', 'text']],
      [[' l', 'text']],
    ]);
  });

  it('records each run by its source and model span; only runs of linkable text', () => {
    const runs = [...mm.runs.values()];
    expect(runs.map((r) => source.slice(r.sourceStart, r.sourceEnd))).toEqual(['a [CAS](/organizations/x) b ', 'c', ' d ', ' f ', ' h ', ' j', 'k ', ' l']);
    expect(runs.map((r) => text.slice(r.modelStart, r.modelEnd))).toEqual(['a CAS b ', 'c', ' d ', ' f ', ' h ', ' j', 'k ', ' l']);
    expect(runs[0].units.map((u) => u.kind)).toEqual(['text', 'engine', 'text']);
    expect(mm.model.links).toEqual([{ start: 2, end: 5, url: '/organizations/x', slug: 'x' }]);
    expect(mm.foreignLinks).toEqual([{ start: 40, end: 58, url: 'https://g.org' }]);
  });
});

describe('markdownModel: more run breaks', () => {
  it('reference links and strong emphasis end a run; their text is a piece of its own', () => {
    const source = 'a [r] b **c** d\n\n[r]: /u\n';
    const mm = model(source);
    const text = mm.model.text;
    const pieces = mm.model.containers[0].pieces;
    const groups = [...new Set(pieces.map((p) => p.group))].map((g) => pieces.filter((p) => p.group === g).map((p) => [text.slice(p.start, p.end), p.kind]));
    expect(groups).toEqual([[['a ', 'text']], [['r', 'foreign-link']], [[' b ', 'text']], [['c', 'text']], [[' d', 'text']]]);
    expect(mm.foreignLinks).toEqual([]);
  });

  it('only engine-link pieces name a link; no two containers share a group', () => {
    const mm = model('a [CAS](/organizations/x) b\n\n```\nx\n```\n\nc *d* e');
    const pieces = mm.model.containers.flatMap((c) => c.pieces);
    expect(pieces.map((p) => [p.kind, p.link])).toEqual([
      ['text', -1],
      ['engine-link', 0],
      ['text', -1],
      ['other', -1],
      ['text', -1],
      ['text', -1],
      ['text', -1],
    ]);
    const groupsOf = mm.model.containers.map((c) => new Set(c.pieces.map((p) => p.group)));
    for (let i = 0; i < groupsOf.length; i++) for (let j = i + 1; j < groupsOf.length; j++) expect([...groupsOf[i]].filter((g) => groupsOf[j].has(g))).toEqual([]);
  });

  it('a code block is one container that is never linked, in one piece', () => {
    const mm = model('```\nCAS\n```\n');
    expect(mm.model.containers).toEqual([{ start: 0, end: 3, role: 'never', pieces: [{ start: 0, end: 3, kind: 'other', group: expect.any(Number), link: -1 }] }]);
  });
});

describe('markdownModel: which links are the engine’s', () => {
  it.each([
    ['with a title', '[CAS](/organizations/x "t")'],
    ['with no text', '[](/organizations/x)'],
    ['with formatted text', '[*CAS*](/organizations/x)'],
    ['with partly formatted text', '[a *CAS*](/organizations/x)'],
    ['of another site', '[CAS](https://cas.cn/organizations/x)'],
  ])('a link %s is the editor’s', (_, source) => {
    const mm = model(source);
    expect(mm.model.links).toEqual([]);
    expect(mm.foreignLinks).toHaveLength(1);
  });

  it('an autolink is the editor’s even when its URL fits the template', () => {
    const source = '<https://e.org/x> and [CAS](https://e.org/x)';
    const mm = model(source, [urlPattern('https://e.org/{slug}')]);
    // Model offsets: the autolink reads "https://e.org/x" (15 characters).
    expect(mm.model.links).toEqual([{ start: 20, end: 23, url: 'https://e.org/x', slug: 'x' }]);
    expect(mm.foreignLinks).toEqual([{ start: 0, end: 17, url: 'https://e.org/x' }]);
    // Linking leaves the autolink alone and retargets only the engine's link.
    expect(linkMarkdown(directory, source, { urlTemplate: 'https://e.org/{slug}' }).output).toBe('<https://e.org/x> and [CAS](https://e.org/chinese-academy-of-sciences)');
  });
});

describe('markdownModel: inline HTML', () => {
  it('links after void, self-closing, stray closing tags and comments', () => {
    for (const [source, at] of [
      ['x <br> CAS', 7],
      ['x <BR> CAS', 7],
      ['x <span/> CAS', 10],
      ['</i> CAS', 5],
      ['x <!-- c --> CAS', 13],
    ] as const) {
      const r = linkMarkdown(directory, source);
      expect(r.output).toBe(`${source.slice(0, at)}[CAS](${CAS})`);
    }
  });

  it('does not link inside an element, nested ones included, and links after it closes', () => {
    const r = linkMarkdown(directory, '<b><i>x</i> CAS</b> SIA');
    expect(r.output).toBe(`<b><i>x</i> CAS</b> [SIA](${SIA})`);
    expect(mentions(r)).toEqual([
      [12, 15, false, 'not-linkable-here'],
      [20, 23, true, undefined],
    ]);
  });
});

describe('markdownModel: blocks', () => {
  it('reads list items, block quotes and setext headings; skips HTML blocks, definitions and rules', () => {
    const source = 'Top\n===\n\n- CAS\n- SIA\n\n***\n\n<div>\nhidden\n</div>\n\n[d]: /u\n\n> quoted\n';
    const mm = model(source);
    expect(mm.model.text).toBe('Top\n\nCAS\n\nSIA\n\nquoted');
    expect(mm.model.containers.map((c) => c.role)).toEqual(['heading', 'body', 'body', 'body']);
  });

  it('an image without alt text adds no piece', () => {
    const mm = model('![](i.png) x');
    expect(mm.model.text).toBe(' x');
    expect(mm.model.containers[0].pieces.map((p) => [p.start, p.end, p.kind])).toEqual([[0, 2, 'text']]);
  });

  it('the alt text of an image reference is visible, not linkable', () => {
    const source = '![CAS][r] SIA\n\n[r]: /i.png\n';
    const mm = model(source);
    expect(mm.model.text).toBe('CAS SIA');
    expect(mm.model.containers[0].pieces.map((p) => [mm.model.text.slice(p.start, p.end), p.kind])).toEqual([
      ['CAS', 'other'],
      [' SIA', 'text'],
    ]);
  });
});

describe('linkMarkdown over markdown details', () => {
  it('links a name whose last character is a reference at the end of the paragraph', () => {
    const source = 'Visit Café Lumi&egrave;re';
    const r = linkMarkdown(directory, source);
    expect(r.output).toBe('Visit [Café Lumi&egrave;re](/organizations/cafe-lumiere)');
    expect(mentions(r)).toEqual([[6, 25, true, undefined]]);
  });

  it('links across a block-quote line that ends with "\\r" alone', () => {
    const source = '> The Chinese\r> Academy of Sciences said';
    const r = linkMarkdown(directory, source);
    expect(r.output).toBe(`> The [Chinese\r> Academy of Sciences](${CAS}) said`);
  });

  it('escapes a "!" that an unwrapped link leaves just before a new link', () => {
    // "Gone" is no organization: its link is unwrapped, and "Wow![CAS](…)" would be an image.
    const r = linkMarkdown(directory, '[Wow!](/organizations/gone)CAS');
    expect(r.output).toBe(`Wow\\![CAS](${CAS})`);
    expect(markdownToText(r.output)).toBe('Wow!CAS');
  });
});

describe('markdownDestination', () => {
  it('percent-encodes spaces, control characters and angle brackets, in two upper-case digits; escapes backslashes', () => {
    expect(markdownDestination('/a b\t<c>\\d')).toBe('/a%20b%09%3Cc%3E\\\\d');
    expect(markdownDestination('/a!b')).toBe('/a!b');
  });
});
