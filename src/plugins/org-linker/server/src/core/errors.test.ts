import { BlocksValidationError, DirectoryEntryError, LinkOptionsError, OrgLinkerError, UrlTemplateError } from './errors';

describe('errors', () => {
  it('are typed, coded and name what went wrong', () => {
    const blocks = new BlocksValidationError([0, 'children', 2, 'text'], 'expected string');
    expect(blocks).toBeInstanceOf(OrgLinkerError);
    expect(blocks).toMatchObject({ name: 'BlocksValidationError', code: 'INVALID_BLOCKS', jsonPath: '$[0].children[2].text', problem: 'expected string' });
    expect(blocks.message).toBe('invalid blocks at $[0].children[2].text: expected string');
    expect(new DirectoryEntryError(3, 'name must be a non-empty string').message).toBe('directory entry 3: name must be a non-empty string');
    expect(new UrlTemplateError('/x', 'must contain {slug}')).toMatchObject({ code: 'INVALID_URL_TEMPLATE', template: '/x' });
    expect(new LinkOptionsError('maxLinks', 'too small')).toMatchObject({ code: 'INVALID_LINK_OPTIONS', option: 'maxLinks' });
  });

  it('say in the message which entry, template or option is at fault', () => {
    expect(new DirectoryEntryError(0, 'name must be a non-empty string')).toMatchObject({
      code: 'INVALID_DIRECTORY_ENTRY',
      index: 0,
      message: 'directory entry 0: name must be a non-empty string',
    });
    expect(new DirectoryEntryError(-1, 'the directory must be an array').message).toBe('the directory must be an array');
    expect(new BlocksValidationError([0, 'children'], 'expected array').path).toEqual([0, 'children']);
    expect(new UrlTemplateError('/x', 'must contain {slug}').message).toBe('invalid URL template "/x": must contain {slug}');
    expect(new LinkOptionsError('maxLinks', 'too small').message).toBe('invalid option maxLinks: too small');
  });
});
