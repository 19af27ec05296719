import fc from 'fast-check';
import { blocksLinkProblems, linkProblem } from './links';

describe('linkProblem (editor links)', () => {
  it.each([
    '/\\evil.example/x',
    '/\\tevil.example',
    '/\t/evil.example/x',
    'https:evil.example',
    '\\\\evil.example',
    '//evil.example',
    'https:/evil.example',
    ' /x',
    'javascript:alert(1)',
    'data:text/html,x',
    'JaVaScRiPt:x',
  ])('refuses %j', (url) => expect(linkProblem(url, 'editor')).not.toBeNull());

  it.each(['/organizations/cas', '/a/b?c=d#e', '#top', '?page=2', 'https://example.org/x', 'HTTP://EXAMPLE.ORG', 'mailto:a@example.org', 'tel:+8610'])('accepts %j', (url) =>
    expect(linkProblem(url, 'editor')).toBeNull()
  );

  it('never accepts a link that a browser on this site would send to another host', () => {
    const site = new URL('https://news.example.org/en/articles/x');
    fc.assert(
      fc.property(fc.stringMatching(/^[/\\\t a-z:.%@?#]{0,14}$/), (url) => {
        if (linkProblem(url, 'editor') !== null) return;
        const target = new URL(url, site);
        const explicit = /^(https?:\/\/|mailto:|tel:)/i.test(url);
        expect(explicit || target.host === site.host).toBe(true);
      }),
      { numRuns: 5000 }
    );
  });
});

describe('linkProblem (websites)', () => {
  it('accepts only http(s)://host URLs', () => {
    expect(linkProblem('https://www.example.org/about', 'website')).toBeNull();
    for (const url of ['https:evil.example', 'https:/evil.example', '//evil.example', '/x', 'https://evil.example\\x', 'ftp://example.org', 'https://']) {
      expect(linkProblem(url, 'website')).not.toBeNull();
    }
  });
});

describe('blocksLinkProblems', () => {
  it('names the place of each bad link, images included', () => {
    const body = [
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'a' },
          { type: 'link', url: '/\\evil.example', children: [{ type: 'text', text: 'x' }] },
        ],
      },
      { type: 'image', image: { url: '//cdn.evil.example/x.png' }, children: [] },
      { type: 'paragraph', children: [{ type: 'link', url: '/fine', children: [] }] },
    ];
    expect(blocksLinkProblems('body', body).map((problem) => problem.path.join('.'))).toEqual(['body.0.children.1.url', 'body.1.image.url']);
  });
});

describe('linkProblem, each refusal with its own message', () => {
  const DROPPED = 'must not contain tabs or line breaks, or begin or end with a space or control character';
  const WRITTEN = 'must be written as http(s)://host/…';
  it.each([
    ['editor', '/a\tb', DROPPED],
    ['editor', '/a\nb', DROPPED],
    ['editor', '/a\rb', DROPPED],
    ['editor', '\u0000/x', DROPPED],
    ['editor', '/x ', DROPPED],
    ['editor', '/x\u001f', DROPPED],
    ['editor', 'https://[::1', 'is not a valid URL'],
    ['editor', '//evil.example', 'leaves the site although it does not read as an absolute address (write https://host/… for another site)'],
    ['editor', 'javascript:alert(1)', 'must be an http(s), mailto or tel address, or a path of this site'],
    ['editor', 'ftp://example.org/x', 'must be an http(s), mailto or tel address, or a path of this site'],
    ['editor', 'https:\\\\evil.example', WRITTEN],
    ['website', 'ftp://example.org', 'must be an http:// or https:// URL'],
    ['website', 'not a url', 'must be an http:// or https:// URL'],
    ['website', 'https:evil.example', WRITTEN],
    ['website', 'https://evil.example\\x', 'must not contain a backslash (browsers read it as "/")'],
    ['website', ' https://example.org', DROPPED],
  ] as const)('%s link %j: %s', (kind, url, message) => expect(linkProblem(url, kind)).toBe(message));

  it('accepts a link whose inner characters are spaces or controls the parser keeps', () => {
    expect(linkProblem('/a b', 'editor')).toBeNull();
    expect(linkProblem('/a\u0001b', 'editor')).toBeNull();
    expect(linkProblem('HTTPS://Example.org/x', 'website')).toBeNull();
    expect(linkProblem('http://example.org', 'website')).toBeNull();
  });
});

describe('blocksLinkProblems, shapes it skips and walks', () => {
  it('reads nothing from a value that is not a list, or from nodes that are not objects', () => {
    expect(blocksLinkProblems('body', 'javascript:x')).toEqual([]);
    expect(blocksLinkProblems('body', { type: 'link', url: 'javascript:x' })).toEqual([]);
    expect(blocksLinkProblems('body', [null, 'javascript:x', 3])).toEqual([]);
  });

  it('checks links and images only, at any depth, in document order, with each message', () => {
    const body = [
      { type: 'text', url: 'javascript:x' },
      { type: 'image', url: 'javascript:x', image: { url: '/fine.png' } },
      { type: 'list', children: [{ type: 'list-item', children: [{ type: 'link', url: 'javascript:y', children: [] }] }] },
      { type: 'link', url: 42 },
      { type: 'image', image: { url: 'javascript:z' } },
    ];
    expect(blocksLinkProblems('body', body)).toEqual([
      { path: ['body', 2, 'children', 0, 'children', 0, 'url'], message: 'must be an http(s), mailto or tel address, or a path of this site' },
      { path: ['body', 4, 'image', 'url'], message: 'must be an http(s), mailto or tel address, or a path of this site' },
    ]);
  });
});

describe('linkProblem, links that look like the checks themselves', () => {
  // The check resolves each link against two placeholder pages (site-a.invalid over https,
  // site-b.invalid over http); a link naming one of those hosts is still another site.
  it('refuses scheme-relative links to either placeholder host', () => {
    const LEAVES = 'leaves the site although it does not read as an absolute address (write https://host/… for another site)';
    expect(linkProblem('//site-a.invalid/dir/x', 'editor')).toBe(LEAVES);
    expect(linkProblem('//site-b.invalid/other/x', 'editor')).toBe(LEAVES);
  });

  it('wants http(s):// at the start, not anywhere in the link', () => {
    expect(linkProblem('https:\\\\evil.example/?u=http://x', 'editor')).toBe('must be written as http(s)://host/…');
    expect(linkProblem('https:evil.example/?u=http://x', 'website')).toBe('must be written as http(s)://host/…');
  });

  it('reads an image address only on an image node', () => {
    expect(blocksLinkProblems('body', [{ type: 'paragraph', image: { url: 'javascript:x' }, children: [] }])).toEqual([]);
  });
});
