import fc from 'fast-check';
import { foldForSearch, foldLower, normalizeForm } from './normalize';

const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 1000);

// The stored search text must be exactly the matching fold (normalizeForm's lower form, trimmed,
// white space collapsed), or an organization named in the text could be missed by the SQL narrowing.
const reference = (text: string) => normalizeForm(text).lower;

/** Text made of what folding treats specially: white space runs, invisible characters, accents, expansions, surrogates. */
const piece = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 8 }), weight: 4 },
  {
    arbitrary: fc.constantFrom(' ', '\n\t ', '\u00a0', '\u200b', '\u00ad', '\u0301', 'ﬃ', '\ufdfa', '㍿', 'İ', 'ß', 'Σ', '\ud800', '\udc00', '𝐀', '한국', 'Ａ', '`', '’'),
    weight: 3,
  },
  { arbitrary: fc.constantFrom('Chinese Academy', 'A*STAR', 'NRC', 'Straße', 'ÇOMÜ'), weight: 2 }
);

describe('foldLower', () => {
  it('equals the matching fold of any text (full Unicode, lone surrogates included)', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join('')),
        (text) => {
          expect(foldLower(text)).toBe(reference(text));
        }
      ),
      { numRuns: NUM_RUNS }
    );
  });

  it('equals it across its output chunks (texts longer than 4,096 units, expansions at the edges)', () => {
    const long = `${'a'.repeat(4094)}ﬃ  ${'\ufdfa'.repeat(300)} End`;
    expect(foldLower(long)).toBe(reference(long));
    expect(foldLower(long).length).toBeGreaterThan(8192);
    expect(foldLower(`  \u200b ${'x '.repeat(5000)}\u200b `)).toBe(reference(`  \u200b ${'x '.repeat(5000)}\u200b `));
  });

  it('trims, collapses white space and folds case, accents and expansions', () => {
    expect(foldLower('  Tecnologi\u0301a\u00a0\u00a0Fraun\u00adhofer  ﬃ ')).toBe('tecnologia fraunhofer ffi');
    expect(foldLower('\u200b \u200b')).toBe('');
  });
});

describe('foldForSearch', () => {
  it('is the fold recomposed (NFC)', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join('')),
        (text) => {
          expect(foldForSearch(text)).toBe(reference(text).normalize('NFC'));
        }
      ),
      { numRuns: NUM_RUNS }
    );
  });
});
