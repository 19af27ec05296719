/**
 * Parses a Retry-After header (RFC 9110 §10.2.3): either a number of seconds or an HTTP
 * date. Returns the delay in milliseconds from `now`, or undefined when absent or invalid.
 */
export const parseRetryAfter = (header: string | string[] | undefined, now: number = Date.now()): number | undefined => {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // Only the date forms HTTP allows; Date.parse alone would accept "5" or "tomorrow-ish" strings.
  if (!/[a-z]{3}/i.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
};
