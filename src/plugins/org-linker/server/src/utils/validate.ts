import { errors } from '@strapi/utils';
import type { z } from 'zod';
import { choicesSchema, type OrganizationChoice } from '../../../shared/contracts';
import { LINKER_ATTRIBUTES } from '../constants';

/** A place and what is wrong there, as Strapi's ValidationError details carry it. */
export interface Problem {
  path: string[];
  message: string;
  name: 'ValidationError';
}

export const problem = (path: (string | number)[], message: string): Problem => ({ path: path.map(String), message, name: 'ValidationError' });

/** The plugin's one way to a 400: a message naming each field and problem, and the same as details. */
export const validationError = (problems: Problem[], what: string): errors.ValidationError =>
  new errors.ValidationError(problems.map((p) => `${p.path.join('.') || what}: ${p.message}`).join('; '), { errors: problems });

/** zod's issues as problems, under a path prefix (e.g. the attribute they belong to). */
export const zodProblems = (error: z.ZodError, prefix: string[] = []): Problem[] =>
  error.issues.map((issue) => problem([...prefix, ...issue.path.map((part) => String(part))], issue.message));

/** Parses a request part with its contract schema; a failure is a 400 naming each field. */
export const parseRequest = <Schema extends z.ZodType>(schema: Schema, value: unknown, what = 'body'): z.output<Schema> => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw validationError(zodProblems(result.error), what);
};

/** The editor's choices as written: null clears them; anything but a valid list is a 400 naming the field. */
export const validateChoices = (value: unknown): OrganizationChoice[] => {
  const parsed = choicesSchema.safeParse(value ?? []);
  if (parsed.success) return parsed.data;
  throw validationError(zodProblems(parsed.error, [LINKER_ATTRIBUTES.choices]), LINKER_ATTRIBUTES.choices);
};
