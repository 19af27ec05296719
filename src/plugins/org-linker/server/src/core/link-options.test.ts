import { LinkOptionsError, UrlTemplateError } from './errors';
import { resolveLinkOptions } from './link-options';

describe('resolveLinkOptions', () => {
  it('applies defaults', () => {
    const o = resolveLinkOptions();
    expect(o).toMatchObject({ mode: 'first', maxLinks: Number.POSITIVE_INFINITY, linkInHeadings: false, autolink: true, resolutions: [] });
    expect(o.pattern).toEqual({ template: '/organizations/{slug}', prefix: '/organizations/', suffix: '' });
    expect([...o.ignored]).toEqual([]);
  });
  it('recognises earlier templates after the current one, once each', () => {
    const o = resolveLinkOptions({ urlTemplate: '/o/{slug}', recognizeUrlTemplates: ['/orgs/{slug}', '/o/{slug}', '/orgs/{slug}'] });
    expect(o.patterns.map((p) => p.template)).toEqual(['/o/{slug}', '/orgs/{slug}']);
  });

  it('compares ignored ids as strings', () => {
    expect([...resolveLinkOptions({ ignoredIds: [1, 'b'] }).ignored]).toEqual(['1', 'b']);
  });
  it('rejects bad options with typed errors', () => {
    expect(() => resolveLinkOptions({ maxLinks: -1 })).toThrow(LinkOptionsError);
    expect(() => resolveLinkOptions({ mode: 'some' as 'all' })).toThrow(/mode/);
    expect(() => resolveLinkOptions({ urlTemplate: 'javascript:{slug}' })).toThrow(UrlTemplateError);
    expect(() => resolveLinkOptions({ recognizeUrlTemplates: ['data:{slug}'] })).toThrow(LinkOptionsError);
  });
});

describe('resolveLinkOptions: which option an error names', () => {
  it('names the option at fault, and "options" when the options are not an object at all', () => {
    const optionOf = (options: unknown): string => {
      try {
        resolveLinkOptions(options as Parameters<typeof resolveLinkOptions>[0]);
      } catch (error) {
        if (error instanceof LinkOptionsError) return error.option;
        throw error;
      }
      throw new Error('accepted');
    };
    expect(optionOf('first')).toBe('options');
    expect(optionOf({ maxLinks: -1 })).toBe('maxLinks');
    expect(optionOf({ resolutions: [{ text: 'CAS' }] })).toBe('resolutions.0.id');
    expect(optionOf({ recognizeUrlTemplates: ['/o/{slug}', 'data:{slug}'] })).toBe('recognizeUrlTemplates');
  });

  it('keeps two earlier templates that share a prefix or a suffix but not both', () => {
    const o = resolveLinkOptions({ urlTemplate: '/o/{slug}/', recognizeUrlTemplates: ['/o/{slug}', '/a/{slug}/', '/o/{slug}/'] });
    expect(o.patterns.map((p) => p.template)).toEqual(['/o/{slug}/', '/o/{slug}', '/a/{slug}/']);
  });
});
