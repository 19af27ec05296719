import fc from 'fast-check';
import { checkAddress, classifyAddress, parseAllowList } from './address';
import { checkTarget } from './target';

const none = parseAllowList([]);

describe('classifyAddress', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['2001:4860:4860::8888', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.1', 'private'],
    ['100.64.0.1', 'shared'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['64:ff9b::7f00:1', 'translated'],
    ['2002:7f00:1::', 'translated'],
    ['192.0.2.1', 'documentation'],
    ['not-an-ip', 'invalid'],
  ])('%s is %s', (address, category) => {
    expect(classifyAddress(address).category).toBe(category);
  });

  it('sees through IPv4-mapped IPv6', () => {
    expect(classifyAddress('::ffff:127.0.0.1')).toEqual({ address: '127.0.0.1', category: 'loopback' });
    expect(classifyAddress('::ffff:a01:203')).toEqual({ address: '10.1.2.3', category: 'private' });
    expect(classifyAddress('::ffff:169.254.169.254')).toEqual({ address: '169.254.169.254', category: 'metadata' });
  });
});

describe('checkAddress', () => {
  it('allows public addresses and refuses the rest with a reason', () => {
    expect(checkAddress('93.184.216.34', none)).toEqual({ allowed: true, address: '93.184.216.34' });
    expect(checkAddress('10.0.0.1', none)).toEqual({ allowed: false, address: '10.0.0.1', reason: 'a private address (10.0.0.1)' });
    expect(checkAddress('::ffff:127.0.0.1', none)).toEqual({ allowed: false, address: '127.0.0.1', reason: 'a loopback address (127.0.0.1)' });
  });

  it('allows what the allow list names: addresses and CIDR ranges, mapped forms included', () => {
    const list = parseAllowList(['127.0.0.1', '10.20.0.0/16', '::ffff:192.168.5.0/120']);
    expect(checkAddress('127.0.0.1', list).allowed).toBe(true);
    expect(checkAddress('::ffff:127.0.0.1', list).allowed).toBe(true);
    expect(checkAddress('127.0.0.2', list).allowed).toBe(false);
    expect(checkAddress('::1', list).allowed).toBe(false);
    expect(checkAddress('10.20.3.4', list).allowed).toBe(true);
    expect(checkAddress('10.21.3.4', list).allowed).toBe(false);
    expect(checkAddress('192.168.5.9', list).allowed).toBe(true);
  });

  it('refuses a malformed allow-list entry by name', () => {
    expect(() => parseAllowList(['127.0.0.1', 'localhost'])).toThrow('"localhost" is not an IP address or CIDR range');
  });
});

