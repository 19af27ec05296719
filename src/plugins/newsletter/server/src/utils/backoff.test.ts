import { JITTER, MAX_RETRY_AFTER_MS, maxAttempts, nextRetry } from './backoff';

const SCHEDULE = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];

describe('backoff', () => {
  it('makes one attempt more than there are delays', () => {
    expect(maxAttempts(SCHEDULE)).toBe(8);
  });

  it('waits the scheduled delay after each failed attempt, within the jitter', () => {
    SCHEDULE.forEach((delay, index) => {
      expect(nextRetry(SCHEDULE, index + 1, { random: () => 0.5 })).toEqual({ retry: true, delayMs: delay });
      expect(nextRetry(SCHEDULE, index + 1, { random: () => 0 }).delayMs).toBe(Math.round(delay * (1 - JITTER)));
      expect(nextRetry(SCHEDULE, index + 1, { random: () => 0.999999 }).delayMs).toBeLessThanOrEqual(Math.round(delay * (1 + JITTER)));
    });
  });

  it('spreads retries of simultaneous failures', () => {
    const delays = new Set(Array.from({ length: 50 }, () => nextRetry(SCHEDULE, 1).delayMs));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(4_000);
      expect(delay).toBeLessThanOrEqual(6_000);
    }
  });

  it('stops after the last attempt', () => {
    expect(nextRetry(SCHEDULE, 8)).toEqual({ retry: false, delayMs: 0 });
    expect(nextRetry([1000], 2).retry).toBe(false);
  });

  it("uses the receiver's Retry-After instead of the schedule, capped at a day", () => {
    expect(nextRetry(SCHEDULE, 1, { retryAfterMs: 120_000 })).toEqual({ retry: true, delayMs: 120_000 });
    expect(nextRetry(SCHEDULE, 1, { retryAfterMs: 0 })).toEqual({ retry: true, delayMs: 0 });
    expect(nextRetry(SCHEDULE, 1, { retryAfterMs: 10 * MAX_RETRY_AFTER_MS }).delayMs).toBe(MAX_RETRY_AFTER_MS);
    // …but never beyond the last attempt.
    expect(nextRetry(SCHEDULE, 8, { retryAfterMs: 1_000 }).retry).toBe(false);
  });
});
