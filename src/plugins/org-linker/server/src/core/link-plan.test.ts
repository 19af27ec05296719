import { buildDirectory } from './directory';
import type { DocumentModel } from './document';
import { resolveLinkOptions } from './link-options';
import { type LinkPlan, planLinks, reportPlan } from './link-plan';

describe('planLinks / reportPlan', () => {
  const directory = buildDirectory([
    { id: 1, name: 'Alpha Org', acronym: 'AO' },
    { id: 2, name: 'Other Org', acronym: 'AO' },
  ]);
  const text = 'Alpha Org met AO.\n\nAO again';
  const model: DocumentModel = {
    text,
    containers: [
      { start: 0, end: 17, role: 'body', pieces: [{ start: 0, end: 17, kind: 'text', group: 0, link: -1 }] },
      { start: 19, end: 27, role: 'heading', pieces: [{ start: 19, end: 27, kind: 'text', group: 1, link: -1 }] },
    ],
    links: [],
  };

  it('detects per container, decides, reconciles; reports with mapped offsets', () => {
    const plan = planLinks(directory, model, resolveLinkOptions({ mode: 'all' }));
    expect(plan.desired.map((d) => text.slice(d.start, d.end))).toEqual(['Alpha Org', 'AO']);
    expect(plan.reconciliation.changes.added).toHaveLength(2);
    const report = reportPlan(
      directory,
      plan,
      (r) => ({ start: r.start + 100, end: r.end + 100 }),
      (r) => text.slice(r.start, r.end)
    );
    expect(report.mentions.map((m) => [m.text, m.start, m.linked, m.reason])).toEqual([
      ['Alpha Org', 100, true, undefined],
      ['AO', 114, true, undefined],
      ['AO', 119, false, 'in-heading'],
    ]);
    expect(report.ambiguous).toEqual([]);
  });
});

describe('reportPlan, every list it reports', () => {
  const directory = buildDirectory([
    { id: 1, name: 'Alpha Org', acronym: 'AO', slug: 'alpha' },
    { id: 2, name: 'Beta Org', acronym: 'AO', slug: 'beta' },
  ]);
  const text = 'Alpha Org, AO and AO.';
  const plan: LinkPlan = {
    detected: [
      { start: 0, end: 9, entry: 0, candidates: [0] },
      { start: 11, end: 13, entry: 0, candidates: [0], possible: 'short-acronym' },
      { start: 18, end: 20, entry: -1, candidates: [0, 1] },
    ],
    decisions: [
      { detected: { start: 0, end: 9, entry: 0, candidates: [0] }, container: 0, linked: true },
      { detected: { start: 0, end: 9, entry: 0, candidates: [0] }, container: 0, linked: false, reason: 'in-heading' },
    ],
    desired: [],
    reconciliation: { actions: [], added: [], changes: { added: [], updated: [], removed: [] }, changed: false },
  };
  // Made inside each test, not when the file loads: the mutation run credits a test only with
  // the code that runs during it.
  const report = () =>
    reportPlan(
      directory,
      plan,
      (r) => ({ start: r.start + 1, end: r.end + 1 }),
      (r) => text.slice(r.start, r.end)
    );

  it('gives a mention a reason only when it was not linked for one', () => {
    expect(report().mentions[0]).toStrictEqual({ id: 1, name: 'Alpha Org', slug: 'alpha', start: 1, end: 10, text: 'Alpha Org', linked: true });
    expect(report().mentions[1]).toStrictEqual({ id: 1, name: 'Alpha Org', slug: 'alpha', start: 1, end: 10, text: 'Alpha Org', linked: false, reason: 'in-heading' });
  });

  it('reports possible mentions with their reason, and ambiguities with every candidate', () => {
    expect(report().possible).toStrictEqual([{ id: 1, name: 'Alpha Org', slug: 'alpha', start: 12, end: 14, text: 'AO', reason: 'short-acronym' }]);
    expect(report().ambiguous).toStrictEqual([
      {
        start: 19,
        end: 21,
        text: 'AO',
        candidates: [
          { id: 1, name: 'Alpha Org', slug: 'alpha' },
          { id: 2, name: 'Beta Org', slug: 'beta' },
        ],
      },
    ]);
  });
});
