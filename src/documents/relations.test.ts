import { toOneChange } from './relations';

describe('toOneChange', () => {
  it('leaves an untouched relation undefined and reads a cleared one as null', () => {
    expect(toOneChange(undefined)).toBeUndefined();
    expect(toOneChange(null)).toBeNull();
    expect(toOneChange({ disconnect: [{ documentId: 'a' }] })).toBeNull();
    expect(toOneChange({ set: [] })).toBeNull();
    expect(toOneChange([])).toBeNull();
  });

  it('reads every shape the Document Service accepts', () => {
    expect(toOneChange('abc123')).toEqual({ documentId: 'abc123' });
    expect(toOneChange(7)).toEqual({ id: 7 });
    expect(toOneChange('42')).toEqual({ id: 42 });
    expect(toOneChange({ documentId: 'x' })).toEqual({ documentId: 'x' });
    expect(toOneChange({ id: 3 })).toEqual({ id: 3 });
    expect(toOneChange({ connect: ['y'] })).toEqual({ documentId: 'y' });
    expect(toOneChange({ connect: [{ documentId: 'z', locale: 'en' }] })).toEqual({ documentId: 'z' });
    expect(toOneChange({ set: [{ id: 9 }] })).toEqual({ id: 9 });
    expect(toOneChange(['first', 'last'])).toEqual({ documentId: 'last' });
  });

  it('treats an empty connect as no change', () => {
    expect(toOneChange({ connect: [] })).toBeUndefined();
  });
});
