import { errors } from '@strapi/utils';
import type { z } from 'zod';

/** Parses a request part with its contract schema; a failure is a 400 naming each field. */
export const parseRequest = <Schema extends z.ZodType>(schema: Schema, value: unknown, what = 'body'): z.output<Schema> => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    path: issue.path.map((part) => String(part)),
    message: issue.message,
    name: 'ValidationError',
  }));
  throw new errors.ValidationError(problems.map((problem) => `${problem.path.join('.') || what}: ${problem.message}`).join('; '), { errors: problems });
};
