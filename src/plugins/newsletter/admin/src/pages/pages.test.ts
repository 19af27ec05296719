/**
 * @jest-environment jsdom
 */
import { createElement, type ReactNode } from 'react';
import { DesignSystemProvider } from '@strapi/design-system';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { MemoryRouter } from 'react-router-dom';
import type { DeliverySummary, Endpoint } from '../../../shared/contracts';
import zhHans from '../translations/zh-Hans.json';
import { prefixTranslations } from '../utils/getTranslation';

/**
 * The admin pages rendered for real (design system, intl, router) against a fake admin
 * API: Strapi's admin app itself is replaced by the few hooks the pages use.
 */

const calls: { method: string; url: string; body?: unknown }[] = [];
const responses = new Map<string, unknown>();

jest.mock('@strapi/strapi/admin', () => {
  const react = jest.requireActual<typeof import('react')>('react');
  const respond = (method: string) => (url: string, bodyOrConfig?: unknown) => {
    calls.push({ method, url, body: bodyOrConfig });
    return Promise.resolve({ data: responses.get(`${method} ${url}`) });
  };
  // Stable across renders, as the real hooks are.
  const client = { get: respond('GET'), post: respond('POST'), put: respond('PUT'), del: respond('DELETE') };
  const notification = { toggleNotification: () => undefined };
  const passthrough = ({ children }: { children?: ReactNode }) => react.createElement(react.Fragment, null, children);
  return {
    useFetchClient: () => client,
    isFetchError: () => false,
    useRBAC: () => ({ isLoading: false, allowedActions: { canManage: true, canRead: true }, permissions: [] }),
    useNotification: () => notification,
    useClipboard: () => ({ copy: () => Promise.resolve(true) }),
    ConfirmDialog: ({ children, onConfirm }: { children?: ReactNode; onConfirm?: () => void }) =>
      react.createElement('div', { role: 'alertdialog' }, children, react.createElement('button', { onClick: onConfirm }, 'confirm')),
    Page: {
      Main: passthrough,
      Protect: passthrough,
      Title: () => null,
      Loading: () => react.createElement('p', null, 'loading'),
      Error: () => react.createElement('p', null, 'error'),
    },
    Layouts: {
      Header: ({ title, subtitle, primaryAction, secondaryAction }: Record<string, ReactNode>) =>
        react.createElement('header', null, react.createElement('h1', null, title), react.createElement('p', null, subtitle), primaryAction, secondaryAction),
      Content: passthrough,
    },
  };
});

// Imported after the mock is set up.
import { DeliveriesPage } from './DeliveriesPage';
import { EndpointsPage } from './EndpointsPage';

const endpoint: Endpoint = {
  id: 1,
  name: 'Newsletter service',
  url: 'https://newsletter.example.org/hooks',
  events: ['article.published', 'article.updated'],
  enabled: true,
  disabledReason: null,
  disabledAt: null,
  secretHint: 'whsec_…abcd',
  secretRotatedAt: '2024-05-01T00:00:00.000Z',
  previousSecretExpiresAt: null,
  createdAt: '2024-05-01T00:00:00.000Z',
  updatedAt: '2024-05-01T00:00:00.000Z',
};

const delivery: DeliverySummary = {
  id: 9,
  endpointId: 1,
  endpointName: 'Newsletter service',
  eventType: 'article.published',
  messageId: 'msg_1',
  documentId: 'doc1',
  locale: 'en',
  status: 'failed',
  attempts: 8,
  maxAttempts: 8,
  nextAttemptAt: null,
  lastAttemptAt: '2024-05-01T00:00:00.000Z',
  lastStatusCode: 500,
  lastError: 'receiver answered 500 (last of 8 attempts)',
  succeededAt: null,
  createdAt: '2024-05-01T00:00:00.000Z',
};

const renderPage = (page: ReactNode, { locale = 'en', path = '/plugins/newsletter' } = {}) =>
  render(
    createElement(
      DesignSystemProvider,
      { locale },
      createElement(
        IntlProvider,
        { locale, messages: locale === 'zh-Hans' ? prefixTranslations(zhHans) : {}, defaultLocale: 'en' },
        createElement(MemoryRouter, { initialEntries: [path], future: { v7_startTransition: true, v7_relativeSplatPath: true } }, page)
      )
    )
  );

// jsdom lacks ResizeObserver, which the design system's checkboxes and switches measure with.
beforeAll(() => {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});

