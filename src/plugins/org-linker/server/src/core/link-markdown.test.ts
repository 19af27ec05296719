import { buildDirectory } from './directory';
import { resolveLinkOptions } from './link-options';
import { planLinks } from './link-plan';
import { applyPlan, linkMarkdown } from './link-markdown';
import { markdownModel, markdownToText, parseMarkdown } from './markdown';

// Short acronyms count alone here (acronymAlone 'always'): these tests are about markdown, not rule 7.
const directory = buildDirectory([
  { id: 1, name: 'Chinese Academy of Sciences', acronym: 'CAS', acronymAlone: 'always' },
  { id: 2, name: 'Agency for Science, Technology and Research', acronym: 'A*STAR' },
  { id: 3, name: 'Shenyang Institute of Automation', acronym: 'SIA', acronymAlone: 'always' },
  { id: 4, name: 'Lab [Beta] (Test) *Star* _Under_ `Tick`' },
  { id: 5, name: 'National Research Council Canada', acronym: 'NRC', acronymAlone: 'always' },
]);

const CAS = '/organizations/chinese-academy-of-sciences';

describe('linkMarkdown', () => {
  it('splices links into the original source, everything else byte-identical', () => {
    const source = '# CAS news\n\nThe CAS and  SIA met.\n\n> CAS again\n';
    const r = linkMarkdown(directory, source);
    expect(r.output).toBe(`# CAS news\n\nThe [CAS](${CAS}) and  [SIA](/organizations/shenyang-institute-of-automation) met.\n\n> CAS again\n`);
    expect(r.mentions.map((m) => [source.slice(m.start, m.end), m.linked, m.reason])).toEqual([
      ['CAS', false, 'in-heading'],
      ['CAS', true, undefined],
      ['SIA', true, undefined],
      ['CAS', false, 'not-first'],
    ]);
    expect(r.changed).toBe(true);
    expect(linkMarkdown(directory, r.output).output).toBe(r.output);
    expect(linkMarkdown(directory, r.output).changed).toBe(false);
  });

  it('never touches code, links, references, definitions, images, autolinks or HTML', () => {
    const source = [
      'Code `CAS` and',
      '',
      '    CAS indented',
      '',
      '```',
      'CAS fenced',
      '```',
      '',
      '[CAS](https://cas.cn) [CAS][ref] ![CAS](i.png) <https://cas.example/CAS> <b>CAS</b>',
      '',
      '[ref]: https://cas.cn "CAS"',
      '',
    ].join('\n');
    const r = linkMarkdown(directory, source);
    expect(r.output).toBe(source);
    expect(r.changed).toBe(false);
    expect(r.mentions.every((m) => !m.linked)).toBe(true);
    expect(r.mentions.map((m) => m.reason)).toContain('inside-link');
    expect(r.mentions.map((m) => m.reason)).toContain('not-linkable-here');
  });

  it('escapes link text so the visible text stays the same', () => {
    const source = 'Meet Lab \\[Beta\\] (Test) \\*Star\\* \\_Under\\_ \\`Tick\\` today, and A\\*STAR too.';
    const r = linkMarkdown(directory, source);
    expect(markdownToText(r.output)).toBe(markdownToText(source));
    expect(r.mentions.filter((m) => m.linked)).toHaveLength(2);
    expect(r.output).toContain('[Lab \\[Beta\\] \\(Test\\) \\*Star\\* \\_Under\\_ \\`Tick\\`](/organizations/lab-beta-test-star-under-tick)');
    expect(r.output).toContain('[A\\*STAR](/organizations/agency-for-science-technology-and-research)');
    expect(linkMarkdown(directory, r.output).output).toBe(r.output);
  });

  it('keeps entities and escapes as written inside link text', () => {
    const source = 'The Chinese Academy of Sciences &amp; friends; Chinese&#32;Academy of Sciences';
    const r = linkMarkdown(directory, source, { mode: 'all' });
    expect(r.output).toBe(`The [Chinese Academy of Sciences](${CAS}) &amp; friends; [Chinese&#32;Academy of Sciences](${CAS})`);
    expect(markdownToText(r.output)).toBe(markdownToText(source));
  });

  it('reports names across emphasis as crossing formatting, links inside emphasis', () => {
    const r = linkMarkdown(directory, 'The **Chinese** Academy of Sciences and *Shenyang Institute of Automation*.');
    expect(r.mentions.map((m) => [m.linked, m.reason])).toEqual([
      [false, 'crosses-formatting'],
      [true, undefined],
    ]);
    expect(r.output).toBe('The **Chinese** Academy of Sciences and *[Shenyang Institute of Automation](/organizations/shenyang-institute-of-automation)*.');
  });

  it('links across soft line breaks and block-quote prefixes', () => {
    const source = '> The Chinese\n> Academy of Sciences said\n';
    const r = linkMarkdown(directory, source);
    expect(r.output).toBe(`> The [Chinese\n> Academy of Sciences](${CAS}) said\n`);
    expect(r.mentions[0]).toMatchObject({ start: 6, end: 35, linked: true });
  });

  it('escapes a "!" just before a new link so it does not become an image', () => {
    const r = linkMarkdown(directory, 'Wow!CAS is here');
    expect(r.output).toBe(`Wow\\![CAS](${CAS}) is here`);
    expect(markdownToText(r.output)).toBe('Wow!CAS is here');
  });

  it('counts the backslashes before that "!": an escaped "!" is left as it is, one after an escaped backslash is escaped', () => {
    const escaped = linkMarkdown(directory, 'Wow\\!CAS is here');
    expect(escaped.output).toBe(`Wow\\![CAS](${CAS}) is here`);
    expect(markdownToText(escaped.output)).toBe('Wow!CAS is here');
    const afterBackslash = linkMarkdown(directory, 'Wow\\\\!CAS is here');
    expect(afterBackslash.output).toBe(`Wow\\\\\\![CAS](${CAS}) is here`);
    expect(markdownToText(afterBackslash.output)).toBe('Wow\\!CAS is here');
  });

  it('does not make a link that would break emphasis; reports it', () => {
    const source = '**CAS**s';
    const r = linkMarkdown(directory, source);
    expect(markdownToText(r.output)).toBe(markdownToText(source));
    expect(linkMarkdown(directory, r.output).output).toBe(r.output);
  });

  it('reconciles its own links: retarget, unwrap, extend', () => {
    const source = '[CAS](/organizations/old) and [Gone](/organizations/gone) and [Chinese Academy](/organizations/x) of Sciences';
    const r = linkMarkdown(directory, source, { mode: 'all' });
    expect(r.output).toBe(`[CAS](${CAS}) and Gone and [Chinese Academy of Sciences](${CAS})`);
    expect(r.links.updated.map((l) => l.previousUrl)).toEqual(['/organizations/old']);
    expect(r.links.removed.map((l) => l.text)).toEqual(['Gone', 'Chinese Academy']);
    expect(r.links.added.map((l) => l.text)).toEqual(['Chinese Academy of Sciences']);
    const off = linkMarkdown(directory, r.output, { autolink: false });
    expect(off.output).toBe('CAS and Gone and Chinese Academy of Sciences');
  });

  it('rewrites links made with an earlier URL template it is told to recognise', () => {
    const r = linkMarkdown(directory, '[CAS](/orgs/chinese-academy-of-sciences)', { recognizeUrlTemplates: ['/orgs/{slug}'] });
    expect(r.output).toBe(`[CAS](${CAS})`);
  });

  it('writes URL templates safely', () => {
    const r = linkMarkdown(directory, 'CAS', { urlTemplate: 'https://example.org/o(x)/{slug}?a=1&b=2' });
    expect(r.output).toBe('[CAS](https://example.org/o%28x%29/chinese-academy-of-sciences?a=1\\&b=2)');
    expect(linkMarkdown(directory, r.output, { urlTemplate: 'https://example.org/o(x)/{slug}?a=1&b=2' }).changed).toBe(false);
  });
});

