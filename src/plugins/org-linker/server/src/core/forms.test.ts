import { normalizedForms, surfaceForms } from './forms';

describe('surfaceForms', () => {
  it('lists name, acronym and aliases, trimmed and deduplicated, at least 2 characters', () => {
    expect(surfaceForms({ name: ' Chinese Academy of Sciences ', acronym: 'CAS', aliases: ['中国科学院', 'CAS', 'X', '', 'Chinese Academy of Sciences'] })).toEqual([
      'Chinese Academy of Sciences',
      'CAS',
      '中国科学院',
    ]);
    expect(surfaceForms({ name: 'Fraunhofer Society', acronym: null, aliases: ['fraunhofer  society'] })).toEqual(['Fraunhofer Society']);
  });
});

describe('normalizedForms', () => {
  it('makes one-word forms and acronyms case-sensitive, multi-word forms not', () => {
    const forms = normalizedForms({ name: 'National Research Council Canada', acronym: 'N R C', aliases: ['Fraunhofer-Gesellschaft'] });
    expect(forms.map((f) => [f.exact, f.caseSensitive])).toEqual([
      ['National Research Council Canada', false],
      ['N R C', true],
      ['Fraunhofer-Gesellschaft', true],
      ['FRAUNHOFER-GESELLSCHAFT', true],
    ]);
  });
  it('folds forms like text', () => {
    expect(normalizedForms({ name: 'Shenyang Municipal People’s Government' })[0].lower).toBe("shenyang municipal people's government");
  });
});

describe('all-capitals forms (issue 16, rule 5)', () => {
  it('adds the all-capitals spelling of one-word names and aliases, never of acronyms or longer names', () => {
    const forms = normalizedForms({ name: 'Inria', acronym: 'CaS', aliases: ['WAITRO', 'Straße', 'Max Planck'] });
    expect(forms.map((f) => [f.text, f.exact, f.caseSensitive])).toEqual([
      ['Inria', 'Inria', true],
      ['Inria', 'INRIA', true],
      ['CaS', 'CaS', true],
      ['WAITRO', 'WAITRO', true],
      ['Straße', 'Straße', true],
      ['STRASSE', 'STRASSE', true],
      ['Max Planck', 'Max Planck', false],
    ]);
    expect(surfaceForms({ name: 'Inria', aliases: ['Straße'] })).toEqual(['Inria', 'Straße', 'STRASSE']);
  });
});

describe('the acronym flag (issue 16, rule 7)', () => {
  it('flags the acronym unless the name or an alias spells it too', () => {
    expect(
      normalizedForms({ name: 'Chinese Academy of Sciences', acronym: 'CAS' })
        .filter((f) => f.acronym)
        .map((f) => f.text)
    ).toEqual(['CAS']);
    expect(normalizedForms({ name: 'Chinese Academy of Sciences', acronym: 'CAS', aliases: ['cas'] }).filter((f) => f.acronym)).toEqual([]);
    expect(normalizedForms({ name: 'KIST', acronym: 'KIST' }).filter((f) => f.acronym)).toEqual([]);
  });
});

describe('normalizedForms: which forms are kept', () => {
  const texts = (entry: Parameters<typeof normalizedForms>[0]) => normalizedForms(entry).map((f) => [f.text, f.exact, f.caseSensitive, f.acronym === true]);

  it('keeps two-character forms and drops one-character ones', () => {
    expect(texts({ name: 'European Union', acronym: 'EU', aliases: ['E', 'Ü'] })).toEqual([
      ['European Union', 'European Union', false, false],
      ['EU', 'EU', true, true],
    ]);
  });

  it('lists a form once when the name and the acronym spell it the same', () => {
    expect(texts({ name: 'KIST', acronym: 'KIST' })).toEqual([['KIST', 'KIST', true, false]]);
  });

  it('drops a case-sensitive form whose key a multi-word (case-insensitive) form already covers', () => {
    expect(texts({ name: 'Max Planck', acronym: 'MAX PLANCK', aliases: ['max planck'] })).toEqual([['Max Planck', 'Max Planck', false, false]]);
  });

  it('adds the all-capitals spelling once when an earlier form already is it', () => {
    expect(texts({ name: 'INRIA', aliases: ['Inria'] })).toEqual([
      ['INRIA', 'INRIA', true, false],
      ['Inria', 'Inria', true, false],
    ]);
  });

  it('unflags an acronym that an alias spells even when the acronym is the first form (a one-character name)', () => {
    expect(texts({ name: 'X', acronym: 'XY', aliases: ['xy'] })).toEqual([
      ['XY', 'XY', true, false],
      ['xy', 'xy', true, false],
    ]);
  });
});
