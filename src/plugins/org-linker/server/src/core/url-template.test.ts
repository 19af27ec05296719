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

/** Each ASCII character against RFC 3986's sets, written here as the RFC lists them. */
describe('URL characters, one by one', () => {
  const ASCII = Array.from({ length: 0x80 }, (_, code) => String.fromCharCode(code));
  const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
  const RESERVED = /^[:/?#[\]@!$&'()*+,;=]$/;
  const HEX = /^[0-9A-Fa-f]$/;

  it('accepts in a template exactly the unreserved and reserved characters', () => {
    const accepted = ASCII.filter((ch) => ch !== '%' && acceptsTemplate(`/o/a${ch}b/{slug}`));
    expect(accepted).toEqual(ASCII.filter((ch) => ch !== '%' && (UNRESERVED.test(ch) || RESERVED.test(ch))));
  });

  it('accepts a percent escape exactly when both digits are hexadecimal, before and after {slug}', () => {
    for (const first of ASCII) {
      const well = HEX.test(first);
      expect([first, acceptsTemplate(`/o/%${first}0/{slug}`), acceptsTemplate(`/o/{slug}%${first}0`)]).toEqual([first, well, well]);
    }
    // The same with the second digit varied over every ASCII character.
    for (const second of ASCII) expect([second, acceptsTemplate(`/o/%a${second}/{slug}`)]).toEqual([second, HEX.test(second)]);
    // A percent sign too near the end to have two digits.
    expect(acceptsTemplate('/o/{slug}%')).toBe(false);
    expect(acceptsTemplate('/o/{slug}%a')).toBe(false);
  });

  it('recognises as a slug exactly the unreserved characters and percent escapes', () => {
    const p = urlPattern('/organizations/{slug}');
    const recognised = ASCII.filter((ch) => engineSlug(p, `/organizations/a${ch}b`) !== null);
    expect(recognised).toEqual(ASCII.filter((ch) => UNRESERVED.test(ch)));
    for (const first of ASCII) {
      expect([first, engineSlug(p, `/organizations/x%${first}0`) !== null]).toEqual([first, HEX.test(first)]);
      expect([first, engineSlug(p, `/organizations/x%0${first}`) !== null]).toEqual([first, HEX.test(first)]);
    }
    // Followed by two hexadecimal digits, only "%" starts an escape.
    expect(ASCII.filter((ch) => engineSlug(p, `/organizations/a${ch}00`) !== null)).toEqual(ASCII.filter((ch) => UNRESERVED.test(ch) || ch === '%'));
    expect(engineSlug(p, '/organizations/%41')).toBe('A');
    expect(engineSlug(p, '/organizations/x%4')).toBeNull();
    // A malformed UTF-8 escape is slug-shaped but not decodable: the raw value is returned.
    expect(engineSlug(p, '/organizations/%C3')).toBe('%C3');
  });

  it('encodes the characters encodeURIComponent leaves but RFC 3986 reserves, in upper-case hex', () => {
    expect(encodeSlug("!'()*")).toBe('%21%27%28%29%2A');
  });

  it('finds the host up to the first of "/", "?" or "#", whichever comes first', () => {
    expect(acceptsTemplate('https://example.org?q={slug}')).toBe(true);
    expect(acceptsTemplate('https://example.org#{slug}')).toBe(true);
    expect(() => validateUrlTemplate('https://?{slug}')).toThrow(/no host/);
    expect(() => validateUrlTemplate('https://#{slug}')).toThrow(/no host/);
    // "/" at the start of the host: nothing before it, so no host.
    expect(() => validateUrlTemplate('http:///{slug}')).toThrow(/no host/);
    // The host ends at "?" although a "/" comes later.
    expect(() => validateUrlTemplate('https://a?b/{slug}@x')).not.toThrow();
    expect(() => validateUrlTemplate('https://a@b?{slug}')).toThrow(/credentials/);
  });

  it('names each refusal', () => {
    expect(() => validateUrlTemplate(42)).toThrow(/must be a string/);
    expect(() => validateUrlTemplate('{slug}{slug}')).toThrow(/only once/);
    expect(() => validateUrlTemplate('https://exa[mple.org/{slug}')).toThrow(/is not a valid URL/);
  });
});

/** Whether the template is accepted; a refusal must be the typed UrlTemplateError. */
const acceptsTemplate = (template: string): boolean => {
  try {
    validateUrlTemplate(template);
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(UrlTemplateError);
    return false;
  }
};