describe('markdownToText', () => {
  it('is the visible text: markup, escapes and entities resolved', () => {
    expect(markdownToText('# Title\n\nSome *em* and `code` &amp; \\*x\\* [a link](/u).\n\n```\nblock\n```')).toBe('Title\n\nSome em and code & *x* a link.\n\nblock');
  });
});

describe("an editor's own link counts (issue 16, rule 6)", () => {
  it('first-mention mode adds no second link to an organization the editor linked', () => {
    const source = 'The [CAS](https://english.cas.cn) said. Later CAS and SIA met.\n';
    const r = linkMarkdown(directory, source);
    expect(r.output).toBe('The [CAS](https://english.cas.cn) said. Later CAS and [SIA](/organizations/shenyang-institute-of-automation) met.\n');
    expect(r.mentions.map((m) => [m.text, m.linked, m.reason])).toEqual([
      ['CAS', false, 'inside-link'],
      ['CAS', false, 'linked-by-editor'],
      ['SIA', true, undefined],
    ]);
  });
  it('also when the editor linked a later mention; every-mention mode still links the others', () => {
    const source = 'CAS opens.\n\nSee [the CAS site](https://english.cas.cn).\n';
    expect(linkMarkdown(directory, source).changed).toBe(false);
    expect(linkMarkdown(directory, source, { mode: 'all' }).output).toBe(`[CAS](${CAS}) opens.\n\nSee [the CAS site](https://english.cas.cn).\n`);
  });
});

