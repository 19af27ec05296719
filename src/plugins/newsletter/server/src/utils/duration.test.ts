import { parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['5s', 5_000],
    ['1.5s', 1_500],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1500', 1_500],
    [' 10 S ', 10_000],
    [42, 42],
  ])('%s → %d ms', (input, expected) => {
    expect(parseDuration(input)).toBe(expected);
  });

  it.each(['', 'soon', '5 minutes', '-5s', '5w'])('refuses %p', (input) => {
    expect(parseDuration(input)).toBeUndefined();
  });
});

describe('parseDuration at its edges', () => {
  it.each([
    ['0', 0],
    [0, 0],
    [1.4, 1],
    [1.5, 2],
    ['0.5ms', 1],
    ['1.5m', 90_000],
    ['2 H', 7_200_000],
    ['3MS', 3],
    ['1D', 86_400_000],
  ])('%p → %d ms', (input, expected) => {
    expect(parseDuration(input)).toBe(expected);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses the number %p', (input) => {
    expect(parseDuration(input)).toBeUndefined();
  });

  it.each(['1.', '.5s', 's', '5s5', 'x5s', '5 s s', '1,5s', '5 sec'])('refuses %p', (input) => {
    expect(parseDuration(input)).toBeUndefined();
  });
});
