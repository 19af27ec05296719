import { parseRetryAfter } from './retry-after';

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');

  it('reads seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(' 5 ', now)).toBe(5_000);
  });

  it('reads an HTTP date, relative to now, never negative', () => {
    expect(parseRetryAfter('Wed, 01 May 2024 12:01:30 GMT', now)).toBe(90_000);
    expect(parseRetryAfter('Wed, 01 May 2024 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores absent or malformed values', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it('takes the first of repeated headers', () => {
    expect(parseRetryAfter(['3', '60'], now)).toBe(3_000);
  });
});

describe('parseRetryAfter at its edges', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');

  it('counts an HTTP date to the millisecond from now, and now as 0', () => {
    expect(parseRetryAfter('Wed, 01 May 2024 12:00:01 GMT', now)).toBe(1_000);
    expect(parseRetryAfter('Wed, 01 May 2024 12:00:00 GMT', now)).toBe(0);
  });

  it('reads only whole seconds or a date with a day or month name', () => {
    // Anchored: digits with letters around them are neither.
    expect(parseRetryAfter('abc120', now)).toBeUndefined();
    expect(parseRetryAfter('120abc', now)).toBeUndefined();
    // Dates Date.parse reads but HTTP does not allow.
    expect(parseRetryAfter('2024-05-01T12:01:00Z', now)).toBeUndefined();
    expect(parseRetryAfter('5.5', now)).toBeUndefined();
    expect(parseRetryAfter('Wed, 99 Foo 2024 12:00:00 GMT', now)).toBeUndefined();
    expect(parseRetryAfter('   ', now)).toBeUndefined();
  });

  it('reads the first of repeated headers only, even when it is empty', () => {
    expect(parseRetryAfter([], now)).toBeUndefined();
    expect(parseRetryAfter(['', '60'], now)).toBeUndefined();
  });
});
