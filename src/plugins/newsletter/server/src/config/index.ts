import { configSchema } from './schema';
import { problemsOf } from '../utils/errors';

export default {
  // Defaults live in the zod schema: Strapi merges arrays from a default object index by index.
  default: {},
  validator(config: Record<string, unknown>) {
    const result = configSchema.safeParse(config);
    if (!result.success) {
      throw new Error(
        problemsOf(result.error)
          .map((problem) => `${problem.path.join('.') || 'config'}: ${problem.message}`)
          .join('; ')
      );
    }
  },
};
