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
