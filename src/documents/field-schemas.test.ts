import fc from 'fast-check';
import type { z } from 'zod';
import { articleFields, authorFields, organizationFields, partnershipFields } from './field-schemas';

/**
 * Every message a person can meet is in words: whatever is sent for whichever field, no zod
 * jargon ("Invalid input: expected string, received null") reaches the admin or the API.
 */

const SCHEMAS = { articleFields, authorFields, organizationFields, partnershipFields } as const;
const JARGON = /invalid input|expected|received/i;

const messagesFor = (schema: z.ZodType, data: unknown): string[] => {
  const result = schema.safeParse(data);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

const WRONG_VALUES: unknown[] = [
  null,
  42,
  -1.5,
  true,
  false,
  '',
  'x',
  {},
  [],
  [1],
  [null],
  ['a', 7],
  [{}],
  [{ text: 5, language: 7 }],
  [{ language: 'en' }],
  { text: 'WAITRO' },
  NaN,
];

describe('field messages', () => {
  it.each(Object.entries(SCHEMAS))('%s: wrong-typed, null and missing values of every field get a message in words', (_name, schema) => {
    const fields = Object.keys(schema.shape);
    expect(fields.length).toBeGreaterThanOrEqual(3);
    for (const field of fields) {
      for (const value of WRONG_VALUES) {
        for (const message of messagesFor(schema, { [field]: value })) {
          expect({ field, value, message, jargon: JARGON.test(message), empty: message.trim() === '' }).toEqual({ field, value, message, jargon: false, empty: false });
        }
      }
    }
    for (const data of [null, undefined, 'text', 7, []]) {
      for (const message of messagesFor(schema, data)) expect({ data, message, jargon: JARGON.test(message) }).toEqual({ data, message, jargon: false });
    }
  });

  it('any value of any field, at any depth: never jargon', () => {
    const schemas = Object.values(SCHEMAS);
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: schemas.length - 1 })
          .chain((index) => fc.tuple(fc.constant(index), fc.dictionary(fc.constantFrom(...Object.keys(schemas[index].shape)), fc.anything({ withNullPrototype: false })))),
        ([index, data]) => {
          for (const message of messagesFor(schemas[index], data)) expect({ message, jargon: JARGON.test(message) }).toEqual({ message, jargon: false });
        }
      ),
      { numRuns: 500 }
    );
  });

  it('says a required date left empty is required', () => {
    expect(messagesFor(articleFields, { date: null })).toEqual(['is required']);
    expect(messagesFor(partnershipFields, { kind: null })).toEqual(['is required']);
    expect(messagesFor(organizationFields, { aliases: [{ text: 'CAS', language: 7 }] })).toEqual(['must be text']);
  });
});
