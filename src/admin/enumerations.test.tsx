/**
 * @jest-environment jsdom
 */
import type { ReactNode } from 'react';
import { render, screen } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { translateEnumerationColumns } from './enumerations';
import en from './translations/en.json';
import zhHans from './translations/zh-Hans.json';

const headers: { name: string; attribute: { type: string }; cellFormatter?: unknown }[] = [
  { name: 'title', attribute: { type: 'string' } },
  { name: 'kind', attribute: { type: 'enumeration' } },
  { name: 'status', attribute: { type: 'enumeration' }, cellFormatter: 'kept' },
];

const cell = (locale: string, messages: Record<string, string>, value: unknown) => {
  const { displayedHeaders } = translateEnumerationColumns({ displayedHeaders: headers });
  const formatter = displayedHeaders[1].cellFormatter as (row: Record<string, unknown>) => ReactNode;
  render(
    <IntlProvider locale={locale} messages={messages}>
      {<span data-testid="cell">{formatter({ kind: value })}</span>}
    </IntlProvider>
  );
  return screen.getByTestId('cell').textContent;
};

describe('enumeration columns of the list view', () => {
  it('formats only enumeration columns that have no formatter yet', () => {
    const { displayedHeaders } = translateEnumerationColumns({ displayedHeaders: headers });
    expect(displayedHeaders[0]).toBe(headers[0]);
    expect(typeof displayedHeaders[1].cellFormatter).toBe('function');
    expect(displayedHeaders[2].cellFormatter).toBe('kept');
  });

  it('shows the value in words, in the admin language', () => {
    expect(cell('en', en, 'communication-mechanism')).toBe('Communication mechanism');
  });

  it('shows the value in Chinese in the Chinese admin', () => {
    expect(cell('zh-Hans', zhHans, 'communication-mechanism')).toBe('交流机制');
  });

  it('shows a dash for no value', () => {
    expect(cell('en', en, null)).toBe('-');
  });
});
