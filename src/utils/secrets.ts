/**
 * Secrets the app needs. In production every one must come from the environment and the
 * app refuses to start, naming what is missing. In development and tests a fixed,
 * clearly non-secret value is used so that a fresh clone runs without a hand-made .env.
 */
export const SECRET_NAMES = [
  'APP_KEYS',
  'API_TOKEN_SALT',
  'ADMIN_JWT_SECRET',
  'TRANSFER_TOKEN_SALT',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
] as const;

export type SecretName = (typeof SECRET_NAMES)[number];

// Values that ship in examples and must never be accepted as real secrets.
const PLACEHOLDERS = new Set(['', 'tobemodified', 'toBeModified1,toBeModified2', 'changeme']);

const isProduction = (environment: NodeJS.ProcessEnv): boolean => environment.NODE_ENV === 'production';

const devValue = (name: SecretName): string =>
  name === 'APP_KEYS' ? 'dev-only-app-key-1,dev-only-app-key-2' : `dev-only-${name.toLowerCase().replace(/_/g, '-')}`;

export const missingSecrets = (environment: NodeJS.ProcessEnv = process.env): SecretName[] =>
  SECRET_NAMES.filter((name) => PLACEHOLDERS.has((environment[name] ?? '').trim()));

/** Throws in production when any secret is missing; a no-op elsewhere. */
export const assertProductionSecrets = (environment: NodeJS.ProcessEnv = process.env): void => {
  if (!isProduction(environment)) return;
  const missing = missingSecrets(environment);
  if (missing.length > 0) {
    throw new Error(
      `Refusing to start in production without real secrets. Missing or placeholder: ${missing.join(', ')}. ` +
        'Set them in the environment (see .env.example).'
    );
  }
};

export const secret = (name: SecretName, environment: NodeJS.ProcessEnv = process.env): string => {
  const value = (environment[name] ?? '').trim();
  if (!PLACEHOLDERS.has(value)) return value;
  assertProductionSecrets(environment);
  return devValue(name);
};

export const secretList = (name: SecretName, environment: NodeJS.ProcessEnv = process.env): string[] =>
  secret(name, environment)
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
