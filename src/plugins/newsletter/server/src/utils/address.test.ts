import { checkAddress, classifyAddress, parseAllowList } from './address';

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
    ['192.0.2.1', 'reserved'],
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
