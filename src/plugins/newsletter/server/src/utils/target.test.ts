import { parseAllowList } from './address';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { BlockedAddressError, checkTarget, createSafeLookup, hostOf, type Resolve } from './target';

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

describe('target checks at their edges', () => {
  const none = parseAllowList([]);

  it('reads a bracketed IPv6 host without its brackets, and a name as it is', () => {
    expect(hostOf(new URL('http://[2606:4700::1111]:8080/x'))).toBe('2606:4700::1111');
    expect(hostOf(new URL('https://hooks.example.org/x'))).toBe('hooks.example.org');
  });

  it('accepts a public IPv6 literal, and names a mapped loopback by its IPv4 form', async () => {
    expect(await checkTarget(new URL('http://[2606:4700::1111]/'), none, dns)).toEqual({ ok: true, addresses: ['2606:4700::1111'] });
    expect(await checkTarget(new URL('http://[::ffff:127.0.0.1]/'), none, dns)).toEqual({ ok: false, message: 'points to a loopback address (127.0.0.1), which is not allowed' });
  });

  it('keeps every allowed address in order, and names the first refused one when none is allowed', async () => {
    const table = resolver({ many: ['93.184.216.34', '10.1.2.3', '1.1.1.1'], refused: ['10.1.2.3', '127.0.0.1'], empty: [] });
    expect(await checkTarget(new URL('http://many/'), none, table)).toEqual({ ok: true, addresses: ['93.184.216.34', '1.1.1.1'] });
    expect(await checkTarget(new URL('http://refused/'), none, table)).toEqual({
      ok: false,
      message: 'host "refused" resolves to a private address (10.1.2.3), which is not allowed',
    });
    expect(await checkTarget(new URL('http://empty/'), none, table)).toEqual({ ok: false, message: 'host "empty" has no address' });
  });

  it("says a host could not be resolved, with the resolver's code when it has one", async () => {
    const failing: Resolve = () => Promise.reject(new Error('resolver down'));
    expect(await checkTarget(new URL('http://hooks.example.org/'), none, failing)).toEqual({ ok: false, message: 'host "hooks.example.org" could not be resolved' });
  });

  it('resolves with the system resolver by default', async () => {
    expect(await checkTarget(new URL('http://localhost:4000/'), parseAllowList(['127.0.0.1', '::1']), undefined)).toMatchObject({ ok: true });
    expect(await checkTarget(new URL('http://localhost:4000/'), none)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^host "localhost" resolves to a loopback address/),
    });
  });

  it('hands a socket only allowed addresses: all of them, or the first with its family', async () => {
    const lookup = (allow: string[], options: LookupOptions) =>
      new Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number }>((resolve) =>
        createSafeLookup(parseAllowList(allow))('localhost', options, (error, address, family) => resolve({ error, address, family }))
      );
    expect(await lookup(['127.0.0.1'], { all: true })).toEqual({ error: null, address: [{ address: '127.0.0.1', family: 4 }], family: undefined });
    expect(await lookup(['127.0.0.1'], {})).toEqual({ error: null, address: '127.0.0.1', family: 4 });
    const refused = await lookup([], {});
    expect(refused.error).toBeInstanceOf(BlockedAddressError);
    expect(refused.error).toMatchObject({
      code: 'EADDRBLOCKED',
      message: expect.stringMatching(/^localhost resolves to a loopback address \((127\.0\.0\.1|::1)\), which is not allowed$/),
    });
    expect(refused.address).toBe('');
  });
});
