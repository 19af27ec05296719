import dns from 'node:dns';
import net from 'node:net';
import { checkAddress, type AllowList } from './address';

export type Resolve = (hostname: string) => Promise<string[]>;

export const resolveAll: Resolve = async (hostname) => (await dns.promises.lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** The host of a URL as DNS and net know it ("[::1]" → "::1"). */
export const hostOf = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');

export type TargetVerdict = { ok: true; addresses: string[] } | { ok: false; message: string };

/**
 * Checked when an endpoint is saved, for a clear 400: a URL whose host is (or resolves
 * only to) loopback/private/link-local/metadata addresses is refused unless allow-listed.
 * Delivery checks again on the address actually connected to (DNS may change).
 */
export const checkTarget = async (url: URL, allowList: AllowList, resolve: Resolve = resolveAll): Promise<TargetVerdict> => {
  const host = hostOf(url);
  if (net.isIP(host)) {
    const verdict = checkAddress(host, allowList);
    return verdict.allowed ? { ok: true, addresses: [verdict.address] } : { ok: false, message: `points to ${verdict.reason}, which is not allowed` };
  }
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, message: `host "${host}" could not be resolved${code ? ` (${code})` : ''}` };
  }
  const verdicts = addresses.map((address) => checkAddress(address, allowList));
  const allowed = verdicts.filter((verdict) => verdict.allowed).map((verdict) => verdict.address);
  if (allowed.length > 0) return { ok: true, addresses: allowed };
  const refused = verdicts.find((verdict) => !verdict.allowed);
  return {
    ok: false,
    message: refused && !refused.allowed ? `host "${host}" resolves to ${refused.reason}, which is not allowed` : `host "${host}" has no address`,
  };
};

export class BlockedAddressError extends Error {
  readonly code = 'EADDRBLOCKED';
}

/**
 * A dns.lookup for http.Agent that only ever hands out allowed addresses, so the socket
 * cannot connect anywhere else (no DNS-rebinding window between check and connect).
 */
export const createSafeLookup =
  (allowList: AllowList): net.LookupFunction =>
  (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, entries) => {
      if (error) return callback(error, '', 0);
      const allowed = entries.filter((entry) => checkAddress(entry.address, allowList).allowed);
      if (allowed.length === 0) {
        const first = entries[0] ? checkAddress(entries[0].address, allowList) : undefined;
        const reason = first && !first.allowed ? first.reason : 'no address';
        return callback(new BlockedAddressError(`${hostname} resolves to ${reason}, which is not allowed`), '', 0);
      }
      if (options.all) return callback(null, allowed);
      return callback(null, allowed[0].address, allowed[0].family);
    });
  };
