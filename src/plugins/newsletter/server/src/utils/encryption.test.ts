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

describe('secret box at its edges', () => {
  const box = createSecretBox('an encryption key');

  it('still opens what an earlier build sealed with the same key (stored secrets survive an upgrade)', () => {
    // Sealed once by this code's first version; the key derivation and format must not change.
    // The box is made inside the test so that the mutation run counts the derivation as covered here.
    expect(createSecretBox('an encryption key').decrypt('nl1:VaOSDrSyAaQnC7DZ:nsaWf+r2EdHL7nsYWE2dlnrr6iWR:tlXtjx9KAGINvJN2Y4fn3w==')).toBe('whsec_c2VjcmV0 中文');
  });

  it('seals as version, 12-byte IV, text and 16-byte tag, and round-trips any text', () => {
    const sealed = box.encrypt('中文 ünïcode 🙂');
    const [version, iv, text, tag, ...rest] = sealed.split(':');
    expect({ version, iv: Buffer.from(iv, 'base64').length, tag: Buffer.from(tag, 'base64').length, rest }).toEqual({ version: 'nl1', iv: 12, tag: 16, rest: [] });
    expect(text.length).toBeGreaterThan(0);
    expect(box.decrypt(sealed)).toBe('中文 ünïcode 🙂');
  });

  it('refuses a text with any part missing or another version, and says so without the value', () => {
    const [, iv, text, tag] = box.encrypt('whsec_c2VjcmV0').split(':');
    for (const broken of [`nl1::${text}:${tag}`, `nl1:${iv}::${tag}`, `nl1:${iv}:${text}:`, `nl1:${iv}:${text}`, `nl2:${iv}:${text}:${tag}`]) {
      expect(() => box.decrypt(broken)).toThrow(new Error('not an encrypted signing secret'));
    }
    const other = `nl1:${iv}:${Buffer.from('secret stuff').toString('base64')}:${tag}`;
    expect(() => box.decrypt(other)).toThrow(new Error('the signing secret cannot be decrypted: was ENCRYPTION_KEY changed? Rotate the endpoint secret'));
    expect(() => createSecretBox('')).toThrow(new Error('an encryption key is required (admin.secrets.encryptionKey, ENCRYPTION_KEY)'));
  });
});
