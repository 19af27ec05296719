/**
 * @jest-environment jsdom
 */
import type { ReactNode } from 'react';
import { DesignSystemProvider } from '@strapi/design-system';
import { fireEvent, render, screen } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import type { Analysis } from '../../../shared/contracts';
import zhHans from '../translations/zh-Hans.json';
import { prefixTranslations } from '../utils/getTranslation';
import { PanelView, type PanelState, type PanelViewProps } from './PanelView';

const renderPanel = (state: PanelState, overrides: Partial<PanelViewProps> = {}, locale = 'en') => {
  const handlers = {
    organizationHref: (documentId: string) => `/admin/content-manager/collection-types/api::organization.organization/${documentId}`,
    onToggleIgnore: jest.fn(),
    onChoose: jest.fn(),
    onAddToDirectory: jest.fn(),
    onRefresh: jest.fn(),
    ...overrides,
  };
  const wrap = (children: ReactNode) => (
    <DesignSystemProvider locale={locale}>
      <IntlProvider locale={locale} defaultLocale="en" messages={locale === 'zh-Hans' ? prefixTranslations(zhHans) : {}}>
        {children}
      </IntlProvider>
    </DesignSystemProvider>
  );
  render(wrap(<PanelView state={state} {...handlers} />));
  return handlers;
};

const analysis = (overrides: Partial<Analysis> = {}): Analysis => ({
  organizations: [],
  ambiguous: [],
  suggestions: [],
  choices: [],
  links: { added: [], updated: [], removed: [] },
  ...overrides,
});

const waitro = {
  documentId: 'w1',
  name: 'World Association of Industrial and Technological Research Organizations',
  acronym: 'WAITRO',
  slug: 'waitro',
  url: '/organizations/waitro',
  count: 3,
  linked: true,
  link: 'added' as const,
  ignored: false,
  autolink: true,
};
const cas = {
  ...waitro,
  documentId: 'c1',
  name: 'Chinese Academy of Sciences',
  acronym: 'CAS',
  slug: 'cas',
  count: 1,
  linked: false,
  link: 'none' as const,
  reason: 'ignored' as const,
  ignored: true,
};

