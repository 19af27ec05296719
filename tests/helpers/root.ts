import fs from 'node:fs';
import path from 'node:path';

/** The repository root: the nearest package.json named "newsroom" above `from` (works from .build/ too). */
export const findRoot = (from: string = __dirname): string => {
  for (let directory = from; directory !== path.dirname(directory); directory = path.dirname(directory)) {
    const manifest = path.join(directory, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'newsroom') return directory;
  }
  throw new Error(`no newsroom package.json above ${from}`);
};
