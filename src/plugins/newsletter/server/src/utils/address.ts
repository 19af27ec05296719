import ipaddr from 'ipaddr.js';

export type AddressCategory =
  | 'public'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link-local'
  | 'site-local'
  | 'metadata'
  | 'unique-local'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'translated'
  | 'documentation'
  | 'benchmarking'
  | 'discard'
  | 'orchid'
  | 'reserved'
  | 'invalid';

// Cloud instance-metadata services: AWS/GCP/Azure/OpenStack, AWS over IPv6, Alibaba.
const METADATA = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200']);

/**
 * Every range that is not globally reachable unicast (IANA IPv4 and IPv6 special-purpose
 * registries), first match wins. IPv6 outside 2000::/3 is never public whatever it is;
 * inside it, the ranges below are refused as well. IPv6 forms that carry an IPv4 address
 * (compatible, SIIT, NAT64, 6to4, Teredo) are refused outright: the gateway they lead to
 * could reach 127.0.0.1 & co. IPv4-mapped addresses are reduced to IPv4 before this.
 */
const RANGES: ReadonlyArray<[string, AddressCategory]> = [
  // IPv4
  ['255.255.255.255/32', 'broadcast'],
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'shared'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved'], // IETF protocol assignments (incl. DS-Lite, NAT64 discovery)
  ['192.0.2.0/24', 'documentation'],
  ['192.31.196.0/24', 'reserved'], // AS112
  ['192.52.193.0/24', 'reserved'], // AMT
  ['192.88.99.0/24', 'reserved'], // former 6to4 relay anycast
  ['192.168.0.0/16', 'private'],
  ['192.175.48.0/24', 'reserved'], // AS112 direct delegation
  ['198.18.0.0/15', 'benchmarking'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
  // IPv6
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['::/96', 'translated'], // IPv4-compatible (deprecated): ::127.0.0.1
  ['::ffff:0:0:0/96', 'translated'], // SIIT (RFC 6145)
  ['64:ff9b::/96', 'translated'], // NAT64 well-known prefix
  ['64:ff9b:1::/48', 'translated'], // NAT64 local-use prefix
  ['100::/64', 'discard'],
  ['2001::/32', 'translated'], // Teredo
  ['2001:2::/48', 'benchmarking'],
  ['2001:10::/28', 'orchid'],
  ['2001:20::/28', 'orchid'], // ORCHIDv2
  ['2001::/23', 'reserved'], // IETF protocol assignments
  ['2001:db8::/32', 'documentation'],
  ['2002::/16', 'translated'], // 6to4
  ['3fff::/20', 'documentation'],
  ['5f00::/16', 'reserved'], // SRv6 SIDs
  ['fc00::/7', 'unique-local'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'site-local'],
  ['ff00::/8', 'multicast'],
];

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];
const PARSED_RANGES: ReadonlyArray<[Cidr, AddressCategory]> = RANGES.map(([cidr, category]) => [ipaddr.parseCIDR(cidr), category]);
const GLOBAL_UNICAST_V6: Cidr = ipaddr.parseCIDR('2000::/3');

const DESCRIPTION: Record<AddressCategory, string> = {
  public: 'a public address',
  loopback: 'a loopback address',
  private: 'a private address',
  shared: 'a shared (carrier-grade NAT) address',
  'link-local': 'a link-local address',
  'site-local': 'a site-local address',
  metadata: 'a cloud metadata address',
  'unique-local': 'a unique-local (private IPv6) address',
  unspecified: 'an unspecified address',
  multicast: 'a multicast address',
  broadcast: 'a broadcast address',
  translated: 'an IPv6 address that embeds an IPv4 one',
  documentation: 'a documentation address',
  benchmarking: 'a benchmarking address',
  discard: 'a discard-only address',
  orchid: 'an ORCHID (non-routable identifier) address',
  reserved: 'a reserved address',
  invalid: 'not an IP address',
};

export interface ClassifiedAddress {
  /** Canonical text; IPv4-mapped IPv6 (::ffff:127.0.0.1) is reduced to its IPv4 form. */
  address: string;
  category: AddressCategory;
}

/** ISATAP interface identifier (RFC 5214): ::0:5efe:a.b.c.d or ::200:5efe:a.b.c.d (u/g bits either way). */
const isIsatap = (address: ipaddr.IPv6): boolean => (address.parts[4] & 0xfcff) === 0 && address.parts[5] === 0x5efe;

