import type { StrapiApp } from '@strapi/strapi/admin';
import en from './translations/en.json';
import zhHans from './translations/zh-Hans.json';
import strapiZhHans from './translations/strapi-zh-Hans.json';
import { quietAnnouncements } from './quiet';
import { translateHints } from './hints';
import { translateEnumerationColumns } from './enumerations';
import importEn from './import/translations/en.json';
import importZhHans from './import/translations/zh-Hans.json';
import { IMPORT_PERMISSIONS } from './import/permissions';

/**
 * Field labels and content-type names of our types, in both admin languages. Strapi reads
 * `content-manager.content-types.{uid}.{attribute}`, `content-manager.components.{uid}.{attribute}`
 * and the display name itself; a key wins over the label stored in the view configuration,
 * so these hold for a fresh and an existing database alike.
 */
export const translations: Record<'en' | 'zh-Hans', Record<string, string>> = { en, 'zh-Hans': zhHans };

/**
 * Strapi 5.54's Content Manager is half English under zh-Hans: about 190 of its Chinese strings
 * sit under keys it prefixes a second time (the preview's "DRAFT" tab), about 150 have none (the
 * preview, the entry's information, history, publish dialogs). strapi-zh-Hans.json gives each
 * the key the admin reads: Strapi's Chinese where it has one, ours where not (a unit test keeps
 * the list equal to what the admin lacks). Ours win over Strapi's nowhere else.
 */
const adminTranslations: Record<'en' | 'zh-Hans', Record<string, string>> = {
  en: { ...en, ...importEn },
  'zh-Hans': { ...strapiZhHans, ...zhHans, ...importZhHans },
};

/** The directory import page (src/admin/import), in the org-linker's settings section when the plugin is there. */
const importLink = {
  id: 'newsroom-directory-import',
  to: 'directory-import',
  intlLabel: { id: 'newsroom.import.link', defaultMessage: 'Import directory' },
  permissions: IMPORT_PERMISSIONS,
  Component: () => import('./import/ImportPage'),
};

export default {
  config: {
    // English is always available; the network's editors also work in Simplified Chinese.
    locales: ['zh-Hans'],
    translations: adminTranslations,
    tutorials: false,
    notifications: { releases: false },
  },
  register(app: StrapiApp) {
    quietAnnouncements(window.localStorage);
    // After the plugins' register: the org-linker's section exists unless the plugin is off.
    try {
      app.addSettingsLink('org-linker', importLink);
    } catch {
      app.addSettingsLink({ id: 'newsroom-directory', intlLabel: { id: 'newsroom.import.section', defaultMessage: 'Directory' } }, [importLink]);
    }
  },
  bootstrap(app: StrapiApp) {
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', translateEnumerationColumns);
    // Field hints come from the stored configuration, untranslated: give them ours per language.
    app.registerHook('Admin/CM/pages/EditView/mutate-edit-view-layout', (data: Parameters<typeof translateHints>[0]) =>
      translateHints(data, translations, window.localStorage.getItem('strapi-admin-language') ?? 'en')
    );
  },
};
