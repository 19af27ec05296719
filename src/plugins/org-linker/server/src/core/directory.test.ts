import { Directory, buildDirectory, type DirectoryEntry } from './directory';
import { lookupKey } from './build';
import { detect } from './detect';
import { DirectoryEntryError } from './errors';

describe('buildDirectory', () => {
  it('defaults slugs to slugify(name) and falls back for names without Latin letters', () => {
    const d = buildDirectory([
      { id: 'a', name: 'Shenyang Municipal People’s Government' },
      { id: 'b', name: 'Instituto Nacional de Tecnología Industrial', slug: 'inti' },
      { id: 7, name: '沈阳市人民政府' },
    ]);
    expect([d.slug(0), d.slug(1), d.slug(2)]).toEqual(['shenyang-municipal-peoples-government', 'inti', '7']);
    expect(d.ref(1)).toEqual({ id: 'b', name: 'Instituto Nacional de Tecnología Industrial', slug: 'inti' });
    expect(d.indexOfSlug('inti')).toBe(1);
    expect(d.indexOfId('7')).toBe(2);
    expect(d.indexOfId(8)).toBe(-1);
    expect(d.autolink(0)).toBe(true);
    expect(d.size).toBe(3);
  });

  it('throws a typed error naming the entry index', () => {
    const bad = [
      { id: 1, name: 'Good' },
      { id: 2, name: '   ' },
    ] as DirectoryEntry[];
    expect(() => buildDirectory(bad)).toThrow(DirectoryEntryError);
    try {
      buildDirectory(bad);
    } catch (error) {
      expect(error).toMatchObject({ index: 1, code: 'INVALID_DIRECTORY_ENTRY', message: 'directory entry 1: name must be a non-empty string' });
    }
    expect(() => buildDirectory([{ id: 1 } as unknown as DirectoryEntry])).toThrow('directory entry 0: name must be a non-empty string');
    expect(() => buildDirectory([{ id: 1, name: 'X', aliases: [3] } as unknown as DirectoryEntry])).toThrow(/directory entry 0: aliases\[0\]/);
    expect(() => buildDirectory('nope' as unknown as DirectoryEntry[])).toThrow('the directory must be an array of entries');
  });

  it('builds from entries buildDirectory would refuse only for a blank name or slug (the constructor does not validate; the server relies on it)', () => {
    const d = new Directory([
      { id: 'blank', name: '  ', slug: '', aliases: ['', ' '] },
      { id: 'b', name: 'Alpha Institute', slug: '' },
    ]);
    expect(d.automaton.keys).toEqual(['alpha institute']);
    expect([d.slug(0), d.slug(1)]).toEqual(['blank', 'b']);
    expect(detect(d, 'The Alpha Institute.').mentions.map((m) => m.id)).toEqual(['b']);
  });
});

describe('acronymCaution (issue 16, rule 7)', () => {
  it('applies only to the acronym key, by the rule of the entry', () => {
    const d = buildDirectory([
      { id: 1, name: 'Chinese Academy of Sciences', acronym: 'CAS' },
      { id: 2, name: 'Chinese Academy of Sciences 2', acronym: 'CAS2', aliases: ['CAS2'] },
      { id: 3, name: 'Korea Institute', acronym: 'KIST', acronymAlone: 'never' },
      { id: 4, name: 'Short One', acronym: 'SO', acronymAlone: 'always' },
    ]);
    const key = (s: string) => lookupKey(d.automaton, s);
    expect(d.acronymCaution(0, key('cas'), 'CAS', 0, 3)).toBe('short-acronym');
    expect(d.acronymCaution(0, key('chinese academy of sciences'), 'x', 0, 1)).toBeNull();
    expect(d.acronymCaution(1, key('cas2'), 'CAS2', 0, 4)).toBeNull(); // also an alias: a name
    expect(d.acronymCaution(2, key('kist'), 'KIST', 0, 4)).toBe('acronym-never-alone');
    expect(d.acronymCaution(3, key('so'), 'SO', 0, 2)).toBeNull();
  });
  it('rejects an unknown acronymAlone value naming the field', () => {
    expect(() => buildDirectory([{ id: 1, name: 'X Y', acronymAlone: 'sometimes' } as unknown as DirectoryEntry])).toThrow(/entry 0: acronymAlone/);
  });
});

