import fc from 'fast-check';
import { nameEdgeProblem, nameKey } from './names';

describe('nameKey', () => {
  it('folds look-alikes of a name to the same key', () => {
    const key = nameKey('RT Target Org');
    expect(nameKey('RT Target Org\u200b')).toBe(key);
    expect(nameKey('ＲＴ Ｔａｒｇｅｔ Ｏｒｇ')).toBe(key);
    expect(nameKey('RT\u00a0Target Org')).toBe(key);
    expect(nameKey('rt target org')).toBe(key);
    expect(nameKey('RT  Tar\u00adget\u200d Org')).toBe(key);
    expect(nameKey('\ufeffRT Target Org')).toBe(key);
  });

  it('keeps different names apart', () => {
    expect(nameKey('RT Target Org')).not.toBe(nameKey('RT Target Orgs'));
    expect(nameKey('中国科学院')).not.toBe(nameKey('中国工程院'));
  });

  it('is idempotent and ignores inserted format characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.nat(), (name, at) => {
        expect(nameKey(nameKey(name))).toBe(nameKey(name));
        const position = name.length === 0 ? 0 : at % name.length;
        // Inserting between two code units of a surrogate pair would change the text itself.
        fc.pre(!/[\uDC00-\uDFFF]/.test(name[position] ?? ''));
        expect(nameKey(name.slice(0, position) + '\u200b' + name.slice(position))).toBe(nameKey(name));
      })
    );
  });
});

describe('nameEdgeProblem', () => {
  it('refuses invisible characters at the edges, naming them', () => {
    expect(nameEdgeProblem('Org\u200b')).toBe('must not begin or end with an invisible or blank character (U+200B)');
    expect(nameEdgeProblem('\u2060Org')).toMatch(/U\+2060/);
    expect(nameEdgeProblem('Org')).toBeNull();
    expect(nameEdgeProblem('O\u200dg')).toBeNull();
  });
});

describe('nameKey and nameEdgeProblem, case by case', () => {
  it('trims, and makes any run of white space one space', () => {
    expect(nameKey('  Org  ')).toBe('org');
    expect(nameKey('A \t\n\u3000 B')).toBe('a b');
  });

  it('folds case through upper case first, so ß is the same name as SS', () => {
    expect(nameKey('Straße')).toBe(nameKey('STRASSE'));
    expect(nameKey('ﬁnance')).toBe(nameKey('FINANCE'));
  });

  it('names a blank edge character with four hex digits, leading zeros included', () => {
    expect(nameEdgeProblem(' Org')).toBe('must not begin or end with an invisible or blank character (U+0020)');
    expect(nameEdgeProblem('Org\t')).toBe('must not begin or end with an invisible or blank character (U+0009)');
    expect(nameEdgeProblem('Org\u00ad')).toBe('must not begin or end with an invisible or blank character (U+00AD)');
    expect(nameEdgeProblem('\u{e0001}Org')).toBe('must not begin or end with an invisible or blank character (U+E0001)');
    expect(nameEdgeProblem('O g')).toBeNull();
  });
});
