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
});
