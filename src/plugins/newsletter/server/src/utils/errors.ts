import { errors } from '@strapi/utils';
import type { z } from 'zod';

export interface FieldProblem {
  path: (string | number)[];
  message: string;
}

/** A 400 whose message names every field and its problem: "url: must be an http(s) URL". */
export const fieldValidationError = (problems: FieldProblem[]): InstanceType<typeof errors.ValidationError> => {
  const message = problems.map((problem) => (problem.path.length ? `${problem.path.join('.')}: ${problem.message}` : problem.message)).join('; ');
  return new errors.ValidationError(message, {
    errors: problems.map((problem) => ({ path: problem.path.map(String), message: problem.message, name: 'ValidationError' })),
  });
};

/** zod issues as field problems; an unknown key is reported on that key, not on the object. */
export const problemsOf = (error: z.ZodError): FieldProblem[] =>
  error.issues.flatMap((issue) => {
    const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: [...path, key], message: 'is not a known field' }));
    return [{ path, message: issue.message }];
  });

/** Parses with a zod schema or throws the 400 described above. */
export const parseOrThrow = <T extends z.ZodType>(schema: T, input: unknown): z.output<T> => {
  const result = schema.safeParse(input);
  if (!result.success) throw fieldValidationError(problemsOf(result.error));
  return result.data;
};
