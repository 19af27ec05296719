/** A short local date-time for tables; "—" when absent. */
export const formatDateTime = (value: string | null | undefined, locale: string): string => {
  if (!value) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(value));
};
