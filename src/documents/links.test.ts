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
