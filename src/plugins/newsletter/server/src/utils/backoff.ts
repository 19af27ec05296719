/** Spread of the random jitter around each scheduled delay: ±20 %. */
export const JITTER = 0.2;
/** A receiver's Retry-After is honoured up to this long. */
export const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

/** Total attempts for a schedule: the first one, then one after each delay. */
export const maxAttempts = (schedule: readonly number[]): number => schedule.length + 1;

export interface RetryDecision {
  /** False once the last attempt of the schedule has been made. */
  retry: boolean;
  delayMs: number;
}

/**
 * When to try again after `attemptsMade` failed attempts. The schedule gives the base delay
 * (already growing exponentially); jitter spreads retries of many deliveries so they do not
 * hit a recovering receiver at the same instant. A Retry-After from the receiver replaces
 * the scheduled delay (it knows best when it will be back), capped at a day.
 */
export const nextRetry = (schedule: readonly number[], attemptsMade: number, options: { retryAfterMs?: number; random?: () => number } = {}): RetryDecision => {
  if (attemptsMade >= maxAttempts(schedule)) return { retry: false, delayMs: 0 };
  if (options.retryAfterMs !== undefined) return { retry: true, delayMs: Math.min(Math.max(0, options.retryAfterMs), MAX_RETRY_AFTER_MS) };
  // attemptsMade is at least 1 here (a delay follows a failed attempt) and below the schedule's end.
  const base = schedule[attemptsMade - 1] ?? 0;
  const random = options.random ?? Math.random;
  return { retry: true, delayMs: Math.max(0, Math.round(base * (1 + (random() * 2 - 1) * JITTER))) };
};