/** Rule 7's letter count, built inside the test (a directory built at load time is not seen per test by the mutation run). */
describe('how many letters an acronym has (rule 7: three or fewer need a longer form)', () => {
  const alone = (acronym: string, text = acronym) => {
    const result = detect(buildDirectory([{ id: 1, name: 'Long Name Institute', acronym }]), `${text} said`);
    return result.mentions.length > 0 ? 'mention' : result.possible.map((p) => p.reason).join();
  };

  it('counts ASCII letters and digits only: "AB?C" has four letters when ? is one, three otherwise', () => {
    const ascii = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));
    expect(ascii.map((ch) => [ch, alone(`AB${ch}C`)])).toEqual(ascii.map((ch) => [ch, /[A-Za-z0-9]/.test(ch) ? 'mention' : 'short-acronym']));
  });

  it('counts other letters and digits by code point, astral ones once, and not other symbols', () => {
    expect(['É', 'Ж', '中', '١', '𝐀', '·', '‐', '€'].map((ch) => [ch, alone(`AB${ch}C`)])).toEqual([
      ['É', 'mention'],
      ['Ж', 'mention'],
      ['中', 'mention'],
      ['١', 'mention'],
      ['𝐀', 'mention'],
      ['·', 'short-acronym'],
      ['‐', 'short-acronym'],
      ['€', 'short-acronym'],
    ]);
    // Two astral letters count two, not four: "A𝐀𝐁" is short.
    expect(alone('A𝐀𝐁')).toBe('short-acronym');
    // U+FFFF, the last unit of the BMP, is one unit wide: the letter after it is still counted.
    expect(alone('AB\uffffCD')).toBe('mention');
  });

  it('compares the spelling in NFC: an acronym stored decomposed is linked alone when written composed', () => {
    expect(alone('ÇOMÜ'.normalize('NFD'), 'ÇOMÜ')).toBe('mention');
    expect(alone('ÇOMÜ', 'COMU')).toBe('folded-acronym');
    // The written acronym is compared trimmed.
    expect(alone(' ÇOMÜ ', 'ÇOMÜ')).toBe('mention');
    // An acronym that folding leaves as it is counts alone however the article writes it (full-width here).
    expect(alone('KIST', 'ＫＩＳＴ')).toBe('mention');
    expect(alone(' KIST ', 'ＫＩＳＴ')).toBe('mention');
  });
});

describe('directory entries: errors, slugs of last resort, the autolink setting', () => {
  const refusal = (entries: unknown) => {
    try {
      buildDirectory(entries as DirectoryEntry[]);
    } catch (error) {
      expect(error).toBeInstanceOf(DirectoryEntryError);
      const { index, problem } = error as DirectoryEntryError;
      return { index, problem };
    }
    throw new Error('accepted');
  };

  it('names the entry and the field of the first problem', () => {
    expect(refusal('not a list')).toEqual({ index: -1, problem: 'the directory must be an array of entries' });
    expect(
      refusal([
        { id: 1, name: 'Good Name' },
        { id: 2, name: '   ' },
      ])
    ).toEqual({ index: 1, problem: 'name must be a non-empty string' });
    expect(refusal([{ id: 1, name: 'Good Name', acronym: 5 }])).toEqual({ index: 0, problem: expect.stringMatching(/^acronym: ./) });
    expect(refusal([{ id: 1, name: 'Good Name', aliases: ['fine', 5] }])).toEqual({ index: 0, problem: expect.stringMatching(/^aliases\[1\]: ./) });
  });

  it('falls back to entry-<index> when neither the name nor the id has a letter to slugify', () => {
    const d = buildDirectory([
      { id: 'a', name: 'Alpha Works' },
      { id: '中', name: '中文研究所' },
    ]);
    expect([d.slug(0), d.slug(1)]).toEqual(['alpha-works', 'entry-1']);
  });

  it("keeps each entry's autolink setting (default on)", () => {
    const d = buildDirectory([
      { id: 1, name: 'Alpha Works', autolink: false },
      { id: 2, name: 'Beta Works' },
      { id: 3, name: 'Gamma Works', autolink: true },
    ]);
    expect([d.autolink(0), d.autolink(1), d.autolink(2)]).toEqual([false, true, true]);
  });
});
