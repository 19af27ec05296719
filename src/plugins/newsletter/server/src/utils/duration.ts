const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/i;

/**
 * Parses "250ms", "5s", "5m", "2h", "1d" or a bare number of milliseconds ("1500", 1500).
 * Returns undefined for anything else, so callers can name the offending value.
 */
export const parseDuration = (value: string | number): number | undefined => {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
  const match = DURATION.exec(value.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * UNITS[(match[2] ?? 'ms').toLowerCase()]);
};
