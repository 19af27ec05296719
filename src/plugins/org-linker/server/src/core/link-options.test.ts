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
