import path from 'node:path';
import { contentModelKeys } from '../../../tests/helpers/translations';
import { findRoot } from '../../../tests/helpers/root';
import { CONTENT_TYPES_BY_NAME, hintKey, translateHints } from '../hints';
import en from './en.json';
import zhHans from './zh-Hans.json';

const english: Record<string, string> = en;
const chinese: Record<string, string> = zhHans;
const models = contentModelKeys(findRoot(path.resolve(__dirname)));
const HAN = /\p{Script=Han}/u;

describe("the admin's labels of our content model", () => {
  it('finds our content types and components', () => {
    expect(models.map((model) => model.uid)).toEqual(
      expect.arrayContaining([
        'api::article.article',
        'api::author.author',
        'api::organization.organization',
        'api::partnership.partnership',
        'api::sector.sector',
        'organization.alias',
      ])
    );
  });

  it('has an English and a Chinese label for every attribute and display name', () => {
    for (const { keys } of models) {
      for (const key of keys) {
        expect({ key, english: english[key]?.trim() ? 'present' : 'missing' }).toEqual({ key, english: 'present' });
        // Chinese, not English copied over.
        expect({ key, chinese: chinese[key] && HAN.test(chinese[key]) ? 'present' : (chinese[key] ?? 'missing') }).toEqual({ key, chinese: 'present' });
      }
    }
  });

  it('has the same keys in both languages, none for an attribute that no longer exists', () => {
    expect(Object.keys(chinese).sort()).toEqual(Object.keys(english).sort());
    const known = new Set(models.flatMap((model) => model.keys));
    const hints = new Set(
      models.flatMap((model) => model.keys.map((key) => key.replace(/^content-manager\.content-types\.(.+)\.([^.]+)$/, (_all, uid: string, name: string) => hintKey(uid, name))))
    );
    for (const key of Object.keys(english)) expect({ key, known: known.has(key) || hints.has(key) }).toEqual({ key, known: true });
  });

  it('knows the uid of every content type by its display name, for the hints', () => {
    for (const { uid, displayName } of models.filter((model) => model.uid.startsWith('api::'))) expect(CONTENT_TYPES_BY_NAME[displayName]).toBe(uid);
  });

  it('shows hints in the admin language, and leaves other types and fields alone', () => {
    const field = (name: string, hint?: string) => ({ name, hint });
    const data = { layout: { layout: [[[field('sectors', 'stored'), field('title')]]], settings: { displayName: 'Article' } }, query: {} };
    const translations = { en: english, 'zh-Hans': chinese };
    const [[[sectors, title]]] = translateHints(data, translations, 'zh-Hans').layout.layout;
    expect(sectors.hint).toBe(chinese[hintKey('api::article.article', 'sectors')]);
    expect(title.hint).toBeUndefined();
    expect(translateHints({ ...data, layout: { ...data.layout, settings: { displayName: 'Something else' } } }, translations, 'zh-Hans').layout.layout[0][0][0].hint).toBe(
      'stored'
    );
  });
});
