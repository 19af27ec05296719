import { assertProductionSecrets, missingSecrets, secret, secretList } from './secrets';

const ALL = {
  APP_KEYS: 'a,b',
  API_TOKEN_SALT: 's1',
  ADMIN_JWT_SECRET: 's2',
  TRANSFER_TOKEN_SALT: 's3',
  JWT_SECRET: 's4',
  ENCRYPTION_KEY: 's5',
};

describe('secrets', () => {
  it('uses development values outside production', () => {
    expect(secret('JWT_SECRET', { NODE_ENV: 'development' })).toBe('dev-only-jwt-secret');
    expect(secretList('APP_KEYS', { NODE_ENV: 'test' })).toEqual(['dev-only-app-key-1', 'dev-only-app-key-2']);
  });

  it('treats the example placeholders as missing', () => {
    expect(missingSecrets({ ...ALL, API_TOKEN_SALT: 'tobemodified', APP_KEYS: 'toBeModified1,toBeModified2' })).toEqual(['APP_KEYS', 'API_TOKEN_SALT']);
  });

  it('throws in production, naming every missing secret', () => {
    expect(() => assertProductionSecrets({ NODE_ENV: 'production', ...ALL, JWT_SECRET: '', ENCRYPTION_KEY: ' ' })).toThrow(
      'Missing or placeholder: JWT_SECRET, ENCRYPTION_KEY.'
    );
    expect(() => secret('JWT_SECRET', { NODE_ENV: 'production' })).toThrow(/APP_KEYS, API_TOKEN_SALT/);
    expect(secret('JWT_SECRET', { NODE_ENV: 'production', ...ALL })).toBe('s4');
  });
});
