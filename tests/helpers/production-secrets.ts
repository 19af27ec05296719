/** Secrets a production process accepts (long enough, not example values): for tests only. */
export const PRODUCTION_SECRETS = {
  APP_KEYS: 'prod-key-a-0123456789abcdef,prod-key-b-0123456789abcdef',
  API_TOKEN_SALT: 'prod-api-token-salt-0123456789',
  ADMIN_JWT_SECRET: 'prod-admin-jwt-secret-0123456789',
  TRANSFER_TOKEN_SALT: 'prod-transfer-salt-0123456789',
  JWT_SECRET: 'prod-jwt-secret-0123456789abcdef',
  ENCRYPTION_KEY: 'prod-encryption-key-0123456789',
};
