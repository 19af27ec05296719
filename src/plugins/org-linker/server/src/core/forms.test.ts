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
    ]);
  });
  it('folds forms like text', () => {
    expect(normalizedForms({ name: 'Shenyang Municipal People’s Government' })[0].lower).toBe("shenyang municipal people's government");
  });
});
