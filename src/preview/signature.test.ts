import fc from 'fast-check';
import { previewKey, previewPath, signPreview, verifyPreview, type PreviewTarget } from './signature';

const key = previewKey('test-secret');
const target: PreviewTarget = { documentId: 'abc123', locale: 'en', status: 'draft' };
const NOW = 1_700_000_000;

const parse = (path: string) => {
  const url = new URL(path, 'http://x');
  return { documentId: decodeURIComponent(url.pathname.split('/').pop() ?? ''), query: Object.fromEntries(url.searchParams) };
};

describe('preview signatures', () => {
  it('accepts the URL it made, for exactly its target', () => {
    const { documentId, query } = parse(previewPath(target, key, NOW, 300));
    expect(verifyPreview(documentId, query, key, NOW + 299)).toEqual({ ok: true, target });
  });

  it('refuses an expired URL naming expires', () => {
    const { documentId, query } = parse(previewPath(target, key, NOW, 300));
    expect(verifyPreview(documentId, query, key, NOW + 301)).toEqual({ ok: false, refusal: expect.objectContaining({ status: 403, parameter: 'expires' }) });
  });

  it('refuses a URL without signature naming signature', () => {
    expect(verifyPreview('abc123', { locale: 'en', status: 'draft', expires: String(NOW + 100) }, key, NOW)).toEqual({
      ok: false,
      refusal: expect.objectContaining({ status: 403, parameter: 'signature', message: expect.stringContaining('missing') }),
    });
  });

  it('refuses another document, locale, status or a pushed-back expiry with the same signature', () => {
    const { documentId, query } = parse(previewPath(target, key, NOW, 300));
    const cases: [string, Record<string, string>][] = [
      ['other-document', query],
      [documentId, { ...query, locale: 'zh-Hans' }],
      [documentId, { ...query, status: 'published' }],
      [documentId, { ...query, expires: String(Number(query.expires) + 3600) }],
    ];
    for (const [id, changed] of cases) {
      expect(verifyPreview(id, changed, key, NOW)).toEqual({ ok: false, refusal: expect.objectContaining({ status: 403, parameter: 'signature' }) });
    }
  });

  it('refuses a signature made with another key', () => {
    const { documentId, query } = parse(previewPath(target, previewKey('another-secret'), NOW, 300));
    expect(verifyPreview(documentId, query, key, NOW)).toEqual({ ok: false, refusal: expect.objectContaining({ status: 403, parameter: 'signature' }) });
  });

  it('refuses malformed parameters with 400 naming them', () => {
    const good = { locale: 'en', status: 'draft', expires: String(NOW), signature: 'x' };
    expect(verifyPreview('a', { ...good, status: 'other' }, key, NOW)).toEqual({ ok: false, refusal: expect.objectContaining({ status: 400, parameter: 'status' }) });
    expect(verifyPreview('a', { ...good, expires: 'soon' }, key, NOW)).toEqual({ ok: false, refusal: expect.objectContaining({ status: 400, parameter: 'expires' }) });
    expect(verifyPreview('a', { ...good, locale: ['en', 'zh-Hans'] }, key, NOW)).toEqual({ ok: false, refusal: expect.objectContaining({ status: 400, parameter: 'locale' }) });
  });

  it('property: any change to any signed field is refused', () => {
    const field = fc.string({ minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(field, field, fc.constantFrom('draft' as const, 'published' as const), field, (documentId, locale, status, other) => {
        const expires = NOW + 60;
        const signature = signPreview({ documentId, locale, status }, expires, key);
        const query = { locale, status, expires: String(expires), signature };
        expect(verifyPreview(documentId, query, key, NOW).ok).toBe(true);
        if (other !== documentId) expect(verifyPreview(other, query, key, NOW).ok).toBe(false);
        if (other !== locale) expect(verifyPreview(documentId, { ...query, locale: other }, key, NOW).ok).toBe(false);
      })
    );
  });
});
