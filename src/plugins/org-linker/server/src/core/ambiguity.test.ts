import { resolveAmbiguities } from './ambiguity';

describe('resolveAmbiguities', () => {
  const nrc = { form: 'nrc', entries: [4, 5] };
  it('stays ambiguous without help', () => {
    expect(resolveAmbiguities([nrc], new Set(), new Map())).toEqual([-1]);
  });
  it('takes the only candidate the article names unambiguously', () => {
    expect(resolveAmbiguities([nrc], new Set([5, 9]), new Map())).toEqual([5]);
    expect(resolveAmbiguities([nrc], new Set([4, 5]), new Map())).toEqual([-1]);
  });
  it('prefers the editor choice, if it is a candidate', () => {
    expect(resolveAmbiguities([nrc], new Set([5]), new Map([['nrc', [4]]]))).toEqual([4]);
    expect(resolveAmbiguities([nrc], new Set(), new Map([['nrc', [7]]]))).toEqual([-1]);
    expect(resolveAmbiguities([nrc], new Set(), new Map([['other', [4]]]))).toEqual([-1]);
  });
});
