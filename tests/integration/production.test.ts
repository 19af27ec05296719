import { spawnSync } from 'node:child_process';
import { ROOT } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { PRODUCTION_SECRETS } from '../helpers/production-secrets';

// Long enough to pass the production rules (src/utils/secrets.ts: at least 24 characters).
const SECRETS = PRODUCTION_SECRETS;

// Boots the compiled app in a child process, as `strapi start` would, and reports what it saw.
const BOOT = `
const { createStrapi } = require('@strapi/strapi');
createStrapi({ appDir: process.cwd(), distDir: require('path').join(process.cwd(), 'dist'), serveAdminPanel: false })
  .load()
  .then(async (app) => {
    const report = {
      admins: await app.db.query('admin::user').count(),
      organizations: await app.db.query('api::organization.organization').count({ where: { publishedAt: { $notNull: true } } }),
    };
    await app.destroy();
    console.log('REPORT ' + JSON.stringify(report));
    process.exit(0);
  })
  .catch((error) => { console.error('BOOT FAILED: ' + error.message); process.exit(3); });
`;

const boot = (env: Record<string, string>) => {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !(key in SECRETS)));
  return spawnSync(process.execPath, ['-e', BOOT], {
    cwd: ROOT,
    env: { ...clean, LOG_LEVEL: 'error', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
};

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('production');
});
afterAll(() => database?.drop());

describe('production', () => {
  it('refuses to start without real secrets and names the missing ones', () => {
    const result = boot({ ...database.env, NODE_ENV: 'production', API_TOKEN_SALT: SECRETS.API_TOKEN_SALT, JWT_SECRET: 'tobemodified' });
    expect(result.status).not.toBe(0);
    const output = result.stdout + result.stderr;
    expect(output).toMatch(/Refusing to start in production without real secrets/);
    expect(output).toMatch(
      /Missing or weak: APP_KEYS \(not set\); ADMIN_JWT_SECRET \(not set\); TRANSFER_TOKEN_SALT \(not set\); JWT_SECRET \(is an example value\); ENCRYPTION_KEY \(not set\)\./
    );
    expect(output).not.toMatch(/REPORT/);
  });

  it('starts with real secrets, and creates neither the demo admin nor the demo content', () => {
    const result = boot({ ...database.env, NODE_ENV: 'production', ...SECRETS });
    expect(result.stderr).not.toMatch(/BOOT FAILED/);
    expect(result.status).toBe(0);
    const report = JSON.parse(/REPORT (.*)/.exec(result.stdout)![1]);
    expect(report).toEqual({ admins: 0, organizations: 0 });
  });

  it('creates the demo admin and demo content in development', () => {
    const dev = boot({ ...database.env, NODE_ENV: 'development' });
    expect(dev.stderr).not.toMatch(/BOOT FAILED/);
    const report = JSON.parse(/REPORT (.*)/.exec(dev.stdout)![1]);
    expect(report).toEqual({ admins: 1, organizations: 11 });
  });
});
