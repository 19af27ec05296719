import { createSecretBox } from './encryption';

describe('secret box', () => {
  const box = createSecretBox('an encryption key');

  it('round-trips, with a fresh IV each time, and never stores the plain text', () => {
    const sealed = box.encrypt('whsec_c2VjcmV0');
    expect(sealed).toMatch(/^nl1:/);
    expect(sealed).not.toContain('c2VjcmV0');
    expect(box.encrypt('whsec_c2VjcmV0')).not.toBe(sealed);
    expect(box.decrypt(sealed)).toBe('whsec_c2VjcmV0');
  });

  it('refuses another key or tampered text without echoing the value', () => {
    const sealed = box.encrypt('whsec_c2VjcmV0');
    expect(() => createSecretBox('another key').decrypt(sealed)).toThrow(/cannot be decrypted/);
    const [version, iv, text, tag] = sealed.split(':');
    const flipped = Buffer.from(text, 'base64');
    flipped[0] ^= 1;
    expect(() => box.decrypt([version, iv, flipped.toString('base64'), tag].join(':'))).toThrow(/cannot be decrypted/);
    expect(() => box.decrypt('plain')).toThrow('not an encrypted signing secret');
  });

  it('needs a key', () => {
    expect(() => createSecretBox('')).toThrow(/encryption key is required/);
  });
});
