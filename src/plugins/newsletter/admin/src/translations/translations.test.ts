import fs from 'node:fs';
import path from 'node:path';
import en from './en.json';
import zhHans from './zh-Hans.json';

/** Every message id the admin code uses, with its English default, read from the sources. */
const usedMessages = (): Map<string, string | null> => {
  const used = new Map<string, string | null>();
  const walk = (directory: string): string[] =>
    fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) return walk(full);
      return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
    });
  for (const file of walk(path.resolve(__dirname, '..'))) {
    const source = fs.readFileSync(file, 'utf8');
    for (const match of source.matchAll(/\bt\(\s*'([^']+)',\s*'((?:[^'\\]|\\.)*)'/g)) used.set(match[1], match[2]);
    for (const match of source.matchAll(/getTranslation\('([^']+)'\),\s*defaultMessage:\s*'((?:[^'\\]|\\.)*)'/g)) used.set(match[1], match[2]);
    for (const match of source.matchAll(/getTranslation\('([^']+)'\)/g)) if (!used.has(match[1])) used.set(match[1], null);
  }
  return used;
};

describe('admin translations', () => {
  const english: Record<string, string> = en;
  const chinese: Record<string, string> = zhHans;

  it('has a Simplified Chinese message for every English one, and no others', () => {
    expect(Object.keys(chinese).sort()).toEqual(Object.keys(english).sort());
    for (const [key, value] of Object.entries(chinese)) expect({ key, empty: value.trim() === '' }).toEqual({ key, empty: false });
  });

  it('translates every message id the code uses, with the same English default', () => {
    const used = usedMessages();
    expect(used.size).toBeGreaterThan(50);
    for (const [id, defaultMessage] of used) {
      expect({ id, inEnglish: id in english }).toEqual({ id, inEnglish: true });
      if (defaultMessage !== null) expect({ id, text: english[id] }).toEqual({ id, text: defaultMessage.replace(/\\'/g, "'") });
    }
  });

  it('keeps the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const key of Object.keys(english)) expect({ key, placeholders: placeholders(chinese[key]) }).toEqual({ key, placeholders: placeholders(english[key]) });
  });
});
