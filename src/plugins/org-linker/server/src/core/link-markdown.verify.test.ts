/**
 * `verify`, the check every markdown rewrite passes before it is kept: the same visible text, the
 * editor's links (foreign links) unchanged, and exactly the expected engine links. No rewrite the
 * linker makes has been found to fail its later checks, so they are tested here directly.
 */
import { verify } from './link-markdown';
import { resolveLinkOptions } from './link-options';
import { markdownModel, parseMarkdown } from './markdown';

const options = resolveLinkOptions();
const CAS = '/organizations/chinese-academy-of-sciences';
const KIST = '/organizations/kist';
const input = 'See [the site](https://example.org/a) and CAS.';
const before = markdownModel(input, parseMarkdown(input), options.patterns);
/** The engine link over "CAS" in the visible text "See the site and CAS.". */
const casLink = { start: before.model.text.indexOf('CAS'), end: before.model.text.indexOf('CAS') + 3, url: CAS };

describe('verify: the backstop of every markdown rewrite', () => {
  it('accepts the rewrite that adds exactly the expected link', () => {
    expect(verify(`See [the site](https://example.org/a) and [CAS](${CAS}).`, before, options, [casLink])).toBe(true);
    expect(verify(input, before, options, [])).toBe(true);
  });

  it('refuses a rewrite that changes the visible text', () => {
    expect(verify(`See [the site](https://example.org/a) and [CAS](${CAS})!`, before, options, [casLink])).toBe(false);
  });

  it("refuses a rewrite that changes an editor's link: its URL, dropped, or one more", () => {
    expect(verify(`See [the site](https://example.org/b) and [CAS](${CAS}).`, before, options, [casLink])).toBe(false);
    expect(verify(`See the site and [CAS](${CAS}).`, before, options, [casLink])).toBe(false);
    // The name linked to a URL no pattern knows is a foreign link more, and no engine link.
    expect(verify('See [the site](https://example.org/a) and [CAS](https://other.example/cas).', before, options, [])).toBe(false);
  });

  it('refuses engine links other than the expected ones: one missing, one more, elsewhere, or to another URL', () => {
    expect(verify(input, before, options, [casLink])).toBe(false);
    expect(verify(`See [the site](https://example.org/a) and [CAS](${CAS}).`, before, options, [])).toBe(false);
    expect(verify(`See [the site](https://example.org/a) and [CAS](${CAS}).`, before, options, [{ ...casLink, start: casLink.start + 1 }])).toBe(false);
    expect(verify(`See [the site](https://example.org/a) and [CAS](${CAS}).`, before, options, [{ ...casLink, end: casLink.end - 1 }])).toBe(false);
    expect(verify(`See [the site](https://example.org/a) and [CAS](${KIST}).`, before, options, [casLink])).toBe(false);
    // Two expected, one made.
    expect(verify(`See [the site](https://example.org/a) and [CAS](${CAS}).`, before, options, [casLink, { start: 0, end: 3, url: KIST }])).toBe(false);
  });
});
