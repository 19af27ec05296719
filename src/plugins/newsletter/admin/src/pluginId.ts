export const pluginId = 'newsletter';
