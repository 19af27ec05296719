import fc from 'fast-check';
import { normalizeRorId, normalizeWikidataId, rorChecksum } from './identifiers';

describe('ROR ids', () => {
  it('checks a real id: 03vek6s52 (its checksum 52 over 03vek6s)', () => {
    expect(rorChecksum('03vek6s')).toBe('52');
    expect(normalizeRorId('03vek6s52')).toBe('03vek6s52');
  });

  it('accepts the https://ror.org/ form and stores the nine characters', () => {
    expect(normalizeRorId('https://ror.org/03VEK6S52')).toBe('03vek6s52');
    expect(normalizeRorId(' https://ror.org/03vek6s52/ ')).toBe('03vek6s52');
  });

  it('refuses a wrong checksum, a wrong shape, and letters Crockford leaves out', () => {
    expect(normalizeRorId('03vek6s53')).toBeNull();
    expect(normalizeRorId('13vek6s52')).toBeNull();
    expect(normalizeRorId('03vek6s5')).toBeNull();
    expect(normalizeRorId('03uek6s52')).toBeNull();
    expect(normalizeRorId('https://example.org/03vek6s52')).toBeNull();
  });

  it('accepts every id with its own checksum and refuses every other checksum (property)', () => {
    const digit = fc.constantFrom(...'0123456789abcdefghjkmnpqrstvwxyz'.split(''));
    fc.assert(
      fc.property(fc.array(digit, { minLength: 6, maxLength: 6 }), fc.integer({ min: 0, max: 99 }), (digits, other) => {
        const seven = `0${digits.join('')}`;
        const checksum = rorChecksum(seven);
        expect(normalizeRorId(seven + checksum)).toBe(seven + checksum);
        const wrong = String(other).padStart(2, '0');
        if (wrong !== checksum) expect(normalizeRorId(seven + wrong)).toBeNull();
      })
    );
  });
});

describe('Wikidata ids', () => {
  it('accepts Q and digits, and the wiki URL', () => {
    expect(normalizeWikidataId('Q42')).toBe('Q42');
    expect(normalizeWikidataId('q42')).toBe('Q42');
    expect(normalizeWikidataId('https://www.wikidata.org/wiki/Q283119')).toBe('Q283119');
  });

  it('refuses other shapes', () => {
    for (const bad of ['42', 'Q', 'Q042', 'P31', 'Q4 2']) expect(normalizeWikidataId(bad)).toBeNull();
  });
});
