import { buildDirectory, type DirectoryEntry } from './directory';
import { lookupKey } from './build';
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
