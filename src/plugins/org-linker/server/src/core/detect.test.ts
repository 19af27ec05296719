import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fixturesDir, SEED_ORGANIZATIONS } from '../../../../../../tests/helpers/fixtures';
import { buildDirectory, type DirectoryEntry } from './directory';
import { detect, detectInRanges } from './detect';

const FIXTURES = fixturesDir();

interface FixtureEntry {
  name: string;
  acronym?: string;
  aliases?: string[];
}

function fixtureDirectory(): DirectoryEntry[] {
  const raw = JSON.parse(readFileSync(path.join(FIXTURES, 'organizations.json'), 'utf8')) as FixtureEntry[];
  return raw.map((e, i) => ({ id: i, name: e.name, acronym: e.acronym, aliases: e.aliases }));
}

const article = readFileSync(path.join(FIXTURES, 'syiit-joins-waitro.txt'), 'utf8');

/** Rules other than the acronym rule: acronyms count alone here ('always'). */
function dir(entries: Omit<DirectoryEntry, 'id'>[]) {
  return buildDirectory(entries.map((e, i) => ({ id: i + 1, acronymAlone: 'always' as const, ...e })));
}

function found(d: ReturnType<typeof dir>, text: string): string[] {
  return detect(d, text).mentions.map((m) => `${m.name}@${text.slice(m.start, m.end)}`);
}

describe('detect on the seed article', () => {
  const directory = buildDirectory(fixtureDirectory());
  const result = detect(directory, article);

  it('names exactly the 11 organizations of the article', () => {
    const names = [...new Set(result.mentions.map((m) => m.name))].sort();
    expect(names).toEqual([...SEED_ORGANIZATIONS].sort());
    expect(result.ambiguous).toEqual([]);
  });

  it('reports offsets into the original text, in reading order', () => {
    let last = -1;
    for (const m of result.mentions) {
      expect(article.slice(m.start, m.end)).toBe(m.text);
      expect(m.start).toBeGreaterThanOrEqual(last);
      last = m.end;
    }
    const government = result.mentions.find((m) => m.name.startsWith('Shenyang Municipal'));
    expect(government?.text).toBe('Shenyang Municipal People’s Government');
  });

  it('stops possessives before the apostrophe and ignores lowercase "waitro"', () => {
    const waitro = result.mentions.filter((m) => m.slug === 'world-association-of-industrial-and-technological-research-organizations');
    expect(waitro.map((m) => m.text)).toEqual(['WAITRO', 'World Association of Industrial and Technological Research Organizations', 'WAITRO', 'WAITRO', 'WAITRO']);
    expect(article.slice(waitro[3].end, waitro[3].end + 2)).toBe('’s');
    expect(article.indexOf('waitro icon')).toBeGreaterThan(0);
    expect(result.mentions.some((m) => m.text === 'waitro')).toBe(false);
  });

  it('splits "X at the Chinese Academy of Sciences" into two mentions', () => {
    const i = article.indexOf('Shenyang Institute of Automation at');
    const near = result.mentions.filter((m) => m.start >= i && m.start < i + 70).map((m) => m.text);
    expect(near).toEqual(['Shenyang Institute of Automation', 'Chinese Academy of Sciences']);
  });
});

