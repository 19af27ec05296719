import { type Block, blocksToText, validateBlocks } from './blocks';
import { BlocksValidationError } from './errors';

const text = (t: string) => ({ type: 'text' as const, text: t });

describe('validateBlocks', () => {
  it('accepts every Strapi 5 block type and keeps unknown keys', () => {
    const blocks: Block[] = [
      { type: 'paragraph', children: [text('a'), { type: 'link', url: '/x', rel: 'noopener', target: '_blank', children: [text('b')] }] },
      { type: 'heading', level: 3, children: [{ type: 'text', text: 'h', bold: true, italic: true, underline: true, strikethrough: true, code: true }] },
      { type: 'quote', children: [text('q')] },
      { type: 'code', language: 'ts', children: [text('c')] },
      { type: 'image', image: { url: '/i.png', alternativeText: 'alt', caption: null, width: 10, name: 'i' }, children: [text('')] },
      {
        type: 'list',
        format: 'ordered',
        indentLevel: 0,
        children: [
          { type: 'list-item', children: [text('i')] },
          { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [] }] },
        ],
      },
    ];
    expect(validateBlocks(blocks)).toBe(blocks);
  });

  it.each([
    ['not an array', {}, '$', /array/],
    ['unknown block', [{ type: 'table', children: [] }], '$[0].type', /block must be/],
    ['empty paragraph', [{ type: 'paragraph', children: [] }], '$[0].children', /at least one/],
    ['missing text', [{ type: 'paragraph', children: [{ type: 'text' }] }], '$[0].children[0].text', /string/],
    ['bad mark', [{ type: 'paragraph', children: [{ type: 'text', text: 'x', bold: 'yes' }] }], '$[0].children[0].bold', /boolean/],
    [
      'link in link',
      [{ type: 'paragraph', children: [{ type: 'link', url: '/a', children: [{ type: 'link', url: '/b', children: [] }] }] }],
      '$[0].children[0].children[0].type',
      /text/,
    ],
    ['bad level', [{ type: 'heading', level: 7, children: [text('x')] }], '$[0].level', /1 to 6/],
    ['bad list child', [{ type: 'list', format: 'ordered', children: [{ type: 'paragraph', children: [text('x')] }] }], '$[0].children[0].type', /list-item or list/],
    [
      'nested list problem',
      [{ type: 'list', format: 'ordered', children: [{ type: 'list', format: 'ordered', children: [{ type: 'list-item', children: [{ type: 'text', text: 1 }] }] }] }],
      '$[0].children[0].children[0].children[0].text',
      /string/,
    ],
  ])('rejects %s with a JSON path', (_name, value, path, problem) => {
    try {
      validateBlocks(value);
      throw new Error('did not throw');
    } catch (error) {
      expect(error).toBeInstanceOf(BlocksValidationError);
      expect(`$${(error as BlocksValidationError).path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`).toBe(path);
      expect((error as BlocksValidationError).jsonPath).toBe(path);
      expect((error as BlocksValidationError).message).toContain(path);
      expect((error as BlocksValidationError).problem).toMatch(problem);
    }
  });
});

describe('blocksToText', () => {
  it("writes a code block's text nodes one after the other", () => {
    expect(blocksToText([{ type: 'code', children: [text('a = 1;'), text('b = 2;')] }])).toBe('a = 1;b = 2;');
  });

  it('joins blocks with a blank line and list items with a line break', () => {
    const blocks: Block[] = [
      { type: 'heading', level: 1, children: [text('Title')] },
      { type: 'paragraph', children: [text('One '), { type: 'link', url: '/x', children: [text('link')] }, text('.')] },
      {
        type: 'list',
        format: 'unordered',
        children: [
          { type: 'list-item', children: [text('a')] },
          { type: 'list', format: 'ordered', children: [{ type: 'list-item', children: [text('b')] }] },
        ],
      },
      { type: 'code', children: [text('code')] },
      { type: 'image', image: { url: '/i.png', alternativeText: 'Alt', caption: 'Caption' }, children: [text('')] },
      { type: 'image', image: { url: '/i.png' }, children: [text('')] },
    ];
    expect(blocksToText(blocks)).toBe('Title\n\nOne link.\n\na\nb\n\ncode\n\nAlt\n\nCaption\n\n');
  });
});

describe('hostile blocks', () => {
  const linkTo = (url: string) => [{ type: 'paragraph', children: [{ type: 'link', url, children: [{ type: 'text', text: 'click' }] }] }];

  it.each(['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>x</script>', 'vbscript:x', '//evil.example', 'java\tscript:x'])(
    'refuses the editor link %p, naming the place',
    (url) => {
      expect(() => validateBlocks(linkTo(url))).toThrow(expect.objectContaining({ path: [0, 'children', 0, 'url'] }));
    }
  );

  it.each(['https://waitro.org', 'http://example.org/a?b', 'mailto:news@example.org', 'tel:+8624', '/organizations/cas', '#top'])('accepts the editor link %p', (url) => {
    expect(validateBlocks(linkTo(url))).toEqual(linkTo(url));
  });

  it('refuses lists nested deeper than it can walk safely, without overflowing the stack', () => {
    let list: Record<string, unknown> = { type: 'list-item', children: [{ type: 'text', text: 'deep' }] };
    for (let depth = 0; depth < 100_000; depth += 1) list = { type: 'list', format: 'unordered', children: [list] };
    expect(() => validateBlocks([list])).toThrow(/nested more than 32 levels deep/);
  });

  it('accepts lists nested a reasonable depth', () => {
    let list: Record<string, unknown> = { type: 'list-item', children: [{ type: 'text', text: 'deep' }] };
    for (let depth = 0; depth < 10; depth += 1) list = { type: 'list', format: 'unordered', children: [list] };
    expect(() => validateBlocks([list])).not.toThrow();
  });

  it('accepts 32 levels (30 lists, the item, its text) and refuses 33, naming the path of the first node too deep', () => {
    const nested = (lists: number) => {
      let list: Record<string, unknown> = { type: 'list-item', children: [{ type: 'text', text: 'deep' }] };
      for (let depth = 0; depth < lists; depth += 1) list = { type: 'list', format: 'unordered', children: [list] };
      return [list];
    };
    expect(() => validateBlocks(nested(30))).not.toThrow();
    const refusal = (() => {
      try {
        validateBlocks(nested(31));
      } catch (error) {
        return error as BlocksValidationError;
      }
      throw new Error('accepted');
    })();
    expect(refusal).toBeInstanceOf(BlocksValidationError);
    expect(refusal.path).toEqual([0, ...Array.from({ length: 32 }, () => ['children', 0]).flat()]);
  });

  it('refuses a null block and wrong list children with their own messages and paths', () => {
    expect(() => validateBlocks([null])).toThrow(
      expect.objectContaining({ path: [0], message: expect.stringContaining('block must be paragraph, heading, quote, code, image or list') })
    );
    const list = (children: unknown[]) => [{ type: 'list', format: 'ordered', children }];
    expect(() => validateBlocks(list([{ type: 'paragraph', children: [] }]))).toThrow(
      expect.objectContaining({ path: [0, 'children', 0, 'type'], message: expect.stringContaining('list child must be a list-item or list') })
    );
    expect(() => validateBlocks(list([]))).toThrow(expect.objectContaining({ path: [0, 'children'], message: expect.stringContaining('must have at least one child') }));
  });
});
