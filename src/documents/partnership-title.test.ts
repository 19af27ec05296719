import fc from 'fast-check';
import { KIND_LABELS, MAX_TITLE_LENGTH, partnershipTitle } from './partnership-title';

describe('partnershipTitle', () => {
  it('names both sides by acronym, then the role', () => {
    expect(
      partnershipTitle({
        organization: { name: 'Shenyang Institute of Industrial Technology', acronym: 'SYIIT' },
        partner: { name: 'World Association', acronym: 'WAITRO' },
        role: 'Full Member',
        kind: 'membership',
      })
    ).toBe('SYIIT — WAITRO · Full Member');
  });

  it('falls back to the name, and to the kind label when there is no role', () => {
    expect(partnershipTitle({ organization: { name: 'Borealis Lab', acronym: ' ' }, partner: { name: 'Aurora  Institute' }, role: '', kind: 'communication-mechanism' })).toBe(
      'Borealis Lab — Aurora Institute · Communication mechanism'
    );
  });

  it('says which side is missing', () => {
    expect(partnershipTitle({ organization: null, partner: undefined, kind: 'other' })).toBe('(no organization) — (no partner) · Other');
  });

  it('always fits the column and starts with the organization label', () => {
    const side = fc.record({ name: fc.option(fc.string({ maxLength: 400 })), acronym: fc.option(fc.string({ maxLength: 40 })) });
    fc.assert(
      fc.property(side, side, fc.option(fc.string({ maxLength: 300 })), fc.constantFrom(...Object.keys(KIND_LABELS)), (organization, partner, role, kind) => {
        const title = partnershipTitle({ organization, partner, role, kind });
        expect(title.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
        expect(title).toContain(' — ');
      })
    );
  });
});

describe('partnershipTitle at its edges', () => {
  const sides = { organization: { acronym: 'A' }, partner: { acronym: 'B' } };

  it('keeps a title of exactly the column length, and cuts one longer to fit with an ellipsis', () => {
    const fits = 'x'.repeat(MAX_TITLE_LENGTH - 'A — B · '.length);
    expect(partnershipTitle({ ...sides, role: fits })).toBe(`A — B · ${fits}`);
    expect(partnershipTitle({ ...sides, role: `${fits}y` })).toBe(`A — B · ${fits.slice(0, -1)}…`);
    // White space before the cut is dropped, not kept before the ellipsis.
    const before = 'x'.repeat(MAX_TITLE_LENGTH - 1 - 'A — B · '.length - 1);
    expect(partnershipTitle({ ...sides, role: `${before} zzz` })).toBe(`A — B · ${before}…`);
    expect(MAX_TITLE_LENGTH).toBe(255);
  });

  it('labels every known kind, shows an unknown one as written, and shows nothing without role or kind', () => {
    expect(KIND_LABELS).toEqual({
      membership: 'Membership',
      'strategic-agreement': 'Strategic agreement',
      'communication-mechanism': 'Communication mechanism',
      'innovation-hub': 'Innovation hub',
      'founded-by': 'Founded by',
      other: 'Other',
    });
    expect(partnershipTitle({ ...sides, kind: ' joint   venture ' })).toBe('A — B · joint venture');
    expect(partnershipTitle({ ...sides, kind: null })).toBe('A — B');
    expect(partnershipTitle({ ...sides, role: ' \n ', kind: 'founded-by' })).toBe('A — B · Founded by');
    expect(partnershipTitle({ ...sides, role: '  Associate\tMember ' })).toBe('A — B · Associate Member');
  });

  it('names a side by acronym, else name, else says it is missing, white space ignored', () => {
    expect(partnershipTitle({ organization: { name: ' SYIIT  Lab ', acronym: null }, partner: { name: ' ', acronym: '\t' } })).toBe('SYIIT Lab — (no partner)');
    expect(partnershipTitle({ organization: {}, partner: { name: 'W', acronym: ' WA  ITRO ' } })).toBe('(no organization) — WA ITRO');
  });
});
