import type { Core } from '@strapi/strapi';
import { problemInChinese, wantsChinese } from '../utils/problems-zh';

interface Problem {
  path?: unknown[];
  message?: string;
}
interface ErrorBody {
  error?: { status?: number; message?: string; details?: { errors?: Problem[] } };
}

// What a type name means to a person filling in a form.
const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  date: 'a date',
  object: 'an object',
  array: 'a list',
};
const inWordsType = (type: string) => TYPE_WORDS[type.toLowerCase()] ?? `a value of type ${type}`;
const isNothing = (printed: string) => /^(null|undefined|""|''|nothing)$/i.test(printed.trim());

/**
 * A problem in words, without the field name in front: Strapi's own yup messages
 * ("date must be defined.", "date must be a `string` type, but the final value was: `null`.")
 * and zod's ("Invalid input: expected string, received null") become "is required",
 * "must be text" and the like.
 */
export const problemInWords = (path: string, message: string): string => {
  let text = message.trim();
  if (path && (text.startsWith(`${path} `) || text.startsWith(`${path}: `))) text = text.slice(path.length).replace(/^:?\s+/, '');
  text = text.replace(/^This attribute\s+/i, '').replace(/\.$/, '');
  if (/^(must be defined|is a required field|is required)$/i.test(text)) return 'is required';
  const yupType = /must be a `(\w+)` type, but the final value was: `([^`]*)`/.exec(text);
  if (yupType) return isNothing(yupType[2]) ? 'is required' : `must be ${inWordsType(yupType[1])}`;
  const zodType = /Invalid input: expected (\w+), received (\w+)/i.exec(text);
  if (zodType) return isNothing(zodType[2]) ? 'is required' : `must be ${inWordsType(zodType[1])}`;
  if (/invalid input/i.test(text)) return 'is not a valid value';
  return text;
};

const pathOf = (problem: Problem): string => (Array.isArray(problem.path) ? problem.path.map(String).join('.') : '');

interface RequestState {
  auth?: { strategy?: { name?: string } };
  user?: { preferedLanguage?: unknown };
}

/** An admin (not a content-API client) whose interface language, or browser, is Chinese. */
const adminReadsChinese = (state: RequestState, acceptLanguage: unknown): boolean =>
  state.auth?.strategy?.name === 'admin' && wantsChinese(state.user?.preferedLanguage, acceptLanguage);

/** "path: problem" → the problem in Chinese after the same path; other texts as they are. */
const messageInChinese = (message: string): string => {
  const split = /^([\w.[\]-]+): (.+)$/s.exec(message);
  return split ? `${split[1]}: ${problemInChinese(split[2])}` : problemInChinese(message);
};

/** strapi::body's limits as configured (config/middlewares.ts), for the words of a 413. */
interface BodyLimits {
  json: string;
  form: string;
  text: string;
  fileBytes: number;
}
const bodyLimitsOf = (strapi: Core.Strapi): BodyLimits => {
  const entries = strapi.config.get<unknown[]>('middlewares', []);
  const entry = entries.find((item): item is { config?: Record<string, unknown> } => !!item && typeof item === 'object' && (item as { name?: unknown }).name === 'strapi::body');
  const config = entry?.config ?? {};
  const formidable = (config.formidable ?? {}) as { maxFileSize?: unknown };
  // A limit is bytes or a size text ("2mb"); koa-body's and formidable's own defaults where the app sets none.
  const size = (value: unknown, fallback: string): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : fallback);
  return {
    json: size(config.jsonLimit, '1mb'),
    form: size(config.formLimit, '56kb'),
    text: size(config.textLimit, '56kb'),
    fileBytes: typeof formidable.maxFileSize === 'number' ? formidable.maxFileSize : 200 * 1024 * 1024,
  };
};

const NAMES_A_FIELD = /^[\w.[\]-]+: /;

/**
 * A 413 from the body parser says "request entity too large" or (for a file of a multipart
 * request) "FileTooBig": which limit, and which setting raises it, in words.
 */
const tooLargeProblem = (ctx: Parameters<Core.MiddlewareHandler>[0], message: string, limits: BodyLimits): string => {
  if (message === 'FileTooBig') return `a file in it is too large, over the ${limits.fileBytes} bytes allowed for one file (BODY_FILE_LIMIT)`;
  if (ctx.is('json', '+json')) return `too large, over the ${limits.json} allowed for a JSON body (BODY_JSON_LIMIT)`;
  if (ctx.is('urlencoded')) return `too large, over the ${limits.form} allowed for a form body (BODY_FORM_LIMIT)`;
  if (ctx.is('text/*')) return `too large, over the ${limits.text} allowed for a text body (BODY_TEXT_LIMIT)`;
  return message;
};

/**
 * Strapi's own 400s carry the failing field only in details ("This attribute must be unique",
 * "2 errors occurred") and speak yup. This rewrites every problem of a 4xx validation response
 * in words and makes the message name every field and its problem ("date: is required").
 * It only reads the finished response: errors pass through. For an admin whose interface is in
 * Chinese (Strapi keeps it as the user's preferedLanguage; else the browser's language) the
 * problems are in Chinese ("date: 必填"); the content API always answers in English.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  const limits = bodyLimitsOf(strapi);
  return async (ctx, next) => {
    await next();
    const body = ctx.body as ErrorBody | undefined;
    if (!body?.error || ctx.status < 400 || ctx.status >= 500) return;
    const message = body.error.message ?? '';
    if (ctx.status === 413 && !body.error.details?.errors?.length && !NAMES_A_FIELD.test(message)) {
      const problem = tooLargeProblem(ctx, message, limits);
      body.error.message = `body: ${problem}`;
      body.error.details = { ...body.error.details, errors: [{ path: ['body'], message: problem }] };
    }
    const chinese = adminReadsChinese(ctx.state, ctx.get('accept-language'));
    const problems = body.error.details?.errors;
    if (!Array.isArray(problems) || problems.length === 0) {
      if (chinese && typeof body.error.message === 'string') body.error.message = messageInChinese(body.error.message);
      return;
    }
    const described: string[] = [];
    for (const problem of problems) {
      if (!problem || typeof problem.message !== 'string') continue;
      const path = pathOf(problem);
      problem.message = problemInWords(path, problem.message);
      if (chinese) problem.message = problemInChinese(problem.message);
      described.push(path ? `${path}: ${problem.message}` : problem.message);
    }
    if (described.length > 0) body.error.message = described.join('; ');
  };
};
