import { parseRetryAfter } from './retry-after';
import { nextRetry } from './backoff';
import type { HttpResult } from './http-client';

export type Outcome =
  | { kind: 'success'; status: number }
  /** 410 Gone: the receiver wants no more deliveries; the endpoint gets disabled. */
  | { kind: 'gone'; status: number }
  | { kind: 'failure'; status: number | null; error: string; retryAfterMs?: number };

/** What an attempt's HTTP result means for the delivery. Any 2xx succeeds; everything else but 410 is retried. */
export const classifyResult = (result: HttpResult, now: number = Date.now()): Outcome => {
  if (result.status === undefined) return { kind: 'failure', status: null, error: result.error ?? 'no response' };
  const status = result.status;
  if (status >= 200 && status < 300) return { kind: 'success', status };
  if (status === 410) return { kind: 'gone', status };
  const retryAfterMs = parseRetryAfter(result.headers?.['retry-after'], now);
  if (status >= 300 && status < 400) {
    const location = result.headers?.location;
    return { kind: 'failure', status, error: `redirect (${status}) not followed${location ? `: Location ${location}` : ''}`, retryAfterMs };
  }
  return { kind: 'failure', status, error: `receiver answered ${status}`, retryAfterMs };
};

export interface AttemptRecord {
  status: 'succeeded' | 'pending' | 'failed' | 'disabled';
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date;
  lastStatusCode: number | null;
  lastError: string | null;
  lastResponseBody: string | null;
  succeededAt: Date | null;
  leaseOwner: null;
  leaseUntil: null;
}

/**
 * The delivery's state after one more attempt: succeeded, disabled (410), retried later
 * (pending, on the schedule or the receiver's Retry-After) or failed after the last attempt.
 * The lease is released in every case.
 */
export const recordAttempt = (
  outcome: Outcome,
  context: { attemptsBefore: number; schedule: readonly number[]; now: number; responseBody?: string; random?: () => number }
): AttemptRecord => {
  const attempts = context.attemptsBefore + 1;
  const base = {
    attempts,
    lastAttemptAt: new Date(context.now),
    lastResponseBody: context.responseBody ? context.responseBody : null,
    leaseOwner: null,
    leaseUntil: null,
  } as const;
  switch (outcome.kind) {
    case 'success':
      return { ...base, status: 'succeeded', nextAttemptAt: null, lastStatusCode: outcome.status, lastError: null, succeededAt: new Date(context.now) };
    case 'gone':
      return {
        ...base,
        status: 'disabled',
        nextAttemptAt: null,
        lastStatusCode: outcome.status,
        lastError: 'receiver answered 410 Gone: endpoint disabled',
        succeededAt: null,
      };
    case 'failure': {
      const decision = nextRetry(context.schedule, attempts, { retryAfterMs: outcome.retryAfterMs, random: context.random });
      return {
        ...base,
        status: decision.retry ? 'pending' : 'failed',
        nextAttemptAt: decision.retry ? new Date(context.now + decision.delayMs) : null,
        lastStatusCode: outcome.status,
        lastError: decision.retry ? outcome.error : `${outcome.error} (last of ${attempts} attempts)`,
        succeededAt: null,
      };
    }
  }
};
