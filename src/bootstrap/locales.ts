import type { Core } from '@strapi/strapi';
import { i18nLocales } from '../utils/strapi-services';

/** English is i18n's default; the network also publishes in Simplified Chinese. */
export const EXTRA_LOCALES = [{ code: 'zh-Hans', name: 'Chinese (Simplified) (zh-Hans)' }] as const;

export const ensureLocales = async (strapi: Core.Strapi): Promise<void> => {
  const locales = i18nLocales(strapi);
  for (const locale of EXTRA_LOCALES) {
    if (!(await locales.findByCode(locale.code))) await locales.create({ ...locale });
  }
};
