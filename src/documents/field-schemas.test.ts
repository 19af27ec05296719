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

/** Each rule's own decision: the value accepted (and stored as what), or refused with its words. */
describe('field rules at their edges', () => {
  const problems = (schema: z.ZodType, data: unknown) => {
    const result = schema.safeParse(data);
    return result.success ? result.data : result.error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
  };

  it('reads dates as real calendar days in the form YYYY-MM-DD', () => {
    expect(problems(articleFields, { date: '2024-02-29' })).toEqual({ date: '2024-02-29' });
    for (const date of ['2023-02-29', '2023-13-01', '2023-04-31', '2023-00-10']) {
      expect(problems(articleFields, { date })).toEqual([{ path: ['date'], message: 'is not a valid calendar date' }]);
    }
    for (const date of ['2023-9-13', '13/09/2023', ' 2023-09-13', '2023-09-13T00:00:00Z', 20230913]) {
      expect(problems(partnershipFields, { startDate: date })).toEqual([{ path: ['startDate'], message: 'must be a date in the form YYYY-MM-DD' }]);
    }
    expect(problems(partnershipFields, { startDate: null, endDate: null })).toEqual({ startDate: null, endDate: null });
  });

  it('names the allowed values of a choice, and says a required one is required', () => {
    expect(problems(partnershipFields, { kind: 'merger' })).toEqual([
      { path: ['kind'], message: 'must be one of membership, strategic-agreement, communication-mechanism, innovation-hub, founded-by, other (got "merger")' },
    ]);
    expect(problems(organizationFields, { acronymAlone: 3 })).toEqual([{ path: ['acronymAlone'], message: 'must be one of auto, always, never (got 3)' }]);
    expect(problems(partnershipFields, { kind: undefined, status: 'ended' })).toEqual({ kind: undefined, status: 'ended' });
  });

  it('takes relations as lists or { connect, disconnect, set }, and nothing empty', () => {
    for (const sectors of [[], ['abc'], [7], [{ documentId: 'abc', locale: 'en' }], [{ id: '12' }], { connect: ['a'] }, { disconnect: 'a' }, { set: [] }]) {
      expect(problems(articleFields, { sectors })).toEqual({ sectors });
    }
    expect(problems(articleFields, { sectors: {} })).toEqual([{ path: ['sectors'], message: 'must be a list of documentIds, or { connect, disconnect, set }' }]);
    expect(problems(articleFields, { sectors: { connect: undefined } })).toEqual([
      { path: ['sectors'], message: 'must be a list of documentIds, or { connect, disconnect, set }' },
    ]);
    // An entry of a known form names the entry (or its key); anything else, the field.
    const entry = 'must name an entry by its documentId';
    expect(problems(articleFields, { sectors: [''] })).toEqual([{ path: ['sectors', 0], message: entry }]);
    expect(problems(articleFields, { sectors: [' '] })).toEqual([{ path: ['sectors', 0], message: entry }]);
    expect(problems(articleFields, { sectors: [0] })).toEqual([{ path: ['sectors', 0], message: entry }]);
    expect(problems(articleFields, { sectors: [{ id: 'x1' }] })).toEqual([{ path: ['sectors', 0, 'id'], message: entry }]);
    expect(problems(articleFields, { sectors: [{ documentId: '' }] })).toEqual([{ path: ['sectors', 0, 'documentId'], message: entry }]);
    for (const bad of [[1.5], [null], [{}], [true]]) {
      expect(problems(articleFields, { sectors: bad })).toEqual([{ path: ['sectors'], message: 'must be a list of documentIds, or { connect, disconnect, set }' }]);
    }
  });

  it('stores identifiers in their canonical form, and refuses the wrong ones in words', () => {
    expect(problems(organizationFields, { rorId: 'https://ror.org/03vek6s52', wikidataId: 'q42' })).toEqual({ rorId: '03vek6s52', wikidataId: 'Q42' });
    expect(problems(organizationFields, { rorId: '03vek6s53' })).toEqual([
      { path: ['rorId'], message: 'must be a ROR id such as 03vek6s52 or https://ror.org/03vek6s52, with a valid checksum' },
    ]);
    expect(problems(organizationFields, { wikidataId: 'P42' })).toEqual([{ path: ['wikidataId'], message: 'must be a Wikidata id such as Q42' }]);
    expect(problems(organizationFields, { rorId: null, wikidataId: null })).toEqual({ rorId: null, wikidataId: null });
  });

  it('reads countries in any case, websites as browsers do, and the import time as an ISO date-time', () => {
    expect(problems(organizationFields, { country: ' cn ' })).toEqual({ country: 'CN' });
    expect(problems(organizationFields, { country: 'XX' })).toEqual([{ path: ['country'], message: 'must be an ISO 3166-1 alpha-2 country code, such as CN or DE' }]);
    expect(problems(organizationFields, { website: ' https://waitro.org/ ' })).toEqual({ website: 'https://waitro.org/' });
    expect(problems(organizationFields, { website: 'ftp://waitro.org/' })).toEqual([{ path: ['website'], message: expect.stringMatching(/http/) }]);
    expect(problems(organizationFields, { importedAt: '2026-12-02T10:00:00Z' })).toEqual({ importedAt: '2026-12-02T10:00:00Z' });
    expect(problems(organizationFields, { importedAt: '2026-12-02' })).toEqual([{ path: ['importedAt'], message: 'must be a date and time such as 2026-12-02T10:00:00Z' }]);
  });
});
