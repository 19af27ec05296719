import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { assertProductionSecrets, missingSecrets, SECRET_NAMES, secret, secretList, secretProblems } from './secrets';

// Real-looking secrets: 32 random bytes in base64 (44 characters).
const ALL = {
  APP_KEYS: 'Qm9yZWFsaXMgSW5zdGl0dXRlIG9mIFJvYm90aWNzIQ==,V0FJVFJPIGpvaW5zIFNJSVQgYXMgYSBGdWxsIE1lbWI=',
  API_TOKEN_SALT: 'k3Jx9vQ2m8TzL5pW0rYc7nB4hF6sD1aE9uG2iK8oP0w=',
  ADMIN_JWT_SECRET: 'Zq4Xw8Cv2Bn6Mm1Lk5Jh9Gf3Ds7Aa0Pp4Oo8Ii2Uu6Y=',
  TRANSFER_TOKEN_SALT: 'Tt3Rr7Ee1Ww5Qq9Yy2Uu6Ii0Oo4Pp8Aa3Ss7Dd1Ff5G=',
  JWT_SECRET: 'Hh2Jj6Kk0Ll4Zz8Xx3Cc7Vv1Bb5Nn9Mm2Qq6Ww0Ee4R=',
  ENCRYPTION_KEY: 'Gg1Ff5Dd9Ss3Aa7Pp2Oo6Ii0Uu4Yy8Tt3Rr7Ee1Ww5Q=',
};
const PRODUCTION = { NODE_ENV: 'production', ...ALL };

const envExample = (): Record<string, string> =>
  Object.fromEntries(
    readFileSync(join(__dirname, '..', '..', '.env.example'), 'utf8')
      .split('\n')
      .map((line) => /^([A-Z_]+)=(.*)$/.exec(line.trim()))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => [match[1], match[2]])
  );

describe('secrets', () => {
  it('uses development values outside production', () => {
    expect(secret('JWT_SECRET', { NODE_ENV: 'development' })).toBe('dev-only-jwt-secret');
    expect(secretList('APP_KEYS', { NODE_ENV: 'test' })).toEqual(['dev-only-app-key-1', 'dev-only-app-key-2']);
    expect(secret('JWT_SECRET', {})).toBe('dev-only-jwt-secret');
  });

  it('accepts real secrets in production', () => {
    expect(secretProblems(PRODUCTION)).toEqual([]);
    expect(secret('JWT_SECRET', PRODUCTION)).toBe(ALL.JWT_SECRET);
    expect(secretList('APP_KEYS', PRODUCTION)).toHaveLength(2);
  });

  it('refuses every secret value of .env.example, naming each variable', () => {
    const example = envExample();
    for (const name of SECRET_NAMES) {
      expect(example[name]).toBeDefined();
      expect(missingSecrets({ ...ALL, [name]: example[name] })).toEqual([name]);
    }
    expect(() => assertProductionSecrets({ ...example, NODE_ENV: 'production' })).toThrow(
      /Missing or weak: APP_KEYS \(item 1 is an example value, item 2 is an example value\); API_TOKEN_SALT \(is an example value\); ADMIN_JWT_SECRET .*; TRANSFER_TOKEN_SALT .*; JWT_SECRET .*; ENCRYPTION_KEY \(is an example value\)\./
    );
  });

  it.each([
    'key1,key2',
    'toBeModified1,toBeModified2',
    'tobemodified',
    'changeme',
    'CHANGEME',
    'generate-with-openssl-rand-base64-32',
    'your-secret-here-please-and-thank-you',
    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  ])('refuses the example value %p', (value) => {
    const name = value.includes(',') ? 'APP_KEYS' : 'JWT_SECRET';
    expect(missingSecrets({ ...ALL, [name]: value })).toEqual([name]);
  });

  it('refuses a secret shorter than the minimum, whatever it is made of', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SECRET_NAMES),
        fc.string({ minLength: 1, maxLength: 23 }).filter((value) => value.trim().length === value.length && !value.includes(',')),
        (name, value) => {
          expect(missingSecrets({ ...ALL, [name]: value })).toEqual([name]);
        }
      )
    );
    expect(secretProblems({ ...ALL, JWT_SECRET: 'x' })).toEqual([{ name: 'JWT_SECRET', problem: 'is shorter than 24 characters' }]);
  });

  it('checks each APP_KEYS item', () => {
    expect(secretProblems({ ...ALL, APP_KEYS: `${ALL.JWT_SECRET},short` })).toEqual([{ name: 'APP_KEYS', problem: 'item 2 is shorter than 24 characters' }]);
    expect(secretProblems({ ...ALL, APP_KEYS: `key1,${ALL.JWT_SECRET}` })).toEqual([{ name: 'APP_KEYS', problem: 'item 1 is an example value' }]);
    expect(secretProblems({ ...ALL, APP_KEYS: `${ALL.JWT_SECRET},,${ALL.API_TOKEN_SALT}` })).toEqual([{ name: 'APP_KEYS', problem: 'item 2 is empty' }]);
    expect(secretProblems({ ...ALL, APP_KEYS: `${ALL.JWT_SECRET},${ALL.JWT_SECRET}` })).toEqual([{ name: 'APP_KEYS', problem: 'the same key is listed twice' }]);
  });

  it('honours SECRET_MIN_LENGTH, never below 16', () => {
    expect(missingSecrets({ ...ALL, SECRET_MIN_LENGTH: '64' })).toEqual([...SECRET_NAMES]);
    expect(missingSecrets({ ...ALL, JWT_SECRET: 'k3Jx9vQ2m8TzL5pW', SECRET_MIN_LENGTH: '16' })).toEqual([]);
    expect(() => missingSecrets({ ...ALL, SECRET_MIN_LENGTH: '8' })).toThrow(/SECRET_MIN_LENGTH: .*at least 16/);
  });

  it('throws in production, naming every offending secret and never its value', () => {
    let message = '';
    try {
      assertProductionSecrets({ ...PRODUCTION, APP_KEYS: 'key1,key2', JWT_SECRET: '', ENCRYPTION_KEY: 'short-one' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /^Refusing to start in production without real secrets\. Missing or weak: APP_KEYS \(item 1 is an example value, item 2 is an example value\); JWT_SECRET \(not set\); ENCRYPTION_KEY \(is shorter than 24 characters\)\./
    );
    expect(message).not.toMatch(/short-one|key1/);
    expect(() => secret('JWT_SECRET', { NODE_ENV: 'production' })).toThrow(/APP_KEYS \(not set\); API_TOKEN_SALT \(not set\)/);
  });
});
