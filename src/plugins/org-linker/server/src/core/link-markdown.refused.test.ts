/**
 * Links the verification refuses: a planned link whose "[" or "](url)" would make
 * CommonMark read the surrounding source differently. Expected outputs follow
 * from the CommonMark rules (spec 0.30: backslash escapes, emphasis flanking).
 */
import { buildDirectory } from './directory';
import { linkMarkdown } from './link-markdown';
import { markdownToText } from './markdown';

const directory = buildDirectory([
  { id: 1, name: 'Chinese Academy of Sciences', acronym: 'CAS', acronymAlone: 'always' },
  { id: 3, name: 'Shenyang Institute of Automation', acronym: 'SIA', acronymAlone: 'always' },
  { id: 6, name: 'Kafjell Institute' },
]);

const CAS = '/organizations/chinese-academy-of-sciences';
const SIA = '/organizations/shenyang-institute-of-automation';
const NO_CHANGES = { added: [], updated: [], removed: [] };

const spans = (r: ReturnType<typeof linkMarkdown>) => r.mentions.map((m) => [m.start, m.end, m.linked, m.reason]);

describe('linkMarkdown: links the verification refuses', () => {
  it('refuses a link a literal backslash before the name would escape ("\\[" is not a link opener)', () => {
    // "\C" is no escape (C is not punctuation), so the source shows "See \CAS now.";
    // "See \[CAS](url) now." would show "See [CAS](url) now.": refused.
    const source = 'See \\CAS now.';
    const r = linkMarkdown(directory, source);
    expect(r.output).toBe(source);
    expect(r.changed).toBe(false);
    expect(r.text).toBe('See \\CAS now.');
    expect(r.links).toEqual(NO_CHANGES);
    expect(spans(r)).toEqual([[5, 8, false, 'not-linkable-here']]);
  });

  it('refuses a link after which two literal "*" would pair into emphasis', () => {
    // In "a *)*CAS b" the second "*" is preceded by ")" and followed by "C": left-flanking only,
    // so no "*" can close and both stay literal. Followed by "[" it is also right-flanking (punctuation
    // on both sides) and closes the first: "a *)*[CAS](url) b" would show "a )CAS b".
    const source = 'a *)*CAS b';
    const r = linkMarkdown(directory, source);
    expect(markdownToText(source)).toBe('a *)*CAS b');
    expect(markdownToText(`a *)*[CAS](${CAS}) b`)).toBe('a )CAS b');
    expect(r.output).toBe(source);
    expect(r.changed).toBe(false);
    expect(r.links).toEqual(NO_CHANGES);
    expect(spans(r)).toEqual([[5, 8, false, 'not-linkable-here']]);
  });

  it('makes the links that survive and refuses only the one that does not, in order', () => {
    // Five links planned, the third refused: halves [CAS, SIA] pass, [\CAS, SIA, CAS] fail,
    // then [\CAS] fails alone and [SIA, CAS] pass on top of the first two.
    const source = 'CAS, SIA, \\CAS, SIA and CAS.';
    const r = linkMarkdown(directory, source, { mode: 'all' });
    expect(r.output).toBe(`[CAS](${CAS}), [SIA](${SIA}), \\CAS, [SIA](${SIA}) and [CAS](${CAS}).`);
    expect(r.changed).toBe(true);
    expect(markdownToText(r.output)).toBe(markdownToText(source));
    expect(spans(r)).toEqual([
      [0, 3, true, undefined],
      [5, 8, true, undefined],
      [11, 14, false, 'not-linkable-here'],
      [16, 19, true, undefined],
      [24, 27, true, undefined],
    ]);
    expect(r.links.added.map((l) => [l.text, l.url])).toEqual([
      ['CAS', CAS],
      ['SIA', SIA],
      ['SIA', SIA],
      ['CAS', CAS],
    ]);
    expect(r.links.updated).toEqual([]);
    expect(r.links.removed).toEqual([]);
    expect(linkMarkdown(directory, r.output, { mode: 'all' }).output).toBe(r.output);
  });

  it('refuses links in both halves and keeps the ones between them', () => {
    // Refused: the first and the last of four. [\SIA, CAS] fails, then \SIA alone fails and CAS
    // passes; [SIA, \CAS] fails, then SIA passes on top of CAS and \CAS fails.
    const source = '\\SIA CAS SIA \\CAS';
    const r = linkMarkdown(directory, source, { mode: 'all' });
    expect(r.output).toBe(`\\SIA [CAS](${CAS}) [SIA](${SIA}) \\CAS`);
    expect(spans(r)).toEqual([
      [1, 4, false, 'not-linkable-here'],
      [5, 8, true, undefined],
      [9, 12, true, undefined],
      [14, 17, false, 'not-linkable-here'],
    ]);
    expect(r.links.added.map((l) => l.text)).toEqual(['CAS', 'SIA']);
  });

  it('in first-mention mode a refused first mention is reported, and the later ones stay unlinked', () => {
    const source = '\\CAS and CAS.';
    const r = linkMarkdown(directory, source);
    expect(r.output).toBe(source);
    expect(r.changed).toBe(false);
    expect(r.links).toEqual(NO_CHANGES);
    expect(spans(r)).toEqual([
      [1, 4, false, 'not-linkable-here'],
      [9, 12, false, 'not-first'],
    ]);
  });

  it('when unwrapping its own link alone would change the text, changes nothing and reports no change', () => {
    // "*[Gone](url)*x": the second "*" is preceded by ")" and followed by "x", so it cannot close
    // and the text reads "*Gone*x". Unwrapped, "*Gone*x" would read "Gonex" (emphasis): the unwrap
    // is refused, and with it every new link, and no change is reported.
    const source = '*[Gone](/organizations/gone)*x and CAS';
    expect(markdownToText(source)).toBe('*Gone*x and CAS');
    expect(markdownToText('*Gone*x and CAS')).toBe('Gonex and CAS');
    const r = linkMarkdown(directory, source);
    expect(r.output).toBe(source);
    expect(r.changed).toBe(false);
    expect(r.links).toEqual(NO_CHANGES);
    expect(spans(r)).toEqual([[35, 38, false, 'not-linkable-here']]);
  });

  it('writes a kept link of its own unchanged next to a new link in the same run', () => {
    const source = `[CAS](${CAS}) and SIA.`;
    expect(linkMarkdown(directory, source).output).toBe(`[CAS](${CAS}) and [SIA](${SIA}).`);
  });

  it('keeps a reference that stands for two characters once in the link text', () => {
    // "&fjlig;" is the two characters "fj": both map to the same source span, written once.
    const source = 'The Ka&fjlig;ell Institute.';
    const r = linkMarkdown(directory, source);
    expect(r.output).toBe('The [Ka&fjlig;ell Institute](/organizations/kafjell-institute).');
    expect(markdownToText(r.output)).toBe('The Kafjell Institute.');
    expect(spans(r)).toEqual([[4, 26, true, undefined]]);
  });
});
