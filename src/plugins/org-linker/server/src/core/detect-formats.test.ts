import { detectBlocks, detectMarkdown } from './detect-formats';
import { buildDirectory } from './directory';

const d = buildDirectory([{ id: 1, name: 'Chinese Academy of Sciences', acronym: 'CAS', acronymAlone: 'always' }]);

describe('detectBlocks / detectMarkdown', () => {
  it('offsets refer to blocksToText, and names do not run across blocks', () => {
    const r = detectBlocks(d, [
      { type: 'paragraph', children: [{ type: 'text', text: 'The Chinese Academy' }] },
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'of Sciences and ' },
          { type: 'text', text: 'CAS', bold: true },
        ],
      },
    ]);
    expect(r.mentions.map((m) => [m.start, m.end, m.text])).toEqual([[37, 40, 'CAS']]);
  });
  it('offsets refer to the markdown source, escapes included', () => {
    const source = '*The* Chinese&#32;Academy of Sciences, `CAS`';
    const r = detectMarkdown(d, source);
    expect(r.mentions.map((m) => m.text)).toEqual(['Chinese&#32;Academy of Sciences', 'CAS']);
    for (const m of r.mentions) expect(source.slice(m.start, m.end)).toBe(m.text);
  });
});
