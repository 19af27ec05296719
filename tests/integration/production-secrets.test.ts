import { spawnSync } from 'node:child_process';
import { ROOT } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { PRODUCTION_SECRETS } from '../helpers/production-secrets';

// Secrets that pass the production rules; each test spoils one or two.
const GOOD = PRODUCTION_SECRETS;

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
