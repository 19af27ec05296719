/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { DesignSystemProvider } from '@strapi/design-system';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import type { Job } from '../../../shared/contracts';

/** The Relink page with the Strapi admin replaced by a stand-in API holding one failed job. */

const failedJob: Job = {
  id: 7,
  kind: 'organization-change',
  status: 'failed',
  organization: 'org1',
  total: 3,
  processed: 1,
  changed: 0,
  totals: { articles: 0, added: 0, updated: 0, removed: 0 },
  error: 'no such table: articles_mentioned_organizations_lnk',
  createdAt: '2024-01-01T00:00:00.000Z',
  startedAt: '2024-01-01T00:00:00.000Z',
  finishedAt: '2024-01-01T00:00:01.000Z',
};
let stored: Job = failedJob;
const posts: string[] = [];

jest.mock('@strapi/strapi/admin', () => {
  const client = {
    get: (url: string) => Promise.resolve({ data: { data: url === '/org-linker/relink/jobs' ? [stored] : stored } }),
    post: (url: string) => {
      posts.push(url);
      stored = { ...stored, status: 'pending', error: null };
      const answer = stored;
      stored = { ...stored, status: 'done', processed: 3 };
      return Promise.resolve({ data: { data: answer } });
    },
    put: () => Promise.resolve({ data: {} }),
  };
  const Passthrough = ({ children }: { children?: React.ReactNode }) => <div>{children}</div>;
  const Header = ({ title, primaryAction, secondaryAction }: { title: string; primaryAction?: React.ReactNode; secondaryAction?: React.ReactNode }) => (
    <div>
      <h1>{title}</h1>
      {primaryAction}
      {secondaryAction}
    </div>
  );
  // Stable, as Strapi's own hook is (the page's effects depend on it).
  const notification = { toggleNotification: jest.fn() };
  return {
    useFetchClient: () => client,
    isFetchError: () => false,
    useNotification: () => notification,
    Layouts: { Header, Content: Passthrough },
    Page: { Main: Passthrough, Title: () => null, Protect: Passthrough },
  };
});

// Imported after the mock is set up.
import { RelinkPage, POLL_MS } from './RelinkPage';

const renderPage = () =>
  render(
    <DesignSystemProvider>
      <IntlProvider locale="en" messages={{}}>
        <RelinkPage />
      </IntlProvider>
    </DesignSystemProvider>
  );

it('shows a failed relink with its reason, and Retry runs it again until done', async () => {
  renderPage();
  const failed = await screen.findByTestId('org-linker-failed-jobs');
  expect(failed.textContent).toContain('Directory change #7 (1 of 3 versions done): no such table: articles_mentioned_organizations_lnk');

  await act(() => {
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    return Promise.resolve();
  });
  expect(posts).toEqual(['/org-linker/relink/jobs/7/retry']);
  // The page follows the job (one poll) until it is done, and the failed list empties.
  await screen.findByText('Done: 0 of 3 versions changed', undefined, { timeout: POLL_MS * 3 });
  await waitFor(() => expect(screen.queryByTestId('org-linker-failed-jobs')).toBeNull());
});