describe('the organizations panel', () => {
  it('says it is looking while the first answer is on its way', () => {
    renderPanel({ status: 'loading' });
    expect(screen.getByText('Looking for organizations…')).toBeTruthy();
  });

  it('says when the text names no organization', () => {
    renderPanel({ status: 'ready', refreshing: false, analysis: analysis() });
    expect(screen.getByText('No organization of the directory is named in the text yet.')).toBeTruthy();
    expect(screen.queryAllByTestId('org-linker-organization')).toHaveLength(0);
  });

  it('lists each organization with its mentions, whether it will be linked or why not, and a link to its entry', () => {
    const handlers = renderPanel({ status: 'ready', refreshing: false, analysis: analysis({ organizations: [waitro, cas] }) });
    expect(screen.getByTestId('org-linker-summary').textContent).toBe('2 organizations named, 1 linked');
    const rows = screen.getAllByTestId('org-linker-organization');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('World Association of Industrial and Technological Research Organizations (WAITRO)');
    expect(rows[0].textContent).toContain('3 mentions');
    expect(rows[0].textContent).toContain('Will be linked');
    expect(rows[1].textContent).toContain('Ignored in this article');
    expect(rows[1].textContent).toContain('1 mention');
    const link = screen.getByText('Chinese Academy of Sciences (CAS)').closest('a');
    expect(link?.getAttribute('href')).toBe('/admin/content-manager/collection-types/api::organization.organization/c1');
    expect(link?.getAttribute('target')).toBe('_blank');

    fireEvent.click(screen.getByRole('button', { name: 'Ignore' }));
    expect(handlers.onToggleIgnore).toHaveBeenCalledWith(waitro);
    fireEvent.click(screen.getByRole('button', { name: 'Un-ignore' }));
    expect(handlers.onToggleIgnore).toHaveBeenCalledWith(cas);
  });

  it('says Linked when the stored body already links it, Will be linked only for what saving adds', () => {
    const stored = { ...waitro, link: 'present' as const };
    const added = { ...waitro, documentId: 'a1', name: 'Aurora Institute', acronym: null, link: 'added' as const };
    renderPanel({ status: 'ready', refreshing: false, analysis: analysis({ organizations: [stored, added] }) });
    const texts = screen.getAllByTestId('org-linker-status').map((status) => status.textContent);
    expect(texts).toEqual(['Linked', 'Will be linked']);
  });

  it('says Link will be removed (and why) for a link that saving removes, and only the reason when there was no link', () => {
    const removed = { ...cas, link: 'removed' as const };
    const never = { ...cas, documentId: 'c2', name: 'Borealis Lab', acronym: null };
    renderPanel({ status: 'ready', refreshing: false, analysis: analysis({ organizations: [removed, never] }) });
    const texts = screen.getAllByTestId('org-linker-status').map((status) => status.textContent);
    expect(texts).toEqual(['Link will be removed: Ignored in this article', 'Ignored in this article']);
  });

  it('keeps the external-link icon at a fixed size beside a long name, and never wraps a button', () => {
    renderPanel({ status: 'ready', refreshing: false, analysis: analysis({ organizations: [waitro, cas], suggestions: [{ text: 'Borealis Institute of Robotics' }] }) });
    for (const icon of screen.getAllByTestId('org-linker-external')) {
      expect(icon.getAttribute('width')).toBe('1.2rem');
      expect(icon.getAttribute('height')).toBe('1.2rem');
      expect(icon.style.flexShrink).toBe('0');
    }
    for (const name of ['Scan again', 'Ignore', 'Un-ignore', 'Add to directory']) {
      const button = screen.getByRole('button', { name });
      expect(button.style.whiteSpace).toBe('nowrap');
      expect(button.style.flexShrink).toBe('0');
    }
  });

  it('shows every reason for not linking in words', () => {
    const reasons = ['not-first', 'in-heading', 'opted-out', 'link-limit', 'article-autolink-off', 'linked-by-editor'] as const;
    renderPanel({
      status: 'ready',
      refreshing: false,
      analysis: analysis({ organizations: reasons.map((reason, index) => ({ ...waitro, documentId: `o${index}`, linked: false, link: 'none' as const, reason })) }),
    });
    const texts = screen.getAllByTestId('org-linker-status').map((status) => status.textContent);
    expect(texts).toEqual([
      'Linked at an earlier mention',
      'Only in a heading (headings are not linked)',
      'Never linked: the organization opted out',
      'The article has reached its link limit',
      'Automatic links are off for this article',
      'You linked it yourself elsewhere in the article',
    ]);
  });

  it('offers the candidates of an ambiguous name and reports the choice', () => {
    const handlers = renderPanel({
      status: 'ready',
      refreshing: false,
      analysis: analysis({
        ambiguous: [
          {
            text: 'NRC',
            start: 4,
            end: 7,
            candidates: [
              { documentId: 'n1', name: 'National Research Council Canada', slug: 'nrc-canada' },
              { documentId: 'n2', name: 'National Research Centre', slug: 'nrc-egypt' },
            ],
          },
        ],
      }),
    });
    expect(screen.getByText('“NRC” can mean several organizations')).toBeTruthy();
    fireEvent.keyDown(screen.getByRole('combobox'), { key: 'ArrowDown' });
    // Radix selects an item on Enter (jsdom has no real pointer events).
    fireEvent.keyDown(screen.getByRole('option', { name: 'National Research Centre' }), { key: 'Enter' });
    expect(handlers.onChoose).toHaveBeenCalledWith('NRC', 'n2');
  });

  it('lists possible mentions (unconfirmed acronyms) with their reason and a link to the entry (issue 16, rule 7)', () => {
    renderPanel({
      status: 'ready',
      refreshing: false,
      analysis: analysis({
        possible: [
          { documentId: 'i1', name: 'Institute of Chemical Engineering', text: 'ICE', count: 2, reason: 'short-acronym' },
          { documentId: 'n1', name: 'National Institute for Health and Care Excellence', text: 'NICE', count: 1, reason: 'acronym-never-alone' },
          { documentId: 't1', name: 'Çanakkale Onsekiz Mart Üniversitesi', text: 'COMU', count: 1, reason: 'folded-acronym' },
        ],
      }),
    });
    expect(screen.getByText('Possible mentions (not linked)')).toBeTruthy();
    const rows = screen.getAllByTestId('org-linker-possible-mention');
    expect(rows.map((row) => row.querySelector('a')?.textContent)).toEqual([
      '“ICE”: Institute of Chemical Engineering?',
      '“NICE”: National Institute for Health and Care Excellence?',
      '“COMU”: Çanakkale Onsekiz Mart Üniversitesi?',
    ]);
    expect(rows[0].querySelector('a')?.getAttribute('href')).toBe('/admin/content-manager/collection-types/api::organization.organization/i1');
    expect(screen.getAllByTestId('org-linker-possible-reason').map((r) => r.textContent)).toEqual([
      'A short acronym: linked once the article also names the organization in full',
      'The directory says this acronym is never linked alone: name the organization in full',
      'Spelled differently from the directory: linked once the article also names the organization in full',
    ]);
  });

  it('shows no possible-mentions section when there are none', () => {
    renderPanel({ status: 'ready', refreshing: false, analysis: analysis({ possible: [] }) });
    expect(screen.queryByTestId('org-linker-possible')).toBeNull();
  });

  it('lists names missing from the directory with Add to directory', () => {
    const handlers = renderPanel({
      status: 'ready',
      refreshing: false,
      analysis: analysis({ suggestions: [{ text: 'Borealis Institute of Robotics', acronym: 'BIR' }] }),
    });
    expect(screen.getByText('Not in the directory yet')).toBeTruthy();
    expect(screen.getByTestId('org-linker-suggestion').textContent).toContain('Borealis Institute of Robotics (BIR)');
    fireEvent.click(screen.getByRole('button', { name: 'Add to directory' }));
    expect(handlers.onAddToDirectory).toHaveBeenCalledWith({ text: 'Borealis Institute of Robotics', acronym: 'BIR' });
  });

  it('shows a server error in words, says saving still works, and can try again', () => {
    const handlers = renderPanel({ status: 'error', message: 'body.0.children: must be an array' });
    expect(screen.getByTestId('org-linker-error').textContent).toContain('The organizations could not be checked: body.0.children: must be an array. You can still save.');
    fireEvent.click(screen.getByRole('button', { name: 'Scan again' }));
    expect(handlers.onRefresh).toHaveBeenCalled();
  });

  it('speaks Simplified Chinese', () => {
    const stored = { ...waitro, documentId: 'w2', link: 'present' as const };
    const removed = { ...cas, link: 'removed' as const };
    renderPanel({ status: 'ready', refreshing: false, analysis: analysis({ organizations: [waitro, stored, removed] }) }, {}, 'zh-Hans');
    expect(screen.getByText('将被链接')).toBeTruthy();
    expect(screen.getByText('已链接')).toBeTruthy();
    expect(screen.getByText('链接将被移除：本文中已忽略')).toBeTruthy();
    expect(screen.getByRole('button', { name: '重新扫描' }).style.whiteSpace).toBe('nowrap');
    expect(screen.getAllByRole('button', { name: '忽略' })).toHaveLength(2);
  });

  it('speaks Simplified Chinese about possible mentions', () => {
    const possible = [{ documentId: 'i1', name: 'Institute of Chemical Engineering', text: 'ICE', count: 1, reason: 'short-acronym' as const }];
    renderPanel({ status: 'ready', refreshing: false, analysis: analysis({ possible }) }, {}, 'zh-Hans');
    expect(screen.getByText('可能的提及（未链接）')).toBeTruthy();
    expect(screen.getByTestId('org-linker-possible-reason').textContent).toBe('缩写较短：文章中同时出现该机构全称后才会链接');
  });
});
