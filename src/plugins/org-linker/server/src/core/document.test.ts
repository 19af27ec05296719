import { type DocumentModel, containerAt } from './document';

describe('containerAt', () => {
  const model: DocumentModel = {
    text: 'ab\n\ncd\nef',
    containers: [
      { start: 0, end: 2, role: 'body', pieces: [] },
      { start: 4, end: 6, role: 'heading', pieces: [] },
      { start: 7, end: 9, role: 'body', pieces: [] },
    ],
    links: [],
  };
  it('finds the container holding an offset, none for separators', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((at) => containerAt(model, at))).toEqual([0, 0, -1, -1, 1, 1, -1, 2, 2, -1]);
  });
});
