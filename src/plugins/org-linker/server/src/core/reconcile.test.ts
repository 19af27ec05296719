import { buildDirectory } from './directory';
import type { DocumentModel } from './document';
import { reconcileLinks } from './reconcile';

const directory = buildDirectory([
  { id: 1, name: 'Alpha Org', slug: 'alpha' },
  { id: 2, name: 'Beta Org', slug: 'beta' },
]);

const model = (links: DocumentModel['links']): DocumentModel => ({ text: 'Alpha Org and Beta Org and Gone', containers: [], links });

describe('reconcileLinks', () => {
  it('keeps equal links, retargets changed URLs, adds new ones, unwraps the rest', () => {
    const m = model([
      { start: 0, end: 9, url: '/organizations/alpha', slug: 'alpha' },
      { start: 14, end: 22, url: '/organizations/old-beta', slug: 'old-beta' },
      { start: 27, end: 31, url: '/organizations/beta', slug: 'beta' },
    ]);
    const r = reconcileLinks(directory, m, [
      { start: 0, end: 9, entry: 0, url: '/organizations/alpha', container: 0 },
      { start: 14, end: 22, entry: 1, url: '/organizations/beta', container: 0 },
    ]);
    expect(r.actions).toEqual([{ kind: 'keep' }, { kind: 'retarget', url: '/organizations/beta' }, { kind: 'dissolve' }]);
    expect(r.changes.updated).toEqual([{ id: 2, slug: 'beta', text: 'Beta Org', url: '/organizations/beta', previousUrl: '/organizations/old-beta' }]);
    expect(r.changes.removed).toEqual([{ id: 2, slug: 'beta', text: 'Gone', url: '/organizations/beta' }]);
    expect(r.added).toEqual([]);
    expect(r.changed).toBe(true);
  });
  it('reports nothing when everything is in place', () => {
    const m = model([{ start: 0, end: 9, url: '/organizations/alpha', slug: 'alpha' }]);
    const r = reconcileLinks(directory, m, [{ start: 0, end: 9, entry: 0, url: '/organizations/alpha', container: 0 }]);
    expect(r.changed).toBe(false);
    expect(r.changes).toEqual({ added: [], updated: [], removed: [] });
  });
});

describe('reconcileLinks, removed links', () => {
  it('names the organization of a removed link when its slug is still in the directory (the first entry too), and no id when it is not', () => {
    const m = model([
      { start: 0, end: 9, url: '/organizations/alpha', slug: 'alpha' },
      { start: 27, end: 31, url: '/organizations/gone', slug: 'gone' },
    ]);
    const r = reconcileLinks(directory, m, []);
    expect(r.changes.removed).toStrictEqual([
      { id: 1, slug: 'alpha', text: 'Alpha Org', url: '/organizations/alpha' },
      { slug: 'gone', text: 'Gone', url: '/organizations/gone' },
    ]);
    expect(r.actions).toEqual([{ kind: 'dissolve' }, { kind: 'dissolve' }]);
    expect(r.changed).toBe(true);
  });
});
