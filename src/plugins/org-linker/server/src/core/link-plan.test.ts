import { buildDirectory } from './directory';
import type { DocumentModel } from './document';
import { resolveLinkOptions } from './link-options';
import { planLinks, reportPlan } from './link-plan';

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
