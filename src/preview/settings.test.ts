import { previewTtlSeconds } from './settings';

describe('PREVIEW_URL_TTL_SECONDS', () => {
  it('defaults to 5 minutes', () => {
    expect(previewTtlSeconds({})).toBe(300);
    expect(previewTtlSeconds({ PREVIEW_URL_TTL_SECONDS: ' ' })).toBe(300);
  });
  it('accepts whole seconds from 10 to 3600', () => {
    expect(previewTtlSeconds({ PREVIEW_URL_TTL_SECONDS: '60' })).toBe(60);
  });
  it.each(['5', '3601', '1.5', 'ten'])('refuses %p naming the setting', (value) => {
    expect(() => previewTtlSeconds({ PREVIEW_URL_TTL_SECONDS: value })).toThrow(/PREVIEW_URL_TTL_SECONDS: must be a whole number of seconds from 10 to 3600/);
  });
});
