import { Webhook } from 'standardwebhooks';
import { generateSecret, newMessageId, secretHint, sign, signatureHeader } from './signing';

describe('signing', () => {
  it('generates whsec_ + base64 of 32 random bytes', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(generateSecret()).not.toBe(secret);
  });

  it('signs id.timestamp.body as the standardwebhooks library verifies it', () => {
    const secret = generateSecret();
    const body = JSON.stringify({ type: 'article.published', data: { title: '中文 and "quotes"' } });
    const timestamp = Math.floor(Date.now() / 1000);
    const header = signatureHeader([secret], 'msg_1', timestamp, body);
    expect(header).toBe(sign(secret, 'msg_1', timestamp, body));
    expect(header).toBe(new Webhook(secret).sign('msg_1', new Date(timestamp * 1000), body));
    expect(() => new Webhook(secret).verify(body, { 'webhook-id': 'msg_1', 'webhook-timestamp': String(timestamp), 'webhook-signature': header })).not.toThrow();
  });

  it('signs with every active secret during a rotation, each verifying on its own', () => {
    const [current, previous] = [generateSecret(), generateSecret()];
    const timestamp = Math.floor(Date.now() / 1000);
    const header = signatureHeader([current, previous], 'msg_2', timestamp, '{}');
    expect(header.split(' ')).toHaveLength(2);
    for (const secret of [current, previous]) {
      expect(() => new Webhook(secret).verify('{}', { 'webhook-id': 'msg_2', 'webhook-timestamp': String(timestamp), 'webhook-signature': header })).not.toThrow();
    }
    expect(() => new Webhook(generateSecret()).verify('{}', { 'webhook-id': 'msg_2', 'webhook-timestamp': String(timestamp), 'webhook-signature': header })).toThrow();
  });

  it('masks secrets to their last four characters', () => {
    expect(secretHint('whsec_abcdefgh1234=')).toBe('whsec_…1234');
  });

  it('makes time-ordered message ids', () => {
    const first = newMessageId(1_000);
    const second = newMessageId(2_000);
    expect(first).toMatch(/^msg_[0-9a-z]{9}[0-9a-f]{20}$/);
    expect(first < second).toBe(true);
  });
});

describe('signing at its edges', () => {
  it('masks a secret to the last four characters before its padding', () => {
    expect(secretHint('whsec_abcdefgh12==')).toBe('whsec_…gh12');
    expect(secretHint('whsec_abcdefgh')).toBe('whsec_…efgh');
  });

  it('reads a secret with or without the whsec_ prefix as the same key', () => {
    const bare = Buffer.alloc(32, 7).toString('base64');
    expect(sign(bare, 'msg_1', 1_700_000_000, '{}')).toBe(sign(`whsec_${bare}`, 'msg_1', 1_700_000_000, '{}'));
    expect(sign(bare, 'msg_1', 1_700_000_000, '{}')).toBe(new Webhook(bare).sign('msg_1', new Date(1_700_000_000_000), '{}'));
    expect(sign(`whsec_${Buffer.alloc(32, 8).toString('base64')}`, 'msg_1', 1_700_000_000, '{}')).not.toBe(sign(bare, 'msg_1', 1_700_000_000, '{}'));
  });

  it('joins one signature per secret with a single space, and signs nothing without a secret', () => {
    const [a, b] = [generateSecret(), generateSecret()];
    expect(signatureHeader([a, b], 'msg_1', 1, 'x')).toBe(`${sign(a, 'msg_1', 1, 'x')} ${sign(b, 'msg_1', 1, 'x')}`);
    expect(signatureHeader([], 'msg_1', 1, 'x')).toBe('');
  });

  it('starts a message id with the time in base 36, padded to nine characters, now by default', () => {
    expect(newMessageId(0)).toMatch(/^msg_000000000[0-9a-f]{20}$/);
    expect(newMessageId(35)).toMatch(/^msg_00000000z/);
    const before = Date.now();
    const id = newMessageId();
    const at = parseInt(id.slice(4, 13), 36);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
    expect(newMessageId(5)).not.toBe(newMessageId(5));
  });
});
