import { spawnSync } from 'node:child_process';
import { ROOT } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

// Secrets that pass the production rules; each test spoils one or two.
const GOOD = {
  APP_KEYS: 'Qm9yZWFsaXMgSW5zdGl0dXRlIG9mIFJvYm90aWNzIQ==,V0FJVFJPIGpvaW5zIFNJSVQgYXMgYSBGdWxsIE1lbWI=',
  API_TOKEN_SALT: 'k3Jx9vQ2m8TzL5pW0rYc7nB4hF6sD1aE9uG2iK8oP0w=',
  ADMIN_JWT_SECRET: 'Zq4Xw8Cv2Bn6Mm1Lk5Jh9Gf3Ds7Aa0Pp4Oo8Ii2Uu6Y=',
  TRANSFER_TOKEN_SALT: 'Tt3Rr7Ee1Ww5Qq9Yy2Uu6Ii0Oo4Pp8Aa3Ss7Dd1Ff5G=',
  JWT_SECRET: 'Hh2Jj6Kk0Ll4Zz8Xx3Cc7Vv1Bb5Nn9Mm2Qq6Ww0Ee4R=',
  ENCRYPTION_KEY: 'Gg1Ff5Dd9Ss3Aa7Pp2Oo6Ii0Uu4Yy8Tt3Rr7Ee1Ww5Q=',
};

// Loads the compiled app in a child process, as `strapi start` would.
const BOOT = `
const { createStrapi } = require('@strapi/strapi');
createStrapi({ appDir: process.cwd(), distDir: require('path').join(process.cwd(), 'dist'), serveAdminPanel: false })
  .load()
  .then(async (app) => { await app.destroy(); console.log('STARTED'); process.exit(0); })
  .catch((error) => { console.error('BOOT FAILED: ' + error.message); process.exit(3); });
`;

const boot = (env: Record<string, string>) => {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !(key in GOOD) && key !== 'SECRET_MIN_LENGTH'));
  return spawnSync(process.execPath, ['-e', BOOT], { cwd: ROOT, env: { ...clean, LOG_LEVEL: 'error', ...env }, encoding: 'utf8', timeout: 120_000 });
};

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('production-secrets');
});
afterAll(() => database?.drop());

describe('production secrets', () => {
  it('refuses APP_KEYS=key1,key2 (the old .env.example value), naming APP_KEYS', () => {
    const result = boot({ ...database.env, NODE_ENV: 'production', ...GOOD, APP_KEYS: 'key1,key2' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/Refusing to start in production without real secrets\. Missing or weak: APP_KEYS \(item 1 is an example value, item 2 is an example value\)\./);
    expect(result.stdout).not.toMatch(/STARTED/);
  });

  it('refuses one-letter secrets, naming each', () => {
    const result = boot({ ...database.env, NODE_ENV: 'production', ...GOOD, JWT_SECRET: 'j', ENCRYPTION_KEY: 'e' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/Missing or weak: JWT_SECRET \(is shorter than 24 characters\); ENCRYPTION_KEY \(is shorter than 24 characters\)\./);
    expect(result.stdout).not.toMatch(/STARTED/);
  });

  it('starts with real secrets', () => {
    const result = boot({ ...database.env, NODE_ENV: 'production', DEMO_CONTENT: 'false', ...GOOD });
    expect(result.stderr).not.toMatch(/BOOT FAILED/);
    expect(result.stdout).toMatch(/STARTED/);
  });
});
