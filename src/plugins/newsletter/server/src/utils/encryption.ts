import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'nl1';

export interface SecretBox {
  encrypt(plain: string): string;
  /** Throws (without echoing the value) when the text was not sealed with this key. */
  decrypt(sealed: string): string;
}

/**
 * AES-256-GCM with a key derived (HKDF) from the app's ENCRYPTION_KEY, so that signing
 * secrets are unreadable in a database dump and the derived key serves nothing else.
 */
export const createSecretBox = (encryptionKey: string): SecretBox => {
  if (!encryptionKey) throw new Error('an encryption key is required (admin.secrets.encryptionKey, ENCRYPTION_KEY)');
  const key = Buffer.from(hkdfSync('sha256', encryptionKey, 'newsroom', 'newsletter webhook signing secrets', 32));
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64'), sealed.toString('base64'), cipher.getAuthTag().toString('base64')].join(':');
    },
    decrypt(text) {
      const [version, iv, sealed, tag] = text.split(':');
      if (version !== VERSION || !iv || !sealed || !tag) throw new Error('not an encrypted signing secret');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
        decipher.setAuthTag(Buffer.from(tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        throw new Error('the signing secret cannot be decrypted: was ENCRYPTION_KEY changed? Rotate the endpoint secret');
      }
    },
  };
};
