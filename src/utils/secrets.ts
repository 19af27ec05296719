/**
 * Secrets the app needs. In production every one must come from the environment, be at least
 * SECRET_MIN_LENGTH characters (each APP_KEYS item too) and not be an example value; otherwise
 * the app refuses to start (or build), naming each offending variable and why — never the
 * value itself. In development and tests a fixed, clearly non-secret value is used when one is
 * unset, so that a fresh clone runs without a hand-made .env.
 */
export const SECRET_NAMES = ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY'] as const;

export type SecretName = (typeof SECRET_NAMES)[number];

/**
 * 24 characters is what `openssl rand -base64 16` prints (16 random bytes); the README and
 * .env.example advise `openssl rand -base64 32`. Lowering it below 16 is refused.
 */
export const DEFAULT_SECRET_MIN_LENGTH = 24;
const LOWEST_SECRET_MIN_LENGTH = 16;

// Unset: development falls back to its own values; production refuses.
const UNSET = new Set(['']);

/**
 * Values that ship in examples (this project's .env.example, Strapi's templates, tutorials)
 * and must never be accepted as real secrets, compared without letter case. A unit test
 * checks that every secret in .env.example is refused.
 */
const EXAMPLE_VALUES = new Set(
  [
    'tobemodified',
    'tobemodified1',
    'tobemodified2',
    'changeme',
    'change-me',
    'change_me',
    'change-me-1',
    'change-me-2',
    'replace-me',
    'replaceme',
    'secret',
    'mysecret',
    'my-secret',
    'password',
    'key1',
    'key2',
    'key3',
    'key4',
    'salt',
    'example',
    'todo',
    'xxx',
    'test',
    'default',
  ].map((value) => value.toLowerCase())
);
// Longer example values: these pass the length rule, so they are named here.
const EXAMPLE_PATTERNS: readonly RegExp[] = [
  /^(generate|change|replace|set|put|insert|your)[-_ ]/i, // "generate-with-openssl…", "your-secret-here"
  /^dev-only-/i, // the development fallbacks below
  /^(.)\1*$/, // one character repeated
];

const isProduction = (environment: NodeJS.ProcessEnv): boolean => environment.NODE_ENV === 'production';

const devValue = (name: SecretName): string => (name === 'APP_KEYS' ? 'dev-only-app-key-1,dev-only-app-key-2' : `dev-only-${name.toLowerCase().replace(/_/g, '-')}`);

export const secretMinLength = (environment: NodeJS.ProcessEnv = process.env): number => {
  const text = (environment.SECRET_MIN_LENGTH ?? '').trim();
  if (text === '') return DEFAULT_SECRET_MIN_LENGTH;
  const value = Number(text);
  if (!Number.isInteger(value) || value < LOWEST_SECRET_MIN_LENGTH) {
    throw new Error(`SECRET_MIN_LENGTH: must be a whole number of characters, at least ${LOWEST_SECRET_MIN_LENGTH} (got "${text}")`);
  }
  return value;
};

/** Why one value (a secret, or one APP_KEYS item) is not a secret, or null when it may be. */
const weakness = (value: string, minLength: number): string | null => {
  if (EXAMPLE_VALUES.has(value.toLowerCase())) return 'an example value';
  if (value.length < minLength) return `shorter than ${minLength} characters`;
  if (EXAMPLE_PATTERNS.some((pattern) => pattern.test(value))) return 'an example value';
  return null;
};

export interface SecretProblem {
  name: SecretName;
  problem: string;
}

/** Every secret that is unset, an example value or too short, with why (never the value). */
export const secretProblems = (environment: NodeJS.ProcessEnv = process.env): SecretProblem[] => {
  const minLength = secretMinLength(environment);
  const problems: SecretProblem[] = [];
  for (const name of SECRET_NAMES) {
    const value = (environment[name] ?? '').trim();
    if (UNSET.has(value)) {
      problems.push({ name, problem: 'not set' });
      continue;
    }
    if (name === 'APP_KEYS') {
      const items = value.split(',').map((item) => item.trim());
      const itemProblems = items.flatMap((item, index) => {
        const why = item === '' ? 'empty' : weakness(item, minLength);
        return why === null ? [] : [`item ${index + 1} is ${why}`];
      });
      if (new Set(items).size !== items.length) itemProblems.push('the same key is listed twice');
      if (itemProblems.length > 0) problems.push({ name, problem: itemProblems.join(', ') });
      continue;
    }
    const why = weakness(value, minLength);
    if (why !== null) problems.push({ name, problem: `is ${why}` });
  }
  return problems;
};

/** The names of the secrets that would be refused in production. */
export const missingSecrets = (environment: NodeJS.ProcessEnv = process.env): SecretName[] => secretProblems(environment).map(({ name }) => name);

/** Throws in production when any secret is unset, an example value or too short; a no-op elsewhere. */
export const assertProductionSecrets = (environment: NodeJS.ProcessEnv = process.env): void => {
  if (!isProduction(environment)) return;
  const problems = secretProblems(environment);
  if (problems.length > 0) {
    throw new Error(
      'Refusing to start in production without real secrets. Missing or weak: ' +
        problems.map(({ name, problem }) => `${name} (${problem})`).join('; ') +
        `. Generate each with \`openssl rand -base64 32\` (APP_KEYS: two or more, comma-separated); see .env.example.`
    );
  }
};

export const secret = (name: SecretName, environment: NodeJS.ProcessEnv = process.env): string => {
  assertProductionSecrets(environment);
  const value = (environment[name] ?? '').trim();
  return UNSET.has(value) ? devValue(name) : value;
};

export const secretList = (name: SecretName, environment: NodeJS.ProcessEnv = process.env): string[] =>
  secret(name, environment)
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
