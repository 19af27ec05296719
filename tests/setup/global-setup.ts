import { execSync } from 'node:child_process';
import path from 'node:path';

/** Compiles the app (and its local plugins) once for the whole integration run. */
export default function globalSetup(): void {
  const root = path.resolve(__dirname, '..', '..');
  execSync('npm run -s build:plugins', { cwd: root, stdio: 'inherit' });
  execSync('npx tsc -p tsconfig.json', { cwd: root, stdio: 'inherit' });
}
