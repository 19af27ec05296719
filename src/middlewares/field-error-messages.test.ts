import fc from 'fast-check';
import { problemInWords } from './field-error-messages';

describe('problemInWords', () => {
  it.each([
    ['date', 'date must be defined.', 'is required'],
    ['title', 'title is a required field', 'is required'],
    ['date', 'date must be a `string` type, but the final value was: `null`.', 'is required'],
    ['excerpt', 'excerpt must be a `string` type, but the final value was: `42`.', 'must be text'],
    ['autolink', 'autolink must be a `boolean` type, but the final value was: `"yes"` (cast from the value `"yes"`).', 'must be true or false'],
    ['date', 'Invalid input: expected string, received null', 'is required'],
    ['aliases.0.language', 'Invalid input: expected string, received number', 'must be text'],
    ['slug', 'This attribute must be unique', 'must be unique'],
    ['excerpt', 'excerpt must be at most 300 characters', 'must be at most 300 characters'],
    ['endDate', 'must not be before startDate (2024-05-01)', 'must not be before startDate (2024-05-01)'],
  ])('%s: %s', (path, message, expected) => {
    expect(problemInWords(path, message)).toBe(expected);
  });

  it('never leaves "Invalid input" or an expected/received pair', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('string', 'number', 'object', 'array', 'boolean', 'date'),
        fc.constantFrom('null', 'undefined', 'number', 'object', 'string'),
        fc.string(),
        (expected, received, tail) => {
          const text = problemInWords('field', `Invalid input: expected ${expected}, received ${received}${tail.replace(/invalid input|expected|received/gi, '')}`);
          expect(text).not.toMatch(/invalid input|expected|received/i);
        }
      )
    );
  });
});
