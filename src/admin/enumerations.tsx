import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';

/**
 * Enumeration values in words. Strapi's edit view already asks react-intl for an option's label
 * by its value (`formatMessage({ id: value })`), so our translations give "research-institute"
 * as "Research institute" / "研究机构"; the list view prints the stored value as it is, so its
 * enumeration columns get a cell that asks the same message.
 */

export const EnumerationValue = ({ value }: { value: unknown }) => {
  const { formatMessage } = useIntl();
  if (typeof value !== 'string' || value === '') return <>-</>;
  return <>{formatMessage({ id: value, defaultMessage: value })}</>;
};

interface ListHeader {
  name: string;
  attribute?: { type?: string };
  cellFormatter?: unknown;
}

/** For Strapi's `Admin/CM/pages/ListView/inject-column-in-table` hook: enumeration columns show their values in words. */
export const translateEnumerationColumns = <Data extends { displayedHeaders: ListHeader[] }>(data: Data): Data => ({
  ...data,
  displayedHeaders: data.displayedHeaders.map((header) =>
    header.attribute?.type === 'enumeration' && header.cellFormatter === undefined
      ? { ...header, cellFormatter: (row: Record<string, unknown>): ReactNode => <EnumerationValue value={row[header.name]} /> }
      : header
  ),
});
