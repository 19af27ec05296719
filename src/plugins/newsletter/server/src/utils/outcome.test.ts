import { classifyResult, recordAttempt } from './outcome';

const now = Date.parse('2024-05-01T12:00:00Z');
const schedule = [1_000, 2_000];

describe('classifyResult', () => {
  it('counts any 2xx as delivered', () => {
    for (const status of [200, 201, 202, 204, 299]) expect(classifyResult({ status, durationMs: 1 }, now)).toEqual({ kind: 'success', status });
  });

  it('treats 410 Gone as a request to stop', () => {
    expect(classifyResult({ status: 410, durationMs: 1 }, now)).toEqual({ kind: 'gone', status: 410 });
  });

  it('treats redirects as failures, naming where they pointed', () => {
    expect(classifyResult({ status: 302, headers: { location: 'https://elsewhere.example/x' }, durationMs: 1 }, now)).toEqual({
      kind: 'failure',
      status: 302,
      error: 'redirect (302) not followed: Location https://elsewhere.example/x',
      retryAfterMs: undefined,
    });
  });

  it('keeps Retry-After of failures', () => {
    expect(classifyResult({ status: 429, headers: { 'retry-after': '30' }, durationMs: 1 }, now)).toEqual({
      kind: 'failure',
      status: 429,
      error: 'receiver answered 429',
      retryAfterMs: 30_000,
    });
  });

  it('reports transport errors', () => {
    expect(classifyResult({ error: 'timed out after 15000 ms', durationMs: 15_000 }, now)).toEqual({ kind: 'failure', status: null, error: 'timed out after 15000 ms' });
  });
});

describe('recordAttempt', () => {
  const random = () => 0.5;

  it('records a success and releases the lease', () => {
    expect(recordAttempt({ kind: 'success', status: 200 }, { attemptsBefore: 2, schedule, now, responseBody: 'ok', random })).toEqual({
      status: 'succeeded',
      attempts: 3,
      nextAttemptAt: null,
      lastAttemptAt: new Date(now),
      lastStatusCode: 200,
      lastError: null,
      lastResponseBody: 'ok',
      succeededAt: new Date(now),
      leaseOwner: null,
      leaseUntil: null,
    });
  });

  it('schedules the next attempt after a failure', () => {
    const record = recordAttempt({ kind: 'failure', status: 500, error: 'receiver answered 500' }, { attemptsBefore: 0, schedule, now, random });
    expect(record).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: new Date(now + 1_000), lastStatusCode: 500, lastError: 'receiver answered 500' });
    const second = recordAttempt({ kind: 'failure', status: null, error: 'connection refused (ECONNREFUSED)' }, { attemptsBefore: 1, schedule, now, random });
    expect(second).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: new Date(now + 2_000), lastStatusCode: null });
  });

  it('fails the delivery after the last attempt', () => {
    expect(recordAttempt({ kind: 'failure', status: 503, error: 'receiver answered 503' }, { attemptsBefore: 2, schedule, now, random })).toMatchObject({
      status: 'failed',
      attempts: 3,
      nextAttemptAt: null,
      lastError: 'receiver answered 503 (last of 3 attempts)',
    });
  });

  it('honours Retry-After', () => {
    expect(recordAttempt({ kind: 'failure', status: 503, error: 'x', retryAfterMs: 60_000 }, { attemptsBefore: 0, schedule, now, random }).nextAttemptAt).toEqual(
      new Date(now + 60_000)
    );
  });

  it('marks a 410 as disabled', () => {
    expect(recordAttempt({ kind: 'gone', status: 410 }, { attemptsBefore: 0, schedule, now, random })).toMatchObject({
      status: 'disabled',
      attempts: 1,
      lastStatusCode: 410,
      nextAttemptAt: null,
    });
  });
});

describe('outcomes at their edges', () => {
  it('draws the success range at 200 and 299 exactly', () => {
    expect(classifyResult({ status: 199, durationMs: 1 }, now)).toEqual({ kind: 'failure', status: 199, error: 'receiver answered 199', retryAfterMs: undefined });
    expect(classifyResult({ status: 300, durationMs: 1 }, now)).toEqual({ kind: 'failure', status: 300, error: 'redirect (300) not followed', retryAfterMs: undefined });
    expect(classifyResult({ status: 399, headers: { 'retry-after': '5' }, durationMs: 1 }, now)).toEqual({
      kind: 'failure',
      status: 399,
      error: 'redirect (399) not followed',
      retryAfterMs: 5_000,
    });
    expect(classifyResult({ status: 400, durationMs: 1 }, now)).toEqual({ kind: 'failure', status: 400, error: 'receiver answered 400', retryAfterMs: undefined });
    expect(classifyResult({ status: 409, durationMs: 1 }, now).kind).toBe('failure');
  });

  it('says "no response" when a transport failure gave no reason', () => {
    expect(classifyResult({ durationMs: 1 }, now)).toEqual({ kind: 'failure', status: null, error: 'no response' });
  });

  it('records every field of a 410, and of a retry, and keeps no empty response body', () => {
    expect(recordAttempt({ kind: 'gone', status: 410 }, { attemptsBefore: 4, schedule, now, responseBody: 'bye' })).toEqual({
      status: 'disabled',
      attempts: 5,
      nextAttemptAt: null,
      lastAttemptAt: new Date(now),
      lastStatusCode: 410,
      lastError: 'receiver answered 410 Gone: endpoint disabled',
      lastResponseBody: 'bye',
      succeededAt: null,
      leaseOwner: null,
      leaseUntil: null,
    });
    expect(recordAttempt({ kind: 'failure', status: 500, error: 'receiver answered 500' }, { attemptsBefore: 0, schedule, now, responseBody: '', random: () => 0.5 })).toEqual({
      status: 'pending',
      attempts: 1,
      nextAttemptAt: new Date(now + 1_000),
      lastAttemptAt: new Date(now),
      lastStatusCode: 500,
      lastError: 'receiver answered 500',
      lastResponseBody: null,
      succeededAt: null,
      leaseOwner: null,
      leaseUntil: null,
    });
    expect(recordAttempt({ kind: 'success', status: 204 }, { attemptsBefore: 0, schedule, now }).lastResponseBody).toBeNull();
  });
});