describe('matching rules', () => {
  it('rule 1: one-word forms and acronyms keep their letter case; multi-word forms do not', () => {
    const d = dir([
      { name: 'Chinese Academy of Sciences', acronym: 'CAS' },
      { name: 'Fraunhofer', aliases: ['Fraunhofer Society'] },
    ]);
    expect(found(d, 'CAS cas Cas')).toEqual(['Chinese Academy of Sciences@CAS']);
    expect(found(d, 'the chinese academy of SCIENCES')).toEqual(['Chinese Academy of Sciences@chinese academy of SCIENCES']);
    // ...and in all capitals (rule 5, issue 16), never in lower case.
    expect(found(d, 'fraunhofer FRAUNHOFER Fraunhofer')).toEqual(['Fraunhofer@FRAUNHOFER', 'Fraunhofer@Fraunhofer']);
    expect(found(d, 'the FRAUNHOFER society')).toEqual(['Fraunhofer@FRAUNHOFER society']);
  });

  it('rule 2: accents, apostrophes, dashes, white space and NFKC are folded; offsets stay original', () => {
    const d = dir([
      { name: 'Instituto Nacional de Tecnología Industrial' },
      { name: "People's Institute" },
      { name: 'Fraunhofer-Gesellschaft' },
      { name: 'Łódź Đakovo Ørsted Institute' },
      { name: 'İstanbul Teknik Üniversitesi', acronym: 'İTÜ' },
    ]);
    expect(found(d, 'el Instituto Nacional de Tecnologia Industrial')).toEqual(['Instituto Nacional de Tecnología Industrial@Instituto Nacional de Tecnologia Industrial']);
    expect(found(d, 'INSTITUTO NACIONAL DE TECNOLOGÍA INDUSTRIAL')).toHaveLength(1);
    expect(found(d, 'Instituto Nacional de Tecnologi\u0301a Industrial.')).toEqual([
      'Instituto Nacional de Tecnología Industrial@Instituto Nacional de Tecnologi\u0301a Industrial',
    ]);
    expect(found(d, 'the People’s Institute, People‘s Institute, Peopleʼs Institute, People`s Institute')).toHaveLength(4);
    expect(found(d, 'Fraunhofer–Gesellschaft and Fraunhofer—Gesellschaft and Fraunhofer\u2212Gesellschaft')).toHaveLength(3);
    expect(found(d, 'at Lodz Dakovo Orsted Institute')).toEqual(['Łódź Đakovo Ørsted Institute@Lodz Dakovo Orsted Institute']);
    expect(found(d, 'Istanbul Teknik Universitesi (ITU) and İTÜ')).toEqual([
      'İstanbul Teknik Üniversitesi@Istanbul Teknik Universitesi',
      'İstanbul Teknik Üniversitesi@ITU',
      'İstanbul Teknik Üniversitesi@İTÜ',
    ]);
    expect(found(d, 'Ｆｒａｕｎｈｏｆｅｒ－Ｇｅｓｅｌｌｓｃｈａｆｔ')).toHaveLength(1);
  });

  it('rule 2: line breaks, tabs and non-breaking spaces inside names', () => {
    const d = dir([{ name: 'Chinese Academy of Sciences' }]);
    const text = 'the Chinese\nAcademy of\u00a0Sciences and Chinese \r\n\t Academy  of Sciences';
    const r = detect(d, text);
    expect(r.mentions.map((m) => m.text)).toEqual(['Chinese\nAcademy of\u00a0Sciences', 'Chinese \r\n\t Academy  of Sciences']);
    // a blank line is a paragraph break: no name runs across it
    expect(found(d, 'Chinese Academy\n\nof Sciences')).toEqual([]);
    expect(found(d, 'Chinese Academy\r\n\r\nof Sciences')).toEqual([]);
  });

  it('rule 3: word boundaries for spaced scripts, none for Han and Kana', () => {
    const d = dir([
      { name: 'Chinese Academy of Sciences', acronym: 'CAS', aliases: ['中国科学院'] },
      { name: 'Korea Institute of Science and Technology', acronym: 'KIST' },
      { name: 'WAITRO' },
      { name: 'トヨタ' },
    ]);
    expect(found(d, 'CASE CASt xCAS CAS1 CAS')).toEqual(['Chinese Academy of Sciences@CAS']);
    expect(found(d, '中国科学院院士')).toEqual(['Chinese Academy of Sciences@中国科学院']);
    expect(found(d, '与KIST合作')).toEqual(['Korea Institute of Science and Technology@KIST']);
    expect(found(d, 'WAITRO’s and WAITRO\'s (WAITRO) "WAITRO".')).toHaveLength(4);
    expect(found(d, 'WAITROs')).toEqual([]);
    expect(found(d, 'トヨタ自動車')).toEqual(['トヨタ@トヨタ']);
    // a combining accent is folded away, so it neither blocks nor breaks the match
    expect(found(d, 'café CAS\u0301 xCAS\u0301')).toEqual(['Chinese Academy of Sciences@CAS\u0301']);
  });

  it('rule 4: leftmost-longest', () => {
    const parts = dir([{ name: 'Shenyang Institute of Automation' }, { name: 'Chinese Academy of Sciences' }]);
    const phrase = 'Shenyang Institute of Automation at the Chinese Academy of Sciences';
    expect(found(parts, phrase)).toHaveLength(2);
    const whole = dir([{ name: 'Shenyang Institute of Automation' }, { name: 'Chinese Academy of Sciences' }, { name: phrase }]);
    expect(found(whole, phrase)).toEqual([`${phrase}@${phrase}`]);
    const nested = dir([{ name: 'Institute of Metals' }, { name: 'Institute of Metals Research' }, { name: 'Metals Research Council' }]);
    expect(found(nested, 'the Institute of Metals Research Council')).toEqual(['Institute of Metals Research@Institute of Metals Research']);
    expect(found(nested, 'the Institute of Metals Researcher')).toEqual(['Institute of Metals@Institute of Metals']);
  });

  it('rule 5: a shared form is ambiguous unless the article or an editor resolves it', () => {
    const d = dir([
      { name: 'National Research Council Canada', acronym: 'NRC' },
      { name: 'National Research Centre', acronym: 'NRC' },
    ]);
    const plain = detect(d, 'The NRC said.');
    expect(plain.mentions).toEqual([]);
    expect(plain.ambiguous).toEqual([
      {
        start: 4,
        end: 7,
        text: 'NRC',
        candidates: [
          { id: 1, name: 'National Research Council Canada', slug: 'national-research-council-canada' },
          { id: 2, name: 'National Research Centre', slug: 'national-research-centre' },
        ],
      },
    ]);
    const byArticle = detect(d, 'The National Research Centre in Cairo. The NRC said.');
    expect(byArticle.ambiguous).toEqual([]);
    expect(byArticle.mentions.map((m) => `${m.id}:${m.text}`)).toEqual(['2:National Research Centre', '2:NRC']);
    const both = detect(d, 'National Research Centre and National Research Council Canada. NRC.');
    expect(both.ambiguous.map((a) => a.text)).toEqual(['NRC']);
    const byEditor = detect(d, 'The NRC said.', { resolutions: [{ text: 'NRC', id: 1 }] });
    expect(byEditor.mentions.map((m) => m.id)).toEqual([1]);
    const wrongId = detect(d, 'The NRC said.', { resolutions: [{ text: 'NRC', id: 99 }] });
    expect(wrongId.ambiguous).toHaveLength(1);
  });

  it('rule 6: forms shorter than 2 characters are ignored', () => {
    const d = dir([
      { name: 'X', acronym: 'Y', aliases: ['Z '] },
      { name: 'Zeta Org', acronym: 'ZO' },
    ]);
    expect(found(d, 'X Y Z ZO')).toEqual(['Zeta Org@ZO']);
  });
});

