import { pluginId } from '../pluginId';

/** Translation ids are namespaced by plugin: "org-linker.panel.title". */
export const getTranslation = (id: string): string => `${pluginId}.${id}`;

export const prefixTranslations = (data: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(data).map(([key, value]) => [getTranslation(key), value]));
