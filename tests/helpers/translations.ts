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

interface ModelSchema {
  info: { displayName: string };
  attributes: Record<string, { type?: string; enum?: string[] }>;
}
/** An enumeration's values: the admin shows each through the message whose id is the value. */
const enumerationValues = (schema: ModelSchema): string[] =>
  Object.values(schema.attributes).flatMap((attribute) => (attribute.type === 'enumeration' ? (attribute.enum ?? []) : []));
const readSchema = (file: string): ModelSchema => JSON.parse(fs.readFileSync(file, 'utf8')) as ModelSchema;
const directoriesIn = (directory: string): string[] =>
  fs.existsSync(directory)
    ? fs
        .readdirSync(directory, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
    : [];

/**
 * Every translation key the admin reads for the app's own content model, found from the
 * schema files (so a type, component or attribute added later is included): each content type's
 * and component's display name, and `content-manager.content-types.{uid}.{attribute}` /
 * `content-manager.components.{uid}.{attribute}` for every attribute, and every enumeration value.
 */
export const contentModelKeys = (root: string): { uid: string; displayName: string; keys: string[] }[] => {
  const models: { uid: string; displayName: string; keys: string[] }[] = [];
  const api = path.join(root, 'src', 'api');
  for (const apiName of directoriesIn(api)) {
    for (const typeName of directoriesIn(path.join(api, apiName, 'content-types'))) {
      const file = path.join(api, apiName, 'content-types', typeName, 'schema.json');
      if (!fs.existsSync(file)) continue;
      const schema = readSchema(file);
      const uid = `api::${apiName}.${typeName}`;
      models.push({
        uid,
        displayName: schema.info.displayName,
        keys: [schema.info.displayName, ...Object.keys(schema.attributes).map((name) => `content-manager.content-types.${uid}.${name}`), ...enumerationValues(schema)],
      });
    }
  }
  const components = path.join(root, 'src', 'components');
  for (const category of directoriesIn(components)) {
    for (const file of fs.readdirSync(path.join(components, category)).filter((name) => name.endsWith('.json'))) {
      const schema = readSchema(path.join(components, category, file));
      const uid = `${category}.${path.basename(file, '.json')}`;
      models.push({
        uid,
        displayName: schema.info.displayName,
        keys: [schema.info.displayName, ...Object.keys(schema.attributes).map((name) => `content-manager.components.${uid}.${name}`), ...enumerationValues(schema)],
      });
    }
  }
  return models;
};
