import { parseAllowList } from './address';
import { checkTarget, type Resolve } from './target';

const resolver =
  (table: Record<string, string[]>): Resolve =>
  (host) => {
    const addresses = table[host];
    // Rejected, as the real resolver does, rather than thrown.
    if (!addresses) return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }));
    return Promise.resolve(addresses);
  };

const dns = resolver({
  'hooks.example.org': ['93.184.216.34'],
  'internal.example.org': ['10.1.2.3'],
  'mixed.example.org': ['10.1.2.3', '93.184.216.34'],
  'metadata.example.org': ['169.254.169.254'],
  localhost: ['127.0.0.1', '::1'],
});

describe('checkTarget', () => {
  const none = parseAllowList([]);

  it('accepts a host with a public address', async () => {
    expect(await checkTarget(new URL('https://hooks.example.org/x'), none, dns)).toEqual({ ok: true, addresses: ['93.184.216.34'] });
    expect(await checkTarget(new URL('https://mixed.example.org/x'), none, dns)).toEqual({ ok: true, addresses: ['93.184.216.34'] });
  });

  it('refuses a host that resolves only to refused addresses, naming the address', async () => {
    expect(await checkTarget(new URL('https://internal.example.org/x'), none, dns)).toEqual({
      ok: false,
      message: 'host "internal.example.org" resolves to a private address (10.1.2.3), which is not allowed',
    });
    expect(await checkTarget(new URL('http://metadata.example.org/'), none, dns)).toEqual({
      ok: false,
      message: 'host "metadata.example.org" resolves to a cloud metadata address (169.254.169.254), which is not allowed',
    });
  });

  it('checks IP literals without DNS, brackets and mapped forms included', async () => {
    expect(await checkTarget(new URL('http://10.0.0.1/'), none, dns)).toEqual({ ok: false, message: 'points to a private address (10.0.0.1), which is not allowed' });
    expect(await checkTarget(new URL('http://[::1]:8080/'), none, dns)).toEqual({ ok: false, message: 'points to a loopback address (::1), which is not allowed' });
    expect(await checkTarget(new URL('http://[::ffff:127.0.0.1]/'), none, dns)).toMatchObject({ ok: false });
  });

  it('lets the allow list open loopback for local receivers', async () => {
    const list = parseAllowList(['127.0.0.1']);
    expect(await checkTarget(new URL('http://localhost:4000/'), list, dns)).toEqual({ ok: true, addresses: ['127.0.0.1'] });
    expect(await checkTarget(new URL('http://127.0.0.1:4000/'), list, dns)).toEqual({ ok: true, addresses: ['127.0.0.1'] });
  });

  it('refuses a host that does not resolve', async () => {
    expect(await checkTarget(new URL('http://nowhere.invalid/'), none, dns)).toEqual({ ok: false, message: 'host "nowhere.invalid" could not be resolved (ENOTFOUND)' });
  });
});
