import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { findRoot } from './root';

/**
 * The compiled app (dist/, built by the integration global setup) as a separate Node
 * process, for fault tests that an in-process Strapi cannot do: SIGKILL mid-work, restart
 * on the same database, several processes on one database.
 *
 *   const app = await startChildApp({ env: { ...database.env, MY_SETTING: 'x' } });
 *   const admin = await registerFirstAdmin(app.baseUrl);      // token for the admin API
 *   await app.kill();                                          // SIGKILL, no cleanup runs
 *   await app.restart();                                       // same env and database; read app.baseUrl again
 *   await app.stop();                                          // SIGTERM: strapi.destroy(), then exit
 *
 * The child prints to a buffer (app.output()) that test failures can show; the database is
 * the caller's (createTestDatabase) and is not dropped here.
 */

const ROOT = findRoot();

export interface ChildAppOptions {
  /** Environment for the child on top of the defaults below (database env goes here). */
  env: Record<string, string>;
  /**
   * Port to listen on, kept across restarts. By default the child listens on port 0 (the OS
   * picks a free one while binding, so no other process can take it in between) and reports
   * the port it got; a restart may then get another one.
   */
  port?: number;
  /** Defaults: this repository and its dist/. */
  appDir?: string;
  distDir?: string;
  /** How long start/restart wait for the app to answer (default 90 s). */
  readyTimeoutMs?: number;
  /** Name shown in output lines and errors. */
  label?: string;
  /** Serve the built admin panel (npm run build) too, for browser tests. Default false. */
  serveAdminPanel?: boolean;
  /** Node options for the child that NODE_OPTIONS refuses (e.g. --cpu-prof for a benchmark's profile). */
  nodeArgs?: string[];
}

export interface ChildApp {
  readonly label: string;
  /** The port the current process listens on (read it again after a restart). */
  readonly port: number;
  readonly baseUrl: string;
  /** Pid of the current process (changes on restart). */
  pid(): number | undefined;
  /** Everything the child printed (stdout and stderr, all runs). */
  output(): string;
  /** Kills with SIGKILL (nothing of Strapi's shutdown runs) and waits for the exit. */
  kill(): Promise<void>;
  /** Stops with SIGTERM (strapi.destroy runs) and waits for the exit. */
  stop(timeoutMs?: number): Promise<void>;
  /** Starts again with the same options and waits until it answers. */
  restart(): Promise<void>;
  /** Resolves when GET /_health answers (polls every 100 ms). */
  waitUntilReady(timeoutMs?: number): Promise<void>;
}

/**
 * A TCP port that was free on loopback a moment ago. It is released before returning, so
 * another process may take it before it is used: prefer listening on port 0 and reading the
 * address back (as startChildApp and startReceiver do). Kept for callers that need a number first.
 */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** The line the child prints once it listens, with the port the OS gave it. */
const LISTENING = /^child-app listening on port (\d+)$/m;

