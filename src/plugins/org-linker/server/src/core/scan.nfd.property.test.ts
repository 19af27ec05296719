/**
 * Issue 16, bug 1: every rule holds for composed (NFC) and decomposed (NFD)
 * text alike. Scanning a text and its NFD form gives the same mentions at
 * the mapped offsets.
 */
import fc from 'fast-check';
import { detect } from './detect';
import { buildDirectory } from './directory';

const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 1000);

const directory = buildDirectory([
  { id: 1, name: 'Viện Hàn lâm Khoa học và Công nghệ Việt Nam', acronym: 'VAST' },
  { id: 2, name: 'São Paulo Research Foundation', acronym: 'FAPESP' },
  { id: 3, name: 'Ñandú Institute' },
  { id: 4, name: 'Korea Institute of Science and Technology', acronym: 'KIST' },
  { id: 5, name: '한국기계연구원', acronym: 'KIMM' },
  { id: 6, name: 'Technische Universität München', acronym: 'TUM', acronymAlone: 'always' },
  { id: 7, name: 'Đại học Bách khoa Hà Nội' },
  { id: 8, name: 'がん研究会' },
  { id: 9, name: 'İstanbul Teknik Üniversitesi' },
  { id: 10, name: 'Électricité de France', acronym: 'EDF', acronymAlone: 'always' },
]);

/** Text decomposed code point by code point, with the offset of each original offset. */
function decompose(text: string): { nfd: string; map: number[] } {
  let nfd = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    const w = cp > 0xffff ? 2 : 1;
    for (let k = 0; k < w; k++) map.push(nfd.length);
    nfd += text.slice(i, i + w).normalize('NFD');
    i += w;
  }
  map.push(nfd.length);
  return { nfd, map };
}

const TOKENS = [
  'Viện Hàn lâm Khoa học và Công nghệ Việt Nam',
  'São Paulo Research Foundation',
  'Ñandú Institute',
  'KIST',
  'KIMM',
  '한국기계연구원',
  'Technische Universität München',
  'Đại học Bách khoa Hà Nội',
  'がん研究会',
  'İstanbul Teknik Üniversitesi',
  'Électricité de France',
  'EDF',
  'TUM',
  'VAST',
  'FAPESP',
  'Bọ',
  'ộ',
  'ũ',
  'ṉ',
  'é',
  'ü',
  '과',
  '와',
  '의',
  '에서는',
  '한국',
  'が',
  'ば',
  'said',
  'Tiếng',
  'Việt',
  'the',
  '研究',
  '中',
];
const SEPARATORS = [' ', ' ', '', ', ', '. ', '\n', '’s ', '(', ')'];
const textArb = fc.array(fc.tuple(fc.constantFrom(...TOKENS), fc.constantFrom(...SEPARATORS)), { maxLength: 10 }).map((parts) => parts.map(([t, s]) => t + s).join(''));

describe('NFC and NFD text give the same mentions (property)', () => {
  it('detect(text) mapped equals detect(NFD(text))', () => {
    fc.assert(
      fc.property(textArb, (raw) => {
        const text = raw.normalize('NFC');
        const { nfd, map } = decompose(text);
        const composed = detect(directory, text);
        const decomposed = detect(directory, nfd);
        const mapped = composed.mentions.map((m) => ({ id: m.id, start: map[m.start], end: map[m.end] }));
        expect(decomposed.mentions.map((m) => ({ id: m.id, start: m.start, end: m.end }))).toEqual(mapped);
      }),
      { numRuns: NUM_RUNS }
    );
  });
});

describe('decomposed names (cases from the issue)', () => {
  it.each([
    ['Viện Hàn lâm Khoa học và Công nghệ Việt Nam', 1],
    ['São Paulo Research Foundation', 2],
    ['Ñandú Institute', 3],
    ['한국기계연구원', 5],
    ['がん研究会', 8],
  ])('%s in NFD is a mention', (name, id) => {
    const text = `Today ${name.normalize('NFD')} said.`;
    expect(detect(directory, text).mentions.map((m) => [m.id, m.text])).toEqual([[id, name.normalize('NFD')]]);
  });

  it('an accent does not end a word: "BọKIST" in NFD mentions nothing', () => {
    expect(detect(directory, 'BọKIST'.normalize('NFD')).mentions).toEqual([]);
    expect(detect(directory, 'BọKIST').mentions).toEqual([]);
  });

  it('an accent after the last letter belongs to the mention', () => {
    const text = 'KIST\u0301 and EDF\u0323.';
    // Accents fold away, so "KIST\u0301" is KIST; the mention covers the accent as NFC "KIŚT" would.
    expect(detect(directory, text).mentions.map((m) => m.text)).toEqual(['KIST\u0301', 'EDF\u0323']);
  });
});
