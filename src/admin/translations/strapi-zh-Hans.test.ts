import { createRequire } from 'node:module';
import path from 'node:path';
import type { ReactNode } from 'react';
import { createIntl } from 'react-intl';
import { findRoot } from '../../../tests/helpers/root';
import ours from './strapi-zh-Hans.json';

/**
 * The Content Manager's Chinese, as the admin can find it. Strapi 5.54 prefixes the plugin's
 * keys with `content-manager.` when it loads them, and its zh-Hans file already holds about 190
 * keys in prefixed form (so they end up doubly prefixed and unused: the preview's "DRAFT" tab)
 * and has no Chinese at all for about 150 more. Our file gives every such key: Strapi's own
 * Chinese where it has one, re-keyed; ours where it has none. The list must be exactly what the
 * admin lacks (a Strapi upgrade that fixes or changes this fails here), and each message must
 * keep the English one's arguments.
 */

const PREFIX = 'content-manager.';
const HAN = /\p{Script=Han}/u;

// Strapi's own translation modules, as the admin loads them (the package's exports hide them, so by path).
const TRANSLATIONS = path.join(findRoot(path.resolve(__dirname)), 'node_modules', '@strapi', 'content-manager', 'dist', 'admin', 'translations');
const load = (file: string): Record<string, string> => {
  const loaded = createRequire(__filename)(path.join(TRANSLATIONS, file)) as { default?: Record<string, string> };
  return loaded.default ?? (loaded as Record<string, string>);
};

const strapiEnglish = load('en.json.js');
const strapiChinese = load('zh-Hans.json.js');
const chinese: Record<string, string> = ours;

/** What the admin finds: Strapi's keys as written, which it then prefixes. */
const reachable = (key: string) => key in strapiChinese;
// The ICU parser react-intl itself uses (a dependency of it, loaded by path like Strapi's files).
interface Element {
  type: number;
  value?: unknown;
  options?: Record<string, { value: Element[] }>;
  children?: Element[];
}
const { parse } = createRequire(__filename)(path.join(findRoot(path.resolve(__dirname)), 'node_modules', '@formatjs', 'icu-messageformat-parser')) as {
  parse: (message: string) => Element[];
};
/** Argument names of an ICU message (`{time}`, `{count, plural, …}`), through every branch; literals (type 0) and `#` (7) carry none. */
const argumentsOf = (message: string): string[] => {
  const names = new Set<string>();
  const walk = (elements: Element[]) => {
    for (const element of elements) {
      if (element.type !== 0 && element.type !== 7 && typeof element.value === 'string') names.add(element.value);
      for (const option of Object.values(element.options ?? {})) walk(option.value);
      walk(element.children ?? []);
    }
  };
  walk(parse(message));
  return [...names].sort();
};

describe("our Chinese for Strapi's Content Manager", () => {
  it('covers every Content Manager string the admin has no Chinese for, and nothing it translates', () => {
    const lacking = Object.keys(strapiEnglish).filter((key) => !reachable(key));
    expect(lacking.length).toBeGreaterThan(0);
    expect(Object.keys(chinese).sort()).toEqual(lacking.map((key) => `${PREFIX}${key}`).sort());
  });

  it("uses Strapi's own Chinese wherever Strapi has one under the prefixed key", () => {
    const stranded = Object.keys(chinese).filter((key) => key in strapiChinese);
    expect(stranded.length).toBeGreaterThan(0);
    for (const key of stranded) expect({ key, message: chinese[key] }).toEqual({ key, message: strapiChinese[key] });
  });

  it('is Chinese, keeps the arguments of the English message, and formats', () => {
    const intl = createIntl({
      locale: 'zh-Hans',
      messages: chinese,
      onError: (error) => {
        throw error;
      },
    });
    for (const [key, message] of Object.entries(chinese)) {
      const english = strapiEnglish[key.slice(PREFIX.length)];
      expect({ key, arguments: argumentsOf(message) }).toEqual({ key, arguments: argumentsOf(english) });
      // Our own words are Chinese (a message made of arguments only, "{count} {label}", has none; Strapi's keep its "API ID").
      if (!(key in strapiChinese) && /\p{L}/u.test(english.replace(/\{[^{}]*\}/g, ''))) expect({ key, han: HAN.test(message) }).toEqual({ key, han: true });
      const values = Object.fromEntries(argumentsOf(message).map((name) => [name, name === 'count' || name === 'number' || name.endsWith('Count') ? 2 : 'x']));
      expect(() => intl.formatMessage({ id: key }, { ...values, b: (chunks: ReactNode[]) => chunks })).not.toThrow();
    }
  });
});
