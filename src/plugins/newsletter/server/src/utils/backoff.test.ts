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

describe('backoff at its edges', () => {
  it('spreads by exactly ±20 %: the base delay times 1 + (2r − 1) × 0.2, rounded', () => {
    expect(JITTER).toBe(0.2);
    expect(nextRetry([1_000], 1, { random: () => 0.75 })).toEqual({ retry: true, delayMs: 1_100 });
    expect(nextRetry([1_000], 1, { random: () => 0.25 })).toEqual({ retry: true, delayMs: 900 });
    expect(nextRetry([10], 1, { random: () => 0.6 }).delayMs).toBe(10); // 10.4
    expect(nextRetry([10], 1, { random: () => 0.65 }).delayMs).toBe(11); // 10.6
  });

  it('retries after every attempt of the schedule but the last, and an empty schedule never', () => {
    expect(nextRetry([1_000, 2_000], 2, { random: () => 0.5 })).toEqual({ retry: true, delayMs: 2_000 });
    expect(nextRetry([1_000, 2_000], 3, { random: () => 0.5 })).toEqual({ retry: false, delayMs: 0 });
    expect(maxAttempts([])).toBe(1);
    expect(nextRetry([], 1, { retryAfterMs: 5 })).toEqual({ retry: false, delayMs: 0 });
  });

  it('takes a Retry-After in the past as now, and a day exactly as given', () => {
    expect(MAX_RETRY_AFTER_MS).toBe(86_400_000);
    expect(nextRetry(SCHEDULE, 1, { retryAfterMs: -5_000 })).toEqual({ retry: true, delayMs: 0 });
    expect(nextRetry(SCHEDULE, 1, { retryAfterMs: MAX_RETRY_AFTER_MS })).toEqual({ retry: true, delayMs: MAX_RETRY_AFTER_MS });
    expect(nextRetry(SCHEDULE, 1, { retryAfterMs: MAX_RETRY_AFTER_MS + 1 })).toEqual({ retry: true, delayMs: MAX_RETRY_AFTER_MS });
  });
});
