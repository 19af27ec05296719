import * as core from './index';

describe('public API', () => {
  it('exports the documented names', () => {
    for (const name of [
      'buildDirectory',
      'surfaceForms',
      'detect',
      'linkBlocks',
      'linkMarkdown',
      'validateBlocks',
      'blocksToText',
      'textToBlocks',
      'validateUrlTemplate',
      'suggestUnknownOrganizations',
      'markdownToText',
      'foldForSearch',
      'OrgLinkerError',
      'DirectoryEntryError',
      'BlocksValidationError',
      'UrlTemplateError',
      'LinkOptionsError',
      'blocksSchema',
    ]) {
      expect(core).toHaveProperty(name);
    }
  });

  it('works end to end on plain data', () => {
    const directory = core.buildDirectory([{ id: 1, name: 'Shenyang Ligong University', aliases: ['沈阳理工大学'] }]);
    expect(core.surfaceForms({ name: 'Shenyang Ligong University', aliases: ['沈阳理工大学'] })).toEqual(['Shenyang Ligong University', '沈阳理工大学']);
    const blocks = core.textToBlocks('Shenyang Ligong University and 沈阳理工大学.');
    const r = core.linkBlocks(directory, blocks, { mode: 'all' });
    expect(r.mentions.map((m) => m.linked)).toEqual([true, true]);
    expect(core.blocksToText(r.output)).toBe(core.blocksToText(blocks));
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});
