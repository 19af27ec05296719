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
