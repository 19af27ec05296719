import { choose, ignoredChanges, parseChoices, toggleIgnored } from './form';

const organization = (documentId: string, ignored: boolean) => ({ documentId, name: `Org ${documentId}`, ignored });

describe('the ignoredOrganizations form value', () => {
  it('connects an organization to ignore it, and withdraws that before saving', () => {
    const ignored = toggleIgnored(undefined, organization('a', false));
    expect(ignoredChanges(ignored)).toEqual({ connect: ['a'], disconnect: [] });
    expect(ignoredChanges(toggleIgnored(ignored, organization('a', true)))).toEqual({ connect: [], disconnect: [] });
  });

  it('disconnects a stored ignore to un-ignore it, and withdraws that too', () => {
    const unignored = toggleIgnored({ connect: [], disconnect: [] }, organization('b', true));
    expect(ignoredChanges(unignored)).toEqual({ connect: [], disconnect: ['b'] });
    expect(ignoredChanges(toggleIgnored(unignored, organization('b', false)))).toEqual({ connect: [], disconnect: [] });
  });

  it('keeps what the relation input of the edit view added', () => {
    const fromInput = { connect: [{ id: 7, apiData: { id: 7, documentId: 'c', locale: null } }], disconnect: [] };
    expect(ignoredChanges(toggleIgnored(fromInput, organization('a', false)))).toEqual({ connect: ['c', 'a'], disconnect: [] });
  });
});

describe('organizationChoices', () => {
  it('reads an array, or the JSON text the field holds while edited, and ignores anything else', () => {
    expect(parseChoices([{ text: 'NRC', organization: 'n1' }])).toEqual([{ text: 'NRC', organization: 'n1' }]);
    expect(parseChoices('[{"text":"NRC","organization":"n2"}]')).toEqual([{ text: 'NRC', organization: 'n2' }]);
    expect(parseChoices('not json')).toEqual([]);
    expect(parseChoices([{ text: 1 }, null, 'x'])).toEqual([]);
  });

  it('replaces the choice for a name, or clears it', () => {
    const choices = [
      { text: 'NRC', organization: 'n1' },
      { text: 'CAS', organization: 'c1' },
    ];
    expect(choose(choices, 'NRC', 'n2')).toEqual([
      { text: 'CAS', organization: 'c1' },
      { text: 'NRC', organization: 'n2' },
    ]);
    expect(choose(choices, 'NRC', null)).toEqual([{ text: 'CAS', organization: 'c1' }]);
  });
});