describe('all-capitals headlines (issue 16, rule 5)', () => {
  const d = buildDirectory([
    { id: 1, name: 'Inria' },
    { id: 2, name: 'Fraunhofer-Gesellschaft' },
    { id: 3, name: 'National Research Council', acronym: 'NrC' },
  ]);
  it('finds one-word names in all capitals, still not in lower case', () => {
    const text = 'INRIA AND FRAUNHOFER-GESELLSCHAFT SIGN; inria, NRC';
    expect(detect(d, text).mentions.map((m) => [m.id, m.text])).toEqual([
      [1, 'INRIA'],
      [2, 'FRAUNHOFER-GESELLSCHAFT'],
    ]);
  });
});

describe('acronyms that are also words or other bodies’ names (issue 16, rule 7)', () => {
  const d = buildDirectory([
    { id: 1, name: 'Institute of Chemical Engineering', acronym: 'ICE' },
    { id: 2, name: 'Swiss Federal Institute of Technology in Zurich', acronym: 'ETH', aliases: ['ETH Zurich'] },
    { id: 3, name: 'İstanbul Teknik Üniversitesi', acronym: 'İTÜ', aliases: ['Istanbul Technical University'] },
    { id: 4, name: 'Korea Institute of Science and Technology', acronym: 'KIST' },
    { id: 5, name: 'National Institute for Health and Care Excellence', acronym: 'NICE', acronymAlone: 'never' },
    { id: 6, name: 'Indian Institute of Science', acronym: 'IIS', acronymAlone: 'always' },
    { id: 7, name: 'National Research Council Canada', acronym: 'NRC' },
    { id: 8, name: 'National Research Centre', acronym: 'NRC' },
    { id: 9, name: 'Çanakkale Onsekiz Mart Üniversitesi', acronym: 'ÇOMÜ' },
  ]);
  const mentions = (text: string) => detect(d, text).mentions.map((m) => [m.id, m.text]);
  const possible = (text: string) => detect(d, text).possible.map((m) => [m.id, m.text, m.reason]);

  it('a short acronym alone is only a possible mention, with the reason', () => {
    const text = 'The ICE to Berlin was late; ETH rose 4 %.';
    expect(mentions(text)).toEqual([]);
    expect(possible(text)).toEqual([
      [1, 'ICE', 'short-acronym'],
      [2, 'ETH', 'short-acronym'],
    ]);
  });

  it('a longer form (name or alias) anywhere in the article confirms it', () => {
    expect(mentions('ICE researchers, said the Institute of Chemical Engineering. ICE again.')).toEqual([
      [1, 'ICE'],
      [1, 'Institute of Chemical Engineering'],
      [1, 'ICE'],
    ]);
    expect(mentions('ETH and ETH Zurich')).toEqual([
      [2, 'ETH'],
      [2, 'ETH Zurich'],
    ]);
    expect(detect(d, 'ETH and ETH Zurich').possible).toEqual([]);
  });

  it('"ITU-T" is not Istanbul Technical University unless the article names it', () => {
    expect(mentions('ITU-T Recommendation')).toEqual([]);
    expect(possible('ITU-T Recommendation')).toEqual([[3, 'ITU', 'short-acronym']]);
    expect(mentions('ITU and Istanbul Technical University')).toEqual([
      [3, 'ITU'],
      [3, 'Istanbul Technical University'],
    ]);
  });

  it('a longer acronym that matches only once folded (COMU for ÇOMÜ) needs a longer form; as written it does not', () => {
    expect(mentions('COMU said')).toEqual([]);
    expect(possible('COMU said')).toEqual([[9, 'COMU', 'folded-acronym']]);
    expect(mentions('ÇOMÜ öğrencileri')).toEqual([[9, 'ÇOMÜ']]);
    expect(mentions('ÇOMU.'.normalize('NFD'))).toEqual([]); // still folded: Ü is written U
    expect(mentions('ÇOMÜ'.normalize('NFD'))).toEqual([[9, 'ÇOMÜ'.normalize('NFD')]]);
  });

  it('longer acronyms written as in the directory stay linked alone, as before', () => {
    expect(mentions('KIST와 협력; KIST said')).toEqual([
      [4, 'KIST'],
      [4, 'KIST'],
    ]);
  });

  it('the per-organization setting: never alone, or always safe alone', () => {
    expect(mentions('NICE guidance')).toEqual([]);
    expect(possible('NICE guidance')).toEqual([[5, 'NICE', 'acronym-never-alone']]);
    expect(mentions('NICE, the National Institute for Health and Care Excellence')).toHaveLength(2);
    expect(mentions('IIS Bangalore')).toEqual([[6, 'IIS']]);
  });

  it('an ambiguous short acronym is resolved, and confirmed, by the longer form of one candidate', () => {
    expect(detect(d, 'NRC said.').ambiguous.map((a) => a.text)).toEqual(['NRC']);
    expect(mentions('NRC said. National Research Council Canada')).toEqual([
      [7, 'NRC'],
      [7, 'National Research Council Canada'],
    ]);
  });

  describe('an ambiguous longer form and an acronym alone', () => {
    // "Polar Institute" is an alias of both; each has a short acronym that needs confirmation.
    const shared = buildDirectory([
      { id: 1, name: 'Alpha Research Institute', acronym: 'ARI', aliases: ['Polar Institute'] },
      { id: 2, name: 'Beta Works', acronym: 'BWX', aliases: ['Polar Institute'] },
    ]);
    const text = 'ARI said so. The Polar Institute agreed.';

    it('an unconfirmed acronym does not resolve the ambiguity, and the ambiguity does not confirm it', () => {
      const result = detect(shared, text);
      expect(result.mentions).toEqual([]);
      expect(result.ambiguous.map((a) => [a.text, a.candidates.map((c) => c.id)])).toEqual([['Polar Institute', [1, 2]]]);
      expect(result.possible.map((m) => [m.id, m.text])).toEqual([[1, 'ARI']]);
    });

    it("the longer form, once the editor resolves it, confirms that organization's acronym", () => {
      const result = detect(shared, text, { resolutions: [{ text: 'Polar Institute', id: 1 }] });
      expect(result.mentions.map((m) => [m.id, m.text])).toEqual([
        [1, 'ARI'],
        [1, 'Polar Institute'],
      ]);
      expect(result.possible).toEqual([]);
    });
  });

  it('reports each resolved match with itself as its only candidate, and "possible" only on possible ones', () => {
    const text = 'NRC and KIST met; ICE too.';
    const detected = detectInRanges(d, text, [{ start: 0, end: text.length }]);
    expect(detected.map((m) => [text.slice(m.start, m.end), m.candidates.length, m.possible])).toEqual([
      ['NRC', 2, undefined],
      ['KIST', 1, undefined],
      ['ICE', 1, 'short-acronym'],
    ]);
    const kist = detected[1];
    expect(kist.candidates).toEqual([kist.entry]);
    expect(Object.keys(kist)).toEqual(['start', 'end', 'entry', 'candidates']);
  });

  it("the editor's choice for the text confirms it", () => {
    expect(detect(d, 'ICE said.', { resolutions: [{ text: 'ICE', id: 1 }] }).mentions.map((m) => m.text)).toEqual(['ICE']);
  });
});
