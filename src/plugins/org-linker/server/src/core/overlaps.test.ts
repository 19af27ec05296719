import { leftmostLongest } from './overlaps';

describe('leftmostLongest', () => {
  it('takes the longest at each position and resumes after it', () => {
    const spans = [
      { start: 0, end: 5, length: 5, id: 'a' },
      { start: 0, end: 9, length: 9, id: 'b' },
      { start: 3, end: 12, length: 9, id: 'c' },
      { start: 9, end: 12, length: 3, id: 'd' },
      { start: 13, end: 15, length: 2, id: 'e' },
    ];
    expect(leftmostLongest(spans).map((s) => s.id)).toEqual(['b', 'd', 'e']);
  });

  it('keeps adjacent spans and handles empty input', () => {
    expect(
      leftmostLongest([
        { start: 2, end: 4, length: 2 },
        { start: 0, end: 2, length: 2 },
      ])
    ).toHaveLength(2);
    expect(leftmostLongest([])).toEqual([]);
  });

  it('prefers the longer normalized match when ends coincide', () => {
    const r = leftmostLongest([
      { start: 0, end: 4, length: 3, id: 'short' },
      { start: 0, end: 4, length: 4, id: 'long' },
    ]);
    expect(r.map((s) => s.id)).toEqual(['long']);
  });
});
