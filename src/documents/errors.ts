import { errors } from '@strapi/utils';

export interface FieldProblem {
  path: (string | number)[];
  message: string;
}

/** A Strapi ValidationError (400) whose message names every field and its problem. */
export const fieldValidationError = (problems: FieldProblem[]): InstanceType<typeof errors.ValidationError> => {
  const message = problems.map((problem) => `${problem.path.join('.')}: ${problem.message}`).join('; ');
  return new errors.ValidationError(message, {
    errors: problems.map((problem) => ({ path: problem.path.map(String), message: problem.message, name: 'ValidationError' })),
  });
};
