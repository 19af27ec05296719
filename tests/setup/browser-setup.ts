import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** Build outputs inside the sources (the local plugins' dist) are not sources: compiling them must not force an admin rebuild. */
const BUILD_OUTPUTS = new Set(['dist', 'node_modules']);

const newestChange = (entry: string): number => {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  const children = fs.readdirSync(entry).filter((name) => !BUILD_OUTPUTS.has(name));
  return Math.max(0, ...children.map((name) => newestChange(path.join(entry, name))));
};

/**
 * The browser test needs Debian's Chromium and an admin build that matches the sources:
 * installs the one (as root, from Debian's packages) and rebuilds the other when stale.
 */
export default function browserSetup(): void {
  execSync('bash scripts/ensure-chromium.sh', { cwd: ROOT, stdio: 'inherit' });
  const built = path.join(ROOT, 'dist', 'build', 'index.html');
  const sources = ['src', 'config', 'package-lock.json'].map((entry) => newestChange(path.join(ROOT, entry)));
  if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < Math.max(...sources)) {
    execSync('npm run -s build', { cwd: ROOT, stdio: 'inherit' });
  } else {
    execSync('npm run -s build:plugins && npx tsc -p tsconfig.json', { cwd: ROOT, stdio: 'inherit' });
  }
}