/**
 * Parses an address as the network stack reads it. IPv6 text goes through WHATWG URL first:
 * ipaddr.js reads "::127.0.0.1" as ::ffff:7f00:1 (IPv4-mapped), while it is the
 * IPv4-compatible ::7f00:1 (what a URL's host becomes). IPv4 shorthands (127.1, 0x7f.1) are
 * not addresses here (URL hosts and DNS answers are always four-part decimal).
 */
const parseAddress = (address: string): ipaddr.IPv4 | ipaddr.IPv6 | null => {
  if (ipaddr.IPv4.isValidFourPartDecimal(address)) return ipaddr.IPv4.parse(address);
  const [host] = address.split('%'); // a zone (fe80::1%eth0) does not change the class
  if (!ipaddr.IPv6.isValid(host)) return null;
  let normalized: string;
  try {
    normalized = new URL(`http://[${host}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
  const parsed = ipaddr.IPv6.parse(normalized);
  return parsed.isIPv4MappedAddress() ? parsed.toIPv4Address() : parsed;
};

/** The only classifier: used when an endpoint is saved and on every connection (target.ts, http-client.ts). */
export const classifyAddress = (address: string): ClassifiedAddress => {
  // ipaddr.isValid accepts IPv4 shorthands (127.1, 0x7f.1); those are refused as not an address.
  const parsed = parseAddress(address);
  if (parsed === null) return { address, category: 'invalid' };
  const canonical = parsed.toString();
  if (METADATA.has(canonical)) return { address: canonical, category: 'metadata' };
  const range = PARSED_RANGES.find(([cidr]) => inRange(parsed, cidr));
  if (range) return { address: canonical, category: range[1] };
  if (parsed.kind() === 'ipv6') {
    if (!inRange(parsed, GLOBAL_UNICAST_V6)) return { address: canonical, category: 'reserved' };
    if (isIsatap(parsed as ipaddr.IPv6)) return { address: canonical, category: 'translated' };
  }
  return { address: canonical, category: 'public' };
};

export const describeCategory = (category: AddressCategory): string => DESCRIPTION[category];

// An IPv4-mapped range (::ffff:10.0.0.0/104) is kept as the IPv4 range it denotes.
const unmapRange = ([range, bits]: Cidr): Cidr =>
  range.kind() === 'ipv6' && (range as ipaddr.IPv6).isIPv4MappedAddress() ? [(range as ipaddr.IPv6).toIPv4Address(), Math.max(0, bits - 96)] : [range, bits];

const inRange = (address: ipaddr.IPv4 | ipaddr.IPv6, [range, bits]: Cidr): boolean => {
  if (address.kind() === 'ipv4' && range.kind() === 'ipv4') return (address as ipaddr.IPv4).match(range, bits);
  if (address.kind() === 'ipv6' && range.kind() === 'ipv6') return (address as ipaddr.IPv6).match(range, bits);
  return false;
};

export interface AllowList {
  entries: readonly string[];
  contains(address: string): boolean;
}

/** Reads "127.0.0.1", "10.0.0.0/8", "::1"…; throws naming the first entry that is neither an address nor a CIDR range. */
export const parseAllowList = (entries: readonly string[]): AllowList => {
  const cidrs: Cidr[] = entries.map((entry) => {
    const text = entry.trim();
    if (ipaddr.isValidCIDR(text)) return unmapRange(ipaddr.parseCIDR(text));
    if (ipaddr.isValid(text)) {
      const address = ipaddr.process(text);
      return [address, address.kind() === 'ipv4' ? 32 : 128];
    }
    throw new Error(`"${entry}" is not an IP address or CIDR range`);
  });
  return {
    entries,
    contains: (address) => ipaddr.isValid(address) && cidrs.some((cidr) => inRange(ipaddr.process(address), cidr)),
  };
};

export type AddressVerdict = { allowed: true; address: string } | { allowed: false; address: string; reason: string };

/**
 * Whether a webhook may connect to this address: public unicast addresses always, any
 * other only when the allow list names it (e.g. 127.0.0.1 for tests and local receivers).
 */
export const checkAddress = (address: string, allowList: AllowList): AddressVerdict => {
  const classified = classifyAddress(address);
  if (classified.category === 'public' || allowList.contains(classified.address)) return { allowed: true, address: classified.address };
  return { allowed: false, address: classified.address, reason: `${describeCategory(classified.category)} (${classified.address})` };
};
