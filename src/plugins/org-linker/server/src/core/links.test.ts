import type { Container } from './document';
import { locationReason } from './links';

const container = (role: Container['role'], pieces: [number, number, Container['pieces'][number]['kind'], number][]): Container => ({
  start: 0,
  end: 100,
  role,
  pieces: pieces.map(([start, end, kind, group]) => ({ start, end, kind, group, link: -1 })),
});

describe('locationReason', () => {
  it('allows plain text and engine links in one group', () => {
    expect(
      locationReason(
        container('body', [
          [0, 5, 'text', 0],
          [5, 9, 'engine-link', 0],
        ]),
        2,
        8,
        false
      )
    ).toBeUndefined();
  });
  it('refuses headings unless asked, and never-containers', () => {
    expect(locationReason(container('heading', [[0, 5, 'text', 0]]), 0, 3, false)).toBe('in-heading');
    expect(locationReason(container('heading', [[0, 5, 'text', 0]]), 0, 3, true)).toBeUndefined();
    expect(locationReason(container('never', [[0, 5, 'other', 0]]), 0, 3, true)).toBe('not-linkable-here');
    // An unlinkable piece (an image's alt text, say) inside an ordinary container.
    expect(locationReason(container('body', [[0, 5, 'other', 0]]), 0, 3, false)).toBe('not-linkable-here');
  });
  it('refuses foreign links, code and crossings', () => {
    expect(
      locationReason(
        container('body', [
          [0, 5, 'text', 0],
          [5, 9, 'foreign-link', 1],
        ]),
        3,
        7,
        false
      )
    ).toBe('inside-link');
    expect(
      locationReason(
        container('body', [
          [0, 5, 'text', 0],
          [5, 9, 'code', 0],
        ]),
        3,
        7,
        false
      )
    ).toBe('not-linkable-here');
    expect(
      locationReason(
        container('body', [
          [0, 5, 'text', 0],
          [5, 9, 'text', 1],
        ]),
        3,
        7,
        false
      )
    ).toBe('crosses-formatting');
  });
  it('ignores empty pieces at the edges', () => {
    expect(
      locationReason(
        container('body', [
          [0, 0, 'foreign-link', 3],
          [0, 5, 'text', 0],
          [5, 5, 'code', 4],
        ]),
        0,
        5,
        false
      )
    ).toBeUndefined();
  });
});
