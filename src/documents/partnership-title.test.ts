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