// Runs in the child: boot the compiled app and say which port it got; on SIGTERM destroy it
// properly, then exit.
const BOOT = `
const { createStrapi } = require('@strapi/strapi');
const app = createStrapi({ appDir: process.env.CHILD_APP_DIR, distDir: process.env.CHILD_DIST_DIR, autoReload: false, serveAdminPanel: process.env.CHILD_SERVE_ADMIN === 'true' });
process.once('SIGTERM', () => { app.destroy().then(() => process.exit(0), (error) => { console.error(error); process.exit(1); }); });
app.start().then(() => { console.log('child-app listening on port ' + app.server.httpServer.address().port); }, (error) => { console.error(error); process.exit(1); });
`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const startChildApp = async (options: ChildAppOptions): Promise<ChildApp> => {
  const appDir = options.appDir ?? ROOT;
  const distDir = options.distDir ?? path.join(appDir, 'dist');
  const label = options.label ?? 'app';
  // Known once the child reports it (or given).
  let port = options.port ?? 0;
  let output = '';
  let runStart = 0;
  let child: ChildProcess | undefined;
  let exited: Promise<number | null> = Promise.resolve(null);

  const spawnChild = () => {
    const processEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
      DEMO_CONTENT: 'false',
      ...options.env,
      HOST: '127.0.0.1',
      PORT: String(options.port ?? 0),
      CHILD_APP_DIR: appDir,
      CHILD_DIST_DIR: distDir,
      CHILD_SERVE_ADMIN: options.serveAdminPanel ? 'true' : 'false',
    };
    runStart = output.length;
    port = options.port ?? 0;
    child = spawn(process.execPath, [...(options.nodeArgs ?? []), '-e', BOOT], { cwd: appDir, env: processEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const append = (chunk: Buffer) => {
      output += chunk.toString('utf8');
    };
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    const current = child;
    exited = new Promise((resolve) => current.once('exit', (code) => resolve(code)));
  };

  const alive = () => child !== undefined && child.exitCode === null && child.signalCode === null;

  const waitUntilReady = async (timeoutMs = options.readyTimeoutMs ?? 90_000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!alive()) throw new Error(`${label} exited before it was ready:\n${output.slice(-4000)}`);
      const reported = LISTENING.exec(output.slice(runStart));
      if (reported) port = Number(reported[1]);
      if (port !== 0) {
        try {
          const response = await fetch(`http://127.0.0.1:${port}/_health`, { signal: AbortSignal.timeout(1000) });
          if (response.status < 500) return;
        } catch {
          // not listening yet
        }
      }
      await sleep(100);
    }
    throw new Error(`${label} did not answer within ${timeoutMs} ms:\n${output.slice(-4000)}`);
  };

  const terminate = async (signal: NodeJS.Signals, timeoutMs: number) => {
    if (!alive()) return;
    child?.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const result = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (result === 'timeout') {
      child?.kill('SIGKILL');
      await exited;
    }
  };

  spawnChild();
  const app: ChildApp = {
    label,
    get port() {
      return port;
    },
    get baseUrl() {
      return `http://127.0.0.1:${port}`;
    },
    pid: () => child?.pid,
    output: () => output,
    kill: () => terminate('SIGKILL', 10_000),
    stop: (timeoutMs = 30_000) => terminate('SIGTERM', timeoutMs),
    async restart() {
      await terminate('SIGTERM', 30_000);
      spawnChild();
      await waitUntilReady();
    },
    waitUntilReady,
  };
  await waitUntilReady();
  return app;
};

/**
 * Creates the first admin of a fresh database through the public /admin/register-admin
 * route and returns its bearer token, so a child app can be driven over HTTP only.
 */
export const registerFirstAdmin = async (baseUrl: string, credentials = { email: 'admin@newsroom.test', password: 'Test-password-1' }): Promise<string> => {
  const response = await fetch(`${baseUrl}/admin/register-admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...credentials, firstname: 'Fault', lastname: 'Tester' }),
  });
  const body = (await response.json()) as { data?: { token?: string; accessToken?: string } };
  const token = body.data?.token ?? body.data?.accessToken;
  if (!response.ok || typeof token !== 'string') throw new Error(`register-admin failed: ${response.status} ${JSON.stringify(body)}`);
  return token;
};

/** Logs an existing admin in (e.g. on a second process sharing the database). */
export const loginAdminOverHttp = async (baseUrl: string, credentials = { email: 'admin@newsroom.test', password: 'Test-password-1' }): Promise<string> => {
  const response = await fetch(`${baseUrl}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
  const body = (await response.json()) as { data?: { token?: string; accessToken?: string } };
  const token = body.data?.token ?? body.data?.accessToken;
  if (!response.ok || typeof token !== 'string') throw new Error(`admin login failed: ${response.status} ${JSON.stringify(body)}`);
  return token;
};

/** A full-access content-API token created through the admin API. */
export const createApiTokenOverHttp = async (baseUrl: string, adminToken: string, name = `fault-${Date.now()}`): Promise<string> => {
  const response = await fetch(`${baseUrl}/admin/api-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ name, type: 'full-access', lifespan: null, description: 'fault test token' }),
  });
  const body = (await response.json()) as { data?: { accessKey?: string } };
  if (!response.ok || typeof body.data?.accessKey !== 'string') throw new Error(`api token creation failed: ${response.status} ${JSON.stringify(body)}`);
  return body.data.accessKey;
};
