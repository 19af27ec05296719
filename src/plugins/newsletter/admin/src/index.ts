import { Mail } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../../shared/contracts';
import { pluginId } from './pluginId';
import { getTranslation, prefixTranslations } from './utils/getTranslation';

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: pluginId, name: pluginId });
    app.addMenuLink({
      to: `plugins/${pluginId}`,
      icon: Mail,
      intlLabel: { id: getTranslation('plugin.name'), defaultMessage: 'Newsletter webhooks' },
      permissions: [{ action: PERMISSIONS.read, subject: null }],
      Component: () => import('./pages/App').then((module) => ({ default: module.App })),
    });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = (await import(`./translations/${locale}.json`)) as { default: Record<string, string> };
          return { data: prefixTranslations(data), locale };
        } catch {
          // No translation for this locale: Strapi falls back to the English defaults.
          return { data: {}, locale };
        }
      })
    );
  },
};
