/** Internal tables: managed through the plugin's own pages, never the content manager or builder. */
export const hidden = {
  'content-manager': { visible: false },
  'content-type-builder': { visible: false },
  i18n: { localized: false },
};