describe('markdown at length and odd characters (issue 16, bug 2)', () => {
  it('a NUL character keeps offsets and links after it, as in plain text', () => {
    const source = 'A\u0000b CAS and SIA.\n\nMore \u0000 CAS.';
    const r = linkMarkdown(directory, source);
    expect(r.mentions.map((m) => [m.start, m.end, source.slice(m.start, m.end), m.linked])).toEqual([
      [4, 7, 'CAS', true],
      [12, 15, 'SIA', true],
      [25, 28, 'CAS', false],
    ]);
    expect(r.output).toBe(`A\u0000b [CAS](${CAS}) and [SIA](/organizations/shenyang-institute-of-automation).\n\nMore \u0000 CAS.`);
    expect(linkMarkdown(directory, 'Bad \ud800 byte CAS.').output).toBe(`Bad \ud800 byte [CAS](${CAS}).`);
  });

  it('splicing links into one long paragraph takes time linear in its size', () => {
    const unit = 'The CAS and SIA met, then Chinese Academy of Sciences wrote! ';
    const prepared = (size: number) => {
      const source = unit.repeat(Math.ceil(size / unit.length));
      const options = resolveLinkOptions({ mode: 'all' });
      const mm = markdownModel(source, parseMarkdown(source), options.patterns);
      const plan = planLinks(directory, mm.model, options);
      return () => applyPlan(source, mm, plan.reconciliation.actions, plan.reconciliation.added);
    };
    const minTime = (fn: () => unknown): number => {
      let best = Number.POSITIVE_INFINITY;
      for (let r = 0; r < 5; r++) {
        const t = performance.now();
        fn();
        best = Math.min(best, performance.now() - t);
      }
      return best;
    };
    const small = prepared(250_000);
    const large = prepared(1_000_000); // 4× the size, about 16,000 links
    small();
    large();
    // Linear: about 4×; the old splice read the end of the growing output at each link (quadratic: about 16×).
    expect(minTime(large)).toBeLessThan(4 * 2.5 * minTime(small));
  }, 120_000);
});

describe('unconfirmed acronyms (issue 16, rule 7)', () => {
  const d = buildDirectory([
    { id: 1, name: 'Institute of Chemical Engineering', acronym: 'ICE' },
    { id: 2, name: 'Korea Institute of Science and Technology', acronym: 'KIST' },
  ]);
  it('are neither linked nor mentions, and are reported as possible mentions', () => {
    const source = 'The ICE left. KIST said.\n';
    const r = linkMarkdown(d, source);
    expect(r.output).toBe('The ICE left. [KIST](/organizations/korea-institute-of-science-and-technology) said.\n');
    expect(r.mentions.map((m) => m.text)).toEqual(['KIST']);
    expect(r.possible).toEqual([
      { id: 1, name: 'Institute of Chemical Engineering', slug: 'institute-of-chemical-engineering', start: 4, end: 7, text: 'ICE', reason: 'short-acronym' },
    ]);
    expect(linkMarkdown(d, 'ICE, the Institute of Chemical Engineering.').output).toBe(
      '[ICE](/organizations/institute-of-chemical-engineering), the Institute of Chemical Engineering.'
    );
  });
});
