import fs from 'node:fs';
import path from 'node:path';

/**
 * Checks an admin plugin's translations: the same keys in English and Simplified Chinese,
 * every message id the code uses is translated with the same English default, and both
 * languages keep the same {placeholders}. Used by each plugin's translations test.
 */

const sourcesIn = (directory: string): string[] =>
  fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourcesIn(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });

/** Every message id the admin code uses, with its English default when it gives one. */
export const usedMessages = (adminSource: string): Map<string, string | null> => {
  const used = new Map<string, string | null>();
  for (const file of sourcesIn(adminSource)) {
    const source = fs.readFileSync(file, 'utf8');
    for (const match of source.matchAll(/\bt\(\s*'([^']+)',\s*'((?:[^'\\]|\\.)*)'/g)) used.set(match[1], match[2]);
    for (const match of source.matchAll(/getTranslation\('([^']+)'\),\s*defaultMessage:\s*'((?:[^'\\]|\\.)*)'/g)) used.set(match[1], match[2]);
    for (const match of source.matchAll(/getTranslation\('([^']+)'\)/g)) if (!used.has(match[1])) used.set(match[1], null);
  }
  return used;
};

export const describeTranslations = (adminSource: string, english: Record<string, string>, chinese: Record<string, string>, minimumUsed: number) => {
  describe('admin translations', () => {
    it('has a Simplified Chinese message for every English one, and no others', () => {
      expect(Object.keys(chinese).sort()).toEqual(Object.keys(english).sort());
      for (const [key, value] of Object.entries(chinese)) expect({ key, empty: value.trim() === '' }).toEqual({ key, empty: false });
    });

    it('translates every message id the code uses, with the same English default', () => {
      const used = usedMessages(adminSource);
      expect(used.size).toBeGreaterThan(minimumUsed);
      for (const [id, defaultMessage] of used) {
        expect({ id, inEnglish: id in english }).toEqual({ id, inEnglish: true });
        if (defaultMessage !== null) expect({ id, text: english[id] }).toEqual({ id, text: defaultMessage.replace(/\\'/g, "'") });
      }
    });

    it('keeps the same placeholders in both languages', () => {
      // Argument names, also of ICU plurals ("{count, plural, …}").
      const placeholders = (text: string) => [...new Set([...text.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((match) => match[1]))].sort();
      for (const key of Object.keys(english)) expect({ key, placeholders: placeholders(chinese[key]) }).toEqual({ key, placeholders: placeholders(english[key]) });
    });
  });
};
