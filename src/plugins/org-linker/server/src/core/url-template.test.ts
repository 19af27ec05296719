import { UrlTemplateError } from './errors';
import { encodeSlug, engineSlug, renderUrl, urlPattern, validateUrlTemplate } from './url-template';

describe('validateUrlTemplate', () => {
  it.each(['/organizations/{slug}', '/o/{slug}.html', 'https://example.org/orgs/{slug}?ref=a&b=1', 'http://localhost:1337/x/{slug}#top', '/o/(x)/{slug}'])('accepts %s', (t) =>
    expect(validateUrlTemplate(t)).toBe(t)
  );
  it.each([
    ['/organizations/', /must contain \{slug\}/],
    ['/o/{slug}/{slug}', /only once/],
    ['javascript:alert(1)//{slug}', /must start with/],
    ['data:text/html,{slug}', /must start with/],
    ['//evil.example/{slug}', /another host/],
    ['organizations/{slug}', /must start with/],
    ['https://{slug}.example.org/', /host must not depend/],
    ['https://user:pw@example.org/{slug}', /credentials/],
    ['https:///{slug}', /no host/],
    ['/o/{slug} x', /not allowed/],
    ['/o/"{slug}"', /not allowed/],
    ['/o/%zz/{slug}', /percent escape/],
    ['/o/{slug}<script>', /not allowed/],
  ])('rejects %s', (t, message) => {
    expect(() => validateUrlTemplate(t)).toThrow(UrlTemplateError);
    expect(() => validateUrlTemplate(t)).toThrow(message);
  });
  it('rejects non-strings', () => {
    expect(() => validateUrlTemplate(42)).toThrow(UrlTemplateError);
  });
});

describe('rendering and recognising URLs', () => {
  const p = urlPattern('/organizations/{slug}');
  it('percent-encodes slugs', () => {
    expect(encodeSlug("a b/c'd(é)")).toBe('a%20b%2Fc%27d%28%C3%A9%29');
    expect(renderUrl(p, 'chinese-academy-of-sciences')).toBe('/organizations/chinese-academy-of-sciences');
  });
  it('recognises engine URLs with any slug-shaped value', () => {
    expect(engineSlug(p, '/organizations/anything-here_1.x~')).toBe('anything-here_1.x~');
    expect(engineSlug(p, '/organizations/caf%C3%A9')).toBe('café');
    expect(engineSlug(p, '/organizations/')).toBeNull();
    expect(engineSlug(p, '/organizations/a/b')).toBeNull();
    expect(engineSlug(p, '/organizations/a b')).toBeNull();
    expect(engineSlug(p, 'https://cas.cn')).toBeNull();
  });
  it('writes parentheses of a template percent-encoded', () => {
    const q = urlPattern('/o/(x)/{slug}?a=(1)');
    expect(renderUrl(q, 's')).toBe('/o/%28x%29/s?a=%281%29');
    expect(engineSlug(q, '/o/%28x%29/s?a=%281%29')).toBe('s');
  });
});
