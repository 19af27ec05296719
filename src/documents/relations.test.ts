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

describe('toOneChange, at the edges of each shape', () => {
  it('reads nothing from blank text, fractions, digits mixed with letters, or objects without an id', () => {
    expect(toOneChange('')).toBeNull();
    expect(toOneChange('   ')).toBeNull();
    expect(toOneChange(1.5)).toBeNull();
    expect(toOneChange(true)).toBeNull();
    expect(toOneChange({ name: 'x' })).toBeNull();
    expect(toOneChange({ id: 1.5 })).toBeNull();
    // Only text made entirely of digits is a numeric id; anything else is a documentId.
    expect(toOneChange('4a2')).toEqual({ documentId: '4a2' });
    expect(toOneChange('a42')).toEqual({ documentId: 'a42' });
    expect(toOneChange('42a')).toEqual({ documentId: '42a' });
  });

  it('reads a numeric id given as text inside an object, and a documentId before an id', () => {
    expect(toOneChange({ id: '5' })).toEqual({ id: 5 });
    expect(toOneChange({ documentId: 'd', id: 5 })).toEqual({ documentId: 'd' });
  });

  it('takes a single connect or set item that is not in a list, and the last item of a list', () => {
    expect(toOneChange({ connect: 'y' })).toEqual({ documentId: 'y' });
    expect(toOneChange({ set: { id: 4 } })).toEqual({ id: 4 });
    expect(toOneChange({ connect: ['a', 'b'] })).toEqual({ documentId: 'b' });
    expect(toOneChange({ set: [{ id: 1 }, { id: 2 }] })).toEqual({ id: 2 });
  });

  it('prefers set to connect, and connect to disconnect', () => {
    expect(toOneChange({ set: ['s'], connect: ['c'] })).toEqual({ documentId: 's' });
    expect(toOneChange({ connect: ['c'], disconnect: ['d'] })).toEqual({ documentId: 'c' });
    // An empty set clears the relation even with a connect beside it.
    expect(toOneChange({ set: [], connect: ['c'] })).toBeNull();
  });
});

describe('toOneChange, nothing read from empty items', () => {
  it('reads a null item, or an id that is itself an object, as no target', () => {
    expect(toOneChange([null])).toBeNull();
    expect(toOneChange({ connect: [null] })).toBeNull();
    expect(toOneChange({ id: { documentId: 'x' } })).toBeNull();
  });
});
