import { blocksToHtml, CONTENT_SECURITY_POLICY, escapeHtml, renderPreviewPage, type PreviewArticle } from './render';

const t = (text: string, marks: Record<string, boolean> = {}) => ({ type: 'text', text, ...marks });
const link = (url: string, text: string) => ({ type: 'link', url, children: [t(text)] });

describe('blocks to HTML', () => {
  it('renders every block type', () => {
    const html = blocksToHtml([
      { type: 'paragraph', children: [t('plain ')] },
      { type: 'heading', level: 3, children: [t('Heading')] },
      { type: 'quote', children: [t('Quoted')] },
      { type: 'code', language: 'js', children: [t('let a = 1 < 2;')] },
      {
        type: 'list',
        format: 'ordered',
        children: [
          { type: 'list-item', children: [t('one')] },
          { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [t('inner')] }] },
        ],
      },
      { type: 'image', image: { url: '/uploads/a.png', alternativeText: 'An "image"', caption: 'Caption' }, children: [t('')] },
    ]);
    expect(html).toContain('<p>plain </p>');
    expect(html).toContain('<h3>Heading</h3>');
    expect(html).toContain('<blockquote>Quoted</blockquote>');
    expect(html).toContain('<pre><code>let a = 1 &lt; 2;</code></pre>');
    expect(html).toContain('<ol><li>one</li><li class="nested"><ul><li>inner</li></ul></li></ol>');
    expect(html).toContain('<figure><img src="/uploads/a.png" alt="An &quot;image&quot;"><figcaption>Caption</figcaption></figure>');
  });

  it('renders marks and line breaks', () => {
    expect(blocksToHtml([{ type: 'paragraph', children: [t('a\nb', { bold: true, italic: true, underline: true, strikethrough: true, code: true })] }])).toBe(
      '<p><s><u><em><strong><code>a<br>b</code></strong></em></u></s></p>'
    );
  });

  it('renders links exactly as stored, with the address visible beside the name', () => {
    const html = blocksToHtml([{ type: 'paragraph', children: [t('Members of '), link('/organizations/waitro', 'WAITRO'), t('.')] }]);
    expect(html).toBe('<p>Members of <a href="/organizations/waitro" title="/organizations/waitro">WAITRO</a> <span class="href">/organizations/waitro</span>.</p>');
  });

  it('never makes a script address clickable, and shows it', () => {
    const html = blocksToHtml([{ type: 'paragraph', children: [link('javascript:alert(1)', 'click')] }]);
    expect(html).not.toContain('<a ');
    expect(html).toContain('<span class="href">javascript:alert(1)</span>');
  });

  it('keeps the text of an unknown block and ignores what is not a block', () => {
    expect(blocksToHtml([{ type: 'mystery', children: [t('kept')] }, null, 'x'])).toBe('<p class="unknown">kept</p>');
    expect(blocksToHtml('not blocks')).toBe('');
  });
});

describe('escaping', () => {
  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  const XSS = `"><script>alert(1)</script><img src=x onerror=alert(2)>`;
  const hostile: PreviewArticle = {
    title: XSS,
    date: '2024-05-01',
    locale: 'en',
    status: 'draft',
    author: { name: XSS },
    body: [
      { type: 'paragraph', children: [t(XSS), link(`/organizations/x" onmouseover="alert(3)`, XSS)] },
      { type: 'heading', level: '1><script>alert(4)</script>', children: [t('h')] },
      { type: 'image', image: { url: `/u.png" onerror="alert(5)`, alternativeText: XSS, caption: XSS }, children: [] },
    ],
    mentionedOrganizations: [{ name: XSS, acronym: XSS }],
  };

  it('makes an XSS payload inert everywhere editors write', () => {
    const html = renderPreviewPage(hostile);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img src=x/i);
    // No attribute is ever opened by editor text: every quote inside an attribute is escaped.
    expect(html).not.toMatch(/" on\w+=/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<h2>h</h2>');
  });

  it('has a policy that allows no script at all', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src|unsafe-inline|unsafe-eval/);
  });
});

describe('the page', () => {
  const article: PreviewArticle = {
    title: 'SIIT joins WAITRO',
    date: '2023-09-13',
    locale: 'en',
    status: 'draft',
    author: { name: 'Li Wei' },
    body: [{ type: 'paragraph', children: [link('/organizations/waitro', 'WAITRO')] }],
    mentionedOrganizations: [{ name: 'World Association of Industrial and Technological Research Organizations', acronym: 'WAITRO' }],
  };

  it('shows title, date, author, body and the organizations named, in English', () => {
    const html = renderPreviewPage(article);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).toContain('<h1>SIIT joins WAITRO</h1>');
    expect(html).toContain('<time datetime="2023-09-13">13 September 2023</time>');
    expect(html).toContain('By <span class="author">Li Wei</span>');
    expect(html).toContain('<h2>Organizations named</h2>');
    expect(html).toContain('<li>World Association of Industrial and Technological Research Organizations (WAITRO)</li>');
    expect(html).toContain('draft, not published');
  });

  it('uses Chinese labels for a Chinese article', () => {
    const html = renderPreviewPage({ ...article, locale: 'zh-Hans', mentionedOrganizations: [], author: null });
    expect(html).toContain('<html lang="zh-Hans">');
    expect(html).toContain('2023年9月13日');
    expect(html).toContain('<h2>文中提及的机构</h2>');
    expect(html).toContain('无作者');
    expect(html).toContain('草稿，未发布');
  });
});
