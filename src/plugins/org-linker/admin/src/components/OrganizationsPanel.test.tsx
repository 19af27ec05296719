/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { DesignSystemProvider } from '@strapi/design-system';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import type { Analysis, Preview } from '../../../shared/contracts';

/**
 * The panel inside a stand-in edit form: the Strapi admin hooks it uses are replaced by a
 * form whose values the test sets, and an API that records the preview requests.
 */

const form = { values: {} as Record<string, unknown>, onChange: jest.fn() };
const previews: Preview.Request[] = [];
let answer: Analysis;

jest.mock('@strapi/strapi/admin', () => {
  const client = {
    get: (url: string) =>
      Promise.resolve({
        data: url === '/org-linker/config' ? { data: { contentTypes: [{ uid: 'api::article.article', fields: ['body'] }], urlTemplate: '/organizations/{slug}' } } : {},
      }),
    post: (url: string, body: Preview.Request) => {
      if (url === '/org-linker/preview') previews.push(body);
      return Promise.resolve({ data: { data: answer } });
    },
    put: () => Promise.resolve({ data: {} }),
  };
  return {
    useFetchClient: () => client,
    isFetchError: () => false,
    useForm: (_consumer: string, select: (state: typeof form) => unknown) => select(form),
    useQueryParams: () => [{ query: { plugins: { i18n: { locale: 'en' } } } }],
    useRBAC: () => ({ allowedActions: { canRead: true } }),
  };
});

// Imported after the mock is set up.
import { OrganizationsPanel, PREVIEW_DELAY_MS } from './OrganizationsPanel';

const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];

const Harness = () => {
  const description = OrganizationsPanel({ model: 'api::article.article', collectionType: 'collection-types', activeTab: 'draft', documentId: 'doc1' });
  return <>{description ? description.content : 'hidden'}</>;
};

const renderHarness = () =>
  render(
    <DesignSystemProvider locale="en">
      <IntlProvider locale="en" defaultLocale="en" messages={{}}>
        <Harness />
      </IntlProvider>
    </DesignSystemProvider>
  );

beforeEach(() => {
  jest.useFakeTimers();
  previews.length = 0;
  form.onChange.mockReset();
  form.values = { body: paragraph('WAITRO met CAS.'), autolink: true, ignoredOrganizations: { connect: [], disconnect: [] }, organizationChoices: null };
  answer = {
    organizations: [
      {
        documentId: 'w1',
        name: 'WAITRO long name',
        acronym: 'WAITRO',
        slug: 'waitro',
        url: '/organizations/waitro',
        count: 1,
        linked: true,
        link: 'added',
        ignored: false,
        autolink: true,
      },
    ],
    ambiguous: [],
    suggestions: [],
    choices: [],
    links: { added: [], updated: [], removed: [] },
  };
});
afterEach(() => jest.useRealTimers());

const settle = async (ms: number) => {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
};

describe('the organizations panel in the edit view', () => {
  it('previews the unsaved text once typing pauses, with the form’s pending ignores and choices', async () => {
    const view = renderHarness();
    await settle(0);
    expect(previews).toHaveLength(0);
    await settle(PREVIEW_DELAY_MS);
    expect(previews).toEqual([
      {
        contentType: 'api::article.article',
        field: 'body',
        value: paragraph('WAITRO met CAS.'),
        documentId: 'doc1',
        locale: 'en',
        autolink: true,
        ignoredChanges: { connect: [], disconnect: [] },
        organizationChoices: [],
      },
    ]);
    expect(screen.getByText('WAITRO long name (WAITRO)')).toBeTruthy();

    // Three keystrokes in quick succession: one request, for the last text.
    for (const text of ['WAITRO met CAS. A', 'WAITRO met CAS. AB', 'WAITRO met CAS. ABC']) {
      form.values = { ...form.values, body: paragraph(text) };
      view.rerender(
        <DesignSystemProvider locale="en">
          <IntlProvider locale="en" defaultLocale="en" messages={{}}>
            <Harness />
          </IntlProvider>
        </DesignSystemProvider>
      );
      await settle(100);
    }
    await settle(PREVIEW_DELAY_MS);
    expect(previews).toHaveLength(2);
    expect(previews[1].value).toEqual(paragraph('WAITRO met CAS. ABC'));
  });

  it('ignores an organization by connecting it in the form’s ignoredOrganizations field', async () => {
    renderHarness();
    await settle(0);
    await settle(PREVIEW_DELAY_MS);
    fireEvent.click(screen.getByRole('button', { name: 'Ignore' }));
    expect(form.onChange).toHaveBeenCalledWith('ignoredOrganizations', {
      connect: [expect.objectContaining({ apiData: { documentId: 'w1', isTemporary: true }, label: 'WAITRO long name' })],
      disconnect: [],
    });
  });

  it('stores the choice for an ambiguous name in the form’s organizationChoices field', async () => {
    answer = {
      ...answer,
      ambiguous: [
        {
          text: 'NRC',
          start: 0,
          end: 3,
          candidates: [
            { documentId: 'n1', name: 'National Research Council Canada', slug: 'a' },
            { documentId: 'n2', name: 'National Research Centre', slug: 'b' },
          ],
        },
      ],
    };
    renderHarness();
    await settle(0);
    await settle(PREVIEW_DELAY_MS);
    fireEvent.keyDown(screen.getByRole('combobox'), { key: 'ArrowDown' });
    // Radix selects an item on Enter (jsdom has no real pointer events).
    fireEvent.keyDown(screen.getByRole('option', { name: 'National Research Council Canada' }), { key: 'Enter' });
    expect(form.onChange).toHaveBeenCalledWith('organizationChoices', [{ text: 'NRC', organization: 'n1' }]);
  });
});