describe('only global unicast is public, whatever the spelling', () => {
  it.each([
    // The finding's addresses
    ['::127.0.0.1', 'translated'],
    ['::7f00:1', 'translated'],
    ['64:ff9b:1::7f00:1', 'translated'],
    ['64:ff9b:1:7f00:0:100::', 'translated'],
    ['fec0::1', 'site-local'],
    ['FEC0:0:0:0:0:0:0:1', 'site-local'],
    // IPv4 special-purpose ranges
    ['192.0.0.170', 'reserved'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.254', 'benchmarking'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['240.0.0.1', 'reserved'],
    ['192.88.99.1', 'reserved'],
    ['0.1.2.3', 'unspecified'],
    // IPv6
    ['::ffff:0:7f00:1', 'translated'],
    ['64:ff9b::8.8.8.8', 'translated'],
    ['2002:808:808::1', 'translated'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'translated'],
    ['2600:1f18::5efe:7f00:1', 'translated'],
    ['2600:1f18::200:5efe:a00:1', 'translated'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['2001:2::1', 'benchmarking'],
    ['2001:10::1', 'orchid'],
    ['2001:20::1', 'orchid'],
    ['2001:1::1', 'reserved'],
    ['100::1', 'discard'],
    ['4000::1', 'reserved'],
    ['::2', 'translated'],
    ['1::1', 'reserved'],
    ['e000::1', 'reserved'],
    ['5f00::1', 'reserved'],
    ['ff02::1', 'multicast'],
    // shorthands are not addresses
    ['127.1', 'invalid'],
    ['0x7f.0.0.1', 'invalid'],
    // and what stays public
    ['2606:4700:4700::1111', 'public'],
    ['1.1.1.1', 'public'],
    ['::ffff:1.1.1.1', 'public'],
  ])('%s is %s', (address, category) => {
    expect(classifyAddress(address).category).toBe(category);
  });

  it("refuses the finding's URLs at configuration, naming the address", async () => {
    for (const [url, address] of [
      ['http://[::127.0.0.1]/hook', '::7f00:1'],
      ['http://[64:ff9b:1::7f00:1]/hook', '64:ff9b:1::7f00:1'],
      ['http://[fec0::1]/hook', 'fec0::1'],
    ]) {
      const verdict = await checkTarget(new URL(url), none);
      expect(verdict).toEqual({ ok: false, message: expect.stringContaining(`(${address})`) });
    }
  });

  // Non-public IPv4 ranges (IANA special-purpose registry) as [first address as a number, size].
  const NON_PUBLIC_V4: ReadonlyArray<[string, number]> = [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.0.2.0', 24],
    ['192.88.99.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['198.51.100.0', 24],
    ['203.0.113.0', 24],
    ['224.0.0.0', 4],
    ['240.0.0.0', 4],
  ];
  const toNumber = (ip: string) => ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  const nonPublicV4 = fc.tuple(fc.constantFrom(...NON_PUBLIC_V4), fc.nat()).map(([[base, bits], offset]) => toNumber(base) + (offset % 2 ** (32 - bits)));
  const hex16 = (n: number) => n.toString(16);
  const dotted = (v4: number) => [v4 >>> 24, (v4 >>> 16) & 255, (v4 >>> 8) & 255, v4 & 255].join('.');
  const high = (v4: number) => hex16(v4 >>> 16);
  const low = (v4: number) => hex16(v4 & 0xffff);
  // Every IPv6 embedding of an IPv4 address, in hex and dotted spellings.
  const embeddings = (v4: number, globalPrefix: string): string[] => {
    const [a, b, c, d] = [v4 >>> 24, (v4 >>> 16) & 255, (v4 >>> 8) & 255, v4 & 255];
    return [
      `::${dotted(v4)}`, // IPv4-compatible
      `::${high(v4)}:${low(v4)}`,
      `0:0:0:0:0:0:${dotted(v4)}`,
      `::ffff:${dotted(v4)}`, // IPv4-mapped
      `::ffff:${high(v4)}:${low(v4)}`,
      `::ffff:0:${dotted(v4)}`, // SIIT
      `64:ff9b::${dotted(v4)}`, // NAT64 well-known
      `64:ff9b::${high(v4)}:${low(v4)}`,
      `64:ff9b:1:${hex16((a << 8) | b)}:${hex16(c)}:${hex16(d << 8)}::`, // NAT64 local-use /48 (RFC 6052)
      `64:ff9b:1::${dotted(v4)}`,
      `2002:${high(v4)}:${low(v4)}::1`, // 6to4
      `2001:0:4136:e378:8000:63bf:${hex16((~v4 >>> 16) & 0xffff)}:${hex16(~v4 & 0xffff)}`, // Teredo client (obfuscated)
      `2001:0:${high(v4)}:${low(v4)}::1`, // Teredo server
      `${globalPrefix}:0:5efe:${dotted(v4)}`, // ISATAP
      `${globalPrefix}:200:5efe:${high(v4)}:${low(v4)}`,
    ];
  };

  it('property: any non-public IPv4, written in every IPv6 embedding, is refused', () => {
    fc.assert(
      fc.property(nonPublicV4, fc.tuple(fc.integer({ min: 0x2000, max: 0x3ffe }), fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff })), (v4, [p1, p2, p3]) => {
        const prefix = `${hex16(p1)}:${hex16(p2)}:${hex16(p3)}:1`;
        expect(checkAddress(dotted(v4), none).allowed).toBe(false);
        for (const form of [...embeddings(v4, prefix), ...embeddings(v4, prefix).map((text) => text.toUpperCase())]) {
          expect({ form, allowed: checkAddress(form, none).allowed }).toEqual({ form, allowed: false });
        }
      }),
      { numRuns: 500 }
    );
  });

  it('property: any IPv6 outside 2000::/3 is refused', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }), (parts) => {
        const first = parts[0];
        fc.pre(first < 0x2000 || first >= 0x4000);
        const text = parts.map(hex16).join(':');
        const verdict = checkAddress(text, none);
        // IPv4-mapped forms are judged as the IPv4 address they are.
        if (/^0:0:0:0:0:ffff:/.test(text)) return;
        expect({ text, allowed: verdict.allowed }).toEqual({ text, allowed: false });
      }),
      { numRuns: 2000 }
    );
  });
});

describe('addresses at their edges', () => {
  it('calls ISATAP only the interface identifiers that are ISATAP, u/g bits either way', () => {
    expect(classifyAddress('2606:4700::5efe:808:808').category).toBe('translated');
    expect(classifyAddress('2606:4700::200:5efe:808:808').category).toBe('translated');
    expect(classifyAddress('2606:4700::100:5efe:808:808').category).toBe('translated');
    expect(classifyAddress('2606:4700::400:5efe:808:808').category).toBe('public');
    expect(classifyAddress('2606:4700::5eff:808:808').category).toBe('public');
  });

  it('reads allow-list entries with white space around them, and one address as exactly that address', () => {
    const list = parseAllowList([' 127.0.0.1 ', '\t10.0.0.0/8\n', '::1']);
    expect(['127.0.0.1', '10.9.8.7', '::1'].map((address) => list.contains(address))).toEqual([true, true, true]);
    expect(['127.0.0.2', '11.0.0.1', '::2', '::'].map((address) => list.contains(address))).toEqual([false, false, false, false]);
  });
});
