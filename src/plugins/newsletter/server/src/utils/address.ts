import ipaddr from 'ipaddr.js';

export type AddressCategory =
  | 'public'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link-local'
  | 'metadata'
  | 'unique-local'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'translated'
  | 'reserved'
  | 'invalid';

// Cloud instance-metadata services: AWS/GCP/Azure/OpenStack, AWS over IPv6, Alibaba.
const METADATA = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200']);

const RANGE_CATEGORY: Record<string, AddressCategory> = {
  unicast: 'public',
  loopback: 'loopback',
  private: 'private',
  carrierGradeNat: 'shared',
  linkLocal: 'link-local',
  uniqueLocal: 'unique-local',
  unspecified: 'unspecified',
  multicast: 'multicast',
  broadcast: 'broadcast',
  // IPv6 forms that embed an IPv4 address (NAT64, 6to4, Teredo, SIIT): they could reach 127.0.0.1 & co.
  rfc6052: 'translated',
  rfc6145: 'translated',
  '6to4': 'translated',
  teredo: 'translated',
};

const DESCRIPTION: Record<AddressCategory, string> = {
  public: 'a public address',
  loopback: 'a loopback address',
  private: 'a private address',
  shared: 'a shared (carrier-grade NAT) address',
  'link-local': 'a link-local address',
  metadata: 'a cloud metadata address',
  'unique-local': 'a unique-local (private IPv6) address',
  unspecified: 'an unspecified address',
  multicast: 'a multicast address',
  broadcast: 'a broadcast address',
  translated: 'an IPv6 address that embeds an IPv4 one',
  reserved: 'a reserved address',
  invalid: 'not an IP address',
};

export interface ClassifiedAddress {
  /** Canonical text; IPv4-mapped IPv6 (::ffff:127.0.0.1) is reduced to its IPv4 form. */
  address: string;
  category: AddressCategory;
}

export const classifyAddress = (address: string): ClassifiedAddress => {
  if (!ipaddr.isValid(address)) return { address, category: 'invalid' };
  const parsed = ipaddr.process(address);
  const canonical = parsed.toString();
  if (METADATA.has(canonical)) return { address: canonical, category: 'metadata' };
  return { address: canonical, category: RANGE_CATEGORY[parsed.range()] ?? 'reserved' };
};

export const describeCategory = (category: AddressCategory): string => DESCRIPTION[category];

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

// An IPv4-mapped range (::ffff:10.0.0.0/104) is kept as the IPv4 range it denotes.
const unmapRange = ([range, bits]: Cidr): Cidr =>
  range.kind() === 'ipv6' && (range as ipaddr.IPv6).isIPv4MappedAddress() ? [(range as ipaddr.IPv6).toIPv4Address(), Math.max(0, bits - 96)] : [range, bits];

const inRange = (address: ipaddr.IPv4 | ipaddr.IPv6, [range, bits]: Cidr): boolean => {
  if (address.kind() === 'ipv4' && range.kind() === 'ipv4') return (address as ipaddr.IPv4).match(range as ipaddr.IPv4, bits);
  if (address.kind() === 'ipv6' && range.kind() === 'ipv6') return (address as ipaddr.IPv6).match(range as ipaddr.IPv6, bits);
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
