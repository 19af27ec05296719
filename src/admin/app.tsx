import type { StrapiApp } from '@strapi/strapi/admin';
import en from './translations/en.json';
import zhHans from './translations/zh-Hans.json';
import { quietAnnouncements } from './quiet';
import { translateHints } from './hints';

/**
 * Field labels and content-type names of our types, in both admin languages. Strapi reads
 * `content-manager.content-types.{uid}.{attribute}`, `content-manager.components.{uid}.{attribute}`
 * and the display name itself; a key wins over the label stored in the view configuration,
 * so these hold for a fresh and an existing database alike.
 */
export const translations: Record<'en' | 'zh-Hans', Record<string, string>> = { en, 'zh-Hans': zhHans };

export default {
  config: {
    // English is always available; the network's editors also work in Simplified Chinese.
    locales: ['zh-Hans'],
    translations,
    tutorials: false,
    notifications: { releases: false },
  },
  register(_app: StrapiApp) {
    quietAnnouncements(window.localStorage);
  },
  bootstrap(app: StrapiApp) {
    // Field hints come from the stored configuration, untranslated: give them ours per language.
    app.registerHook('Admin/CM/pages/EditView/mutate-edit-view-layout', (data: Parameters<typeof translateHints>[0]) =>
      translateHints(data, translations, window.localStorage.getItem('strapi-admin-language') ?? 'en')
    );
  },
};
