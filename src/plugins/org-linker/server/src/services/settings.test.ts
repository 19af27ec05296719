import type { Core } from '@strapi/strapi';
import settingsService from './settings';

/** The startup check of a scanned type: each missing piece named as it must be added. */

const relation = (target: string, extra: Record<string, string> = {}) => ({ type: 'relation', relation: 'manyToMany', target, ...extra });
const page = (mentioned: Record<string, unknown>) => ({
  uid: 'api::page.page',
  attributes: {
    body: { type: 'blocks' },
    mentionedOrganizations: mentioned,
    ignoredOrganizations: relation('api::organization.organization'),
    organizationChoices: { type: 'json' },
    autolink: { type: 'boolean' },
    linkerText: { type: 'text' },
  },
});
const organization = (inverse: Record<string, unknown>) => ({ uid: 'api::organization.organization', attributes: { name: { type: 'string' }, ...inverse } });

// Only strapi.contentTypes is read by the check: no database, no Strapi instance.
const check = (contentTypes: Record<string, unknown>) => settingsService({ strapi: { contentTypes } as unknown as Core.Strapi }).missingAttributes('api::page.page');

describe('settings.missingAttributes', () => {
  it('accepts a type whose relation has its inverse on Organization', () => {
    expect(
      check({
        'api::page.page': page(relation('api::organization.organization', { inversedBy: 'mentionedInPages' })),
        'api::organization.organization': organization({ mentionedInPages: relation('api::page.page', { mappedBy: 'mentionedOrganizations' }) }),
      })
    ).toEqual([]);
  });

  it('refuses a one-way relation and says what to add on Organization', () => {
    expect(check({ 'api::page.page': page(relation('api::organization.organization')), 'api::organization.organization': organization({}) })).toEqual([
      'mentionedOrganizations.inversedBy: it is a one-way relation; name its inverse, e.g. "mentionedIn", and add api::organization.organization.mentionedIn (relation manyToMany, target api::page.page, mappedBy mentionedOrganizations)',
    ]);
  });

  it('suggests an inverse name Organization does not use yet (articles already have mentionedIn)', () => {
    const taken = organization({ mentionedIn: relation('api::article.article', { mappedBy: 'mentionedOrganizations' }) });
    expect(check({ 'api::page.page': page(relation('api::organization.organization')), 'api::organization.organization': taken })).toEqual([
      'mentionedOrganizations.inversedBy: it is a one-way relation; name its inverse, e.g. "mentionedInPage", and add api::organization.organization.mentionedInPage (relation manyToMany, target api::page.page, mappedBy mentionedOrganizations)',
    ]);
  });

  it('names the inverse attribute that inversedBy points at when Organization lacks it or it has another shape', () => {
    const expected = ['api::organization.organization.mentionedInPages (relation manyToMany, target api::page.page, mappedBy mentionedOrganizations)'];
    const types = (inverse: Record<string, unknown>) => ({
      'api::page.page': page(relation('api::organization.organization', { inversedBy: 'mentionedInPages' })),
      'api::organization.organization': organization(inverse),
    });
    expect(check(types({}))).toEqual(expected);
    expect(check(types({ mentionedInPages: relation('api::article.article', { mappedBy: 'mentionedOrganizations' }) }))).toEqual(expected);
  });

  it('names each other missing attribute with its shape', () => {
    expect(check({ 'api::page.page': { uid: 'api::page.page', attributes: { body: { type: 'blocks' } } }, 'api::organization.organization': organization({}) })).toEqual([
      'mentionedOrganizations (relation manyToMany, target api::organization.organization, inversedBy an attribute of it)',
      'ignoredOrganizations (relation manyToMany, target api::organization.organization)',
      'organizationChoices (json)',
      'autolink (boolean, default true)',
      'linkerText (text, private)',
    ]);
  });
});
