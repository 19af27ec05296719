import { errors } from '@strapi/utils';
import { z } from 'zod';
import { fieldValidationError, parseOrThrow, problemsOf } from './errors';

describe('field errors', () => {
  it('names every field and its problem in the message and in the details', () => {
    const error = fieldValidationError([
      { path: ['url'], message: 'must be an http(s) URL' },
      { path: [], message: 'the body is empty' },
      { path: ['events', 0], message: 'is not an event' },
    ]);
    expect(error).toBeInstanceOf(errors.ValidationError);
    expect(error.message).toBe('url: must be an http(s) URL; the body is empty; events.0: is not an event');
    expect(error.details).toEqual({
      errors: [
        { path: ['url'], message: 'must be an http(s) URL', name: 'ValidationError' },
        { path: [], message: 'the body is empty', name: 'ValidationError' },
        { path: ['events', '0'], message: 'is not an event', name: 'ValidationError' },
      ],
    });
  });

  it('reports each unknown key on the key itself, and other issues where zod puts them', () => {
    const schema = z.strictObject({ url: z.string(), nested: z.strictObject({ a: z.number() }) });
    const result = schema.safeParse({ url: 1, nested: { a: 1, b: 2 }, extra: true, other: null });
    if (result.success) throw new Error('expected a refusal');
    expect(problemsOf(result.error)).toEqual([
      { path: ['url'], message: expect.stringMatching(/expected string/) },
      { path: ['nested', 'b'], message: 'is not a known field' },
      { path: ['extra'], message: 'is not a known field' },
      { path: ['other'], message: 'is not a known field' },
    ]);
  });

  it('returns the parsed value, or throws the 400 naming the fields', () => {
    const schema = z.object({ limit: z.coerce.number().int().min(1) });
    expect(parseOrThrow(schema, { limit: '5' })).toEqual({ limit: 5 });
    expect(() => parseOrThrow(schema, { limit: '0' })).toThrow(errors.ValidationError);
    expect(() => parseOrThrow(schema, { limit: '0' })).toThrow(/^limit: /);
  });
});
