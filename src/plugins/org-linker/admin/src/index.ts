import type { StrapiApp } from '@strapi/strapi/admin';
import { ACTIONS } from '../../shared/contracts';
import { OrganizationsPanel } from './components/OrganizationsPanel';
import { pluginId } from './pluginId';
import { getTranslation, prefixTranslations } from './utils/getTranslation';

interface ContentManagerApis {
  addEditViewSidePanel?: (panels: unknown[]) => void;
}

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: pluginId, name: pluginId });
    app.addSettingsLink({ id: pluginId, intlLabel: { id: getTranslation('plugin.name'), defaultMessage: 'Organization linker' } }, [
      {
        id: `${pluginId}-settings`,
        to: pluginId,
        intlLabel: { id: getTranslation('settings.link'), defaultMessage: 'Linking' },
        permissions: [{ action: ACTIONS.settings, subject: null }],
        Component: () => import('./pages/SettingsPage'),
      },
      {
        id: `${pluginId}-relink`,
        to: `${pluginId}-relink`,
        intlLabel: { id: getTranslation('relink.link'), defaultMessage: 'Relink articles' },
        permissions: [{ action: ACTIONS.relink, subject: null }],
        Component: () => import('./pages/RelinkPage'),
      },
    ]);
  },

  bootstrap(app: StrapiApp) {
    // The edit view's side panel: what the text names, as the editor types.
    const contentManager = app.getPlugin('content-manager').apis as ContentManagerApis;
    contentManager.addEditViewSidePanel?.([OrganizationsPanel]);
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
