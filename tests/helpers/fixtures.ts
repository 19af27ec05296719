import fs from 'node:fs';
import path from 'node:path';
import { findRoot } from './root';

/**
 * The read-only fixtures that live beside the repository (../shared/fixtures). A clone made
 * elsewhere (e.g. in a temporary folder) finds them through NEWSROOM_SHARED, then by looking
 * beside each ancestor folder, then in the workspace's usual place.
 */
export const fixturesDir = (): string => {
  const root = findRoot(__dirname);
  const candidates = [
    process.env.NEWSROOM_SHARED && path.join(process.env.NEWSROOM_SHARED, 'fixtures'),
    ...ancestors(root).map((directory) => path.join(path.dirname(directory), 'shared', 'fixtures')),
    '/work/shared/fixtures',
  ].filter((candidate): candidate is string => Boolean(candidate));
  const found = candidates.find((candidate) => fs.existsSync(path.join(candidate, 'organizations.json')));
  if (!found) throw new Error(`shared fixtures not found; looked in: ${candidates.join(', ')} (set NEWSROOM_SHARED)`);
  return found;
};

const ancestors = (directory: string): string[] => (directory === path.dirname(directory) ? [] : [directory, ...ancestors(path.dirname(directory))]);

export const fixturePath = (name: 'organizations.json' | 'syiit-joins-waitro.txt'): string => path.join(fixturesDir(), name);

/** The 11 organizations of organizations.json that the seed article names. */
export const SEED_ORGANIZATIONS = [
  'World Association of Industrial and Technological Research Organizations',
  'Shenyang Institute of Industrial Technology',
  "Shenyang Municipal People's Government",
  'Shenyang Aerospace University',
  'Shenyang Ligong University',
  'Liaoning Academy of Materials',
  'Northeastern University',
  'Chinese Academy of Sciences',
  'Institute of Metals Research',
  'Shenyang Institute of Automation',
  'Dalian Institute of Chemical Physics',
] as const;