beforeEach(() => {
  calls.length = 0;
  responses.clear();
  responses.set('GET /newsletter/endpoints', { data: [endpoint] });
  responses.set('GET /newsletter/deliveries', { data: [delivery], pagination: { page: 1, pageSize: 20, total: 1, pageCount: 1 } });
  responses.set('GET /newsletter/deliveries/9', { data: { ...delivery, payload: { type: 'article.published', data: { title: 'Hello' } }, lastResponseBody: 'oops' } });
  responses.set('POST /newsletter/deliveries/9/replay', { data: { ...delivery, status: 'pending', attempts: 0 } });
  responses.set('POST /newsletter/endpoints/1/rotate-secret', { data: { ...endpoint, secret: 'whsec_NEWSECRET' } });
});

describe('Endpoints page', () => {
  it('lists endpoints with their masked secret and never more', async () => {
    renderPage(createElement(EndpointsPage));
    expect(await screen.findByText('Newsletter service')).toBeTruthy();
    expect(screen.getByText('whsec_…abcd')).toBeTruthy();
    expect(screen.getByText('https://newsletter.example.org/hooks')).toBeTruthy();
  });

  it('rotates a secret after confirmation and shows the new one once', async () => {
    renderPage(createElement(EndpointsPage));
    await screen.findByText('Newsletter service');
    await act(() => Promise.resolve(fireEvent.click(screen.getByRole('button', { name: 'Rotate secret' }))));
    await act(() => Promise.resolve(fireEvent.click(screen.getByText('confirm'))));
    await waitFor(() => expect(calls.some((call) => call.method === 'POST' && call.url === '/newsletter/endpoints/1/rotate-secret')).toBe(true));
    expect(await screen.findByDisplayValue('whsec_NEWSECRET')).toBeTruthy();
  });

  it('creates an endpoint: checks the form first, then shows the secret once', async () => {
    responses.set('POST /newsletter/endpoints', { data: { ...endpoint, id: 2, name: 'Second', secret: 'whsec_FIRSTSECRET' } });
    renderPage(createElement(EndpointsPage));
    await screen.findByText('Newsletter service');
    await act(() => Promise.resolve(fireEvent.click(screen.getByRole('button', { name: 'New endpoint' }))));
    await act(() => Promise.resolve(fireEvent.click(screen.getByRole('button', { name: 'Save' }))));
    expect(screen.getByText('Give the endpoint a name (at most 100 characters).')).toBeTruthy();
    expect(calls.some((call) => call.method === 'POST')).toBe(false);

    fireEvent.change(screen.getByRole('textbox', { name: /^Name/ }), { target: { value: 'Second' } });
    fireEvent.change(screen.getByPlaceholderText('https://newsletter.example.org/webhooks/newsroom'), { target: { value: 'https://second.example.org/hook' } });
    await act(() => Promise.resolve(fireEvent.click(screen.getByRole('button', { name: 'Save' }))));
    await waitFor(() => expect(calls.find((call) => call.method === 'POST')).toBeTruthy());
    expect(calls.find((call) => call.method === 'POST')).toEqual({
      method: 'POST',
      url: '/newsletter/endpoints',
      body: { name: 'Second', url: 'https://second.example.org/hook', events: ['article.published', 'article.updated', 'article.unpublished'], enabled: true },
    });
    expect(await screen.findByDisplayValue('whsec_FIRSTSECRET')).toBeTruthy();
  });

  it('speaks Simplified Chinese', async () => {
    renderPage(createElement(EndpointsPage), { locale: 'zh-Hans' });
    expect(await screen.findByText('新建接收端')).toBeTruthy();
    expect(screen.getByText('新闻通讯 Webhook')).toBeTruthy();
  });
});

describe('Deliveries page', () => {
  it('shows the log and replays a failed delivery', async () => {
    renderPage(createElement(DeliveriesPage), { path: '/plugins/newsletter/deliveries?status=failed' });
    expect(await screen.findByText('8 / 8')).toBeTruthy();
    expect(calls.find((call) => call.url === '/newsletter/deliveries')?.body).toEqual({ params: { status: 'failed', endpointId: undefined, page: 1, pageSize: 20 } });
    await act(() => Promise.resolve(fireEvent.click(screen.getByText('8 / 8'))));
    expect(await screen.findByText(/"title": "Hello"/)).toBeTruthy();
    expect(screen.getByText('receiver answered 500 (last of 8 attempts)')).toBeTruthy();
    await act(() => Promise.resolve(fireEvent.click(screen.getByRole('button', { name: 'Replay' }))));
    await waitFor(() => expect(calls.some((call) => call.method === 'POST' && call.url === '/newsletter/deliveries/9/replay')).toBe(true));
  });
});
