/**
 * The edit view shows a field's hint from the stored view configuration as is (no translation
 * key, unlike labels). This swaps in `newsroom.hint.{uid}.{attribute}` of the admin's language.
 */

/** Our content types by display name: the edit-view layout carries the name, not the uid. */
export const CONTENT_TYPES_BY_NAME: Record<string, string> = {
  Article: 'api::article.article',
  Author: 'api::author.author',
  Organization: 'api::organization.organization',
  Partnership: 'api::partnership.partnership',
  Sector: 'api::sector.sector',
};

interface Field {
  name: string;
  hint?: string;
  [key: string]: unknown;
}
interface EditLayoutData {
  layout: { layout: Field[][][]; settings: { displayName?: string }; [key: string]: unknown };
  [key: string]: unknown;
}

export const hintKey = (uid: string, attribute: string): string => `newsroom.hint.${uid}.${attribute}`;

export const translateHints = <T extends EditLayoutData>(data: T, translations: Record<string, Record<string, string>>, locale: string): T => {
  const uid = data.layout?.settings?.displayName ? CONTENT_TYPES_BY_NAME[data.layout.settings.displayName] : undefined;
  if (!uid || !Array.isArray(data.layout.layout)) return data;
  const messages = translations[locale] ?? translations.en;
  const layout = data.layout.layout.map((panel) =>
    panel.map((row) => row.map((field) => (messages[hintKey(uid, field.name)] ? { ...field, hint: messages[hintKey(uid, field.name)] } : field)))
  );
  return { ...data, layout: { ...data.layout, layout } };
};
