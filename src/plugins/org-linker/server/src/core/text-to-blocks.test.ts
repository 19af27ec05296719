import { blocksToText, validateBlocks } from './blocks';
import { textToBlocks } from './text-to-blocks';

describe('textToBlocks', () => {
  it('splits paragraphs on blank lines and keeps single line breaks', () => {
    const blocks = textToBlocks('\r\nFirst line\r\nsecond line\r\n\r\n  \n\nSecond  paragraph\n \t\nThird\n');
    expect(blocks).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: 'First line\nsecond line' }] },
      { type: 'paragraph', children: [{ type: 'text', text: 'Second  paragraph' }] },
      { type: 'paragraph', children: [{ type: 'text', text: 'Third' }] },
    ]);
    expect(() => validateBlocks(blocks)).not.toThrow();
    expect(blocksToText(blocks)).toBe('First line\nsecond line\n\nSecond  paragraph\n\nThird');
  });
  it('gives no blocks for empty text', () => {
    expect(textToBlocks(' \n\n ')).toEqual([]);
  });
});

describe('textToBlocks, line endings and trimming', () => {
  it('reads a lone CR (old Mac line ending) as a line break', () => {
    expect(textToBlocks('One\rtwo\r\rThree')).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: 'One\ntwo' }] },
      { type: 'paragraph', children: [{ type: 'text', text: 'Three' }] },
    ]);
  });

  it('trims every blank character at both ends of a paragraph, not only the first or the last', () => {
    expect(textToBlocks('  \t Para \t  ')).toEqual([{ type: 'paragraph', children: [{ type: 'text', text: 'Para' }] }]);
  });
});
