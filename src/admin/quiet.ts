/**
 * Strapi 5.54 has no setting for its guided tour ("Step 1 of 4", shown over the list views even
 * with `tutorials: false`) nor for the Media Library announcement banner: both read their state
 * from localStorage, so the app writes "tour switched off" and "banner dismissed" there before
 * the panel renders.
 */

export const GUIDED_TOUR_KEY = 'STRAPI_GUIDED_TOUR';
/** The banner's key is scoped by the legacy-library flag and the instance's uuid (false without one). */
export const bannerKeys = (uuid: string | false | undefined): string[] => [true, false].map((legacy) => `STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED_FOR_${legacy}:${uuid}`);

const parse = (raw: string | null): Record<string, unknown> => {
  try {
    const value: unknown = raw === null ? null : JSON.parse(raw);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

export const quietAnnouncements = (storage: Storage, fetchInit: () => Promise<unknown> = () => fetch('/admin/init').then((response) => response.json())): void => {
  // Strapi fills in the tours themselves when they are missing.
  storage.setItem(GUIDED_TOUR_KEY, JSON.stringify({ ...parse(storage.getItem(GUIDED_TOUR_KEY)), enabled: false }));
  const dismiss = (uuid: string | false | undefined) => bannerKeys(uuid).forEach((key) => storage.setItem(key, 'true'));
  dismiss(false);
  dismiss(undefined);
  // An instance with a uuid (package.json "strapi.uuid") scopes the key by it.
  fetchInit()
    .then((body) => {
      const uuid = (body as { data?: { uuid?: unknown } } | null)?.data?.uuid;
      if (typeof uuid === 'string') dismiss(uuid);
    })
    .catch(() => undefined);
};
