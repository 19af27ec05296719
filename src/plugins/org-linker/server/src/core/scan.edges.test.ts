// The scan's edges, one rule each: where a run of white space stops a match, where a word ends
// when its last character is a ligature, an astral letter or an invisible character, the accents
// a match takes with it, astral letters inside words (no match starts inside a word), and the
// entries a match names (ascending, once each, however the key's forms are ordered).
import { buildDirectory } from './directory';
import { matchEntries, scanText } from './scan';

const directory = buildDirectory([
  { id: 1, name: 'Fine Institute' },
  { id: 2, name: 'Lab Wifi' },
  { id: 3, name: 'Math Lab 𝐀' },
  { id: 4, name: 'Lab Cafe' },
  { id: 5, name: 'Lab' },
]);
const found = (text: string): string[] => scanText(directory.automaton, text).map((m) => text.slice(m.start, m.end));

describe('a run of white space inside a name (one line break joins, two split paragraphs)', () => {
  it.each([
    ['Fine\nInstitute', 'a line feed'],
    ['Fine\r\nInstitute', 'CR LF, one line break'],
    ['Fine\rInstitute', 'a carriage return'],
    ['Fine\u2028Institute', 'a line separator'],
    ['Fine\vInstitute', 'a vertical tab'],
    ['Fine \t \n  Institute', 'spaces and tabs around one line feed'],
    ['Fine \u200b Institute', 'a zero-width space between spaces'],
  ])('%j matches across %s', (text) => {
    expect(found(text)).toEqual([text]);
  });

  it.each([
    ['Fine\n\nInstitute', 'two line feeds'],
    ['Fine\r\n\r\nInstitute', 'two CR LF'],
    ['Fine\r\rInstitute', 'two carriage returns'],
    ['Fine\n \nInstitute', 'two line feeds with a space between'],
    ['Fine\n\u200b\nInstitute', 'two line feeds with a zero-width space between'],
    ['Fine\u2029Institute', 'a paragraph separator on its own'],
    ['Fine\n\fInstitute', 'a line feed and a form feed'],
    ['Fine\u2028\u2028Institute', 'two line separators'],
  ])('%j does not match across %s', (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('the end of a match is the end of a word, whatever its last character', () => {
  it('a ligature as the last character: ends the match at a word end only', () => {
    expect(found('Lab Wiﬁ.')).toEqual(['Lab Wiﬁ']);
    expect(found('Lab Wiﬁ')).toEqual(['Lab Wiﬁ']);
    expect(found('Lab Wiﬁx')).toEqual(['Lab']);
  });

  it('an astral letter as the last character: the same', () => {
    expect(found('Math Lab 𝐀, then')).toEqual(['Math Lab 𝐀']);
    expect(found('Math Lab 𝐀b')).toEqual(['Lab']);
  });

  it('an invisible character (astral or not) does not end the word it is in', () => {
    expect(found('Lab Wifi\u{E0100}x')).toEqual(['Lab']);
    expect(found('Lab Wifi\u200bx')).toEqual(['Lab']);
    expect(found('Lab Wifi\u{E0100}\u{E0100}x')).toEqual(['Lab']);
    // At a word end it is left out of the match, which ends at the last letter.
    expect(found('Lab Wifi\u{E0100} x')).toEqual(['Lab Wifi']);
  });

  it('takes the accents after its last letter with it (decomposed text)', () => {
    expect(found('the Lab Cafe\u0301 opened')).toEqual(['Lab Cafe\u0301']);
    expect(found('the Lab Cafe\u0300\u0301')).toEqual(['Lab Cafe\u0300\u0301']);
    expect(found('the Lab Cafe')).toEqual(['Lab Cafe']);
    // An accent followed by more of the word: no match ends there.
    expect(found('the Lab Cafe\u0301s')).toEqual(['Lab']);
  });
});

describe('astral letters inside a word: no match starts after them', () => {
  it.each([['X𝐀Lab'], ['𝐀𝐀Lab'], ['𝐀Lab'], ['ab𝐀𐐀Lab'], ['x\u{E0100}Lab']])('%j names nothing', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('a symbol (not a letter) before a name does not hide it', () => {
    expect(found('😀Lab')).toEqual(['Lab']);
    expect(found('😀 Lab')).toEqual(['Lab']);
    expect(found('𝐀 Lab')).toEqual(['Lab']);
  });
});

describe('the entries a match names: ascending and once each (matchEntries)', () => {
  const entriesAt = (entries: Parameters<typeof buildDirectory>[0], text: string): number[][] => {
    const { automaton } = buildDirectory(entries);
    return scanText(automaton, text).map((m) => matchEntries(automaton, m, text));
  };

  it('ascending when a lower entry has the key only in its own case and higher ones in any case', () => {
    // The key "ab cd" holds three forms, kept sorted by their exact text with the any-case forms
    // first: entries 1, 2 (any case), then 0 ("AB CD" only). Read in that order they are 1, 2, 0.
    const entries = [
      { id: 'a', name: 'First Org', acronym: 'AB CD' },
      { id: 'b', name: 'Ab Cd' },
      { id: 'c', name: 'Third Org', aliases: ['ab cd'] },
    ];
    expect(entriesAt(entries, 'We met AB CD today.')).toEqual([[0, 1, 2]]);
    expect(entriesAt(entries, 'We met Ab Cd today.')).toEqual([[1, 2]]);
    // Numbers, not texts: entries 9, 10, 11 (10 and 11 read first) sort as 9, 10, 11.
    const fillers = Array.from({ length: 9 }, (_, index) => ({ id: `f${index}`, name: `Filler Institute ${index}` }));
    expect(entriesAt([...fillers, ...entries], 'We met AB CD today.')).toEqual([[9, 10, 11]]);
  });

  it('once when one entry has the key both in its own case and in any case', () => {
    // An acronym with a space is kept case-sensitive, an alias with a space is not: two forms of
    // entry 0 on one key, both accepting "AB CD".
    expect(entriesAt([{ id: 'a', name: 'First Org', acronym: 'AB CD', aliases: ['Ab Cd'] }], 'See AB CD.')).toEqual([[0]]);
    expect(
      entriesAt(
        [
          { id: 'a', name: 'First Org', acronym: 'AB CD', aliases: ['Ab Cd'] },
          { id: 'b', name: 'Ab Cd' },
          { id: 'c', name: 'Third Org', acronym: 'AB CD', aliases: ['ab cd'] },
        ],
        'See AB CD.'
      )
    ).toEqual([[0, 1, 2]]);
  });
});

describe('a text one character away from a name does not match it', () => {
  // Each name is one label of the trie from its first letter on (no other key shares a prefix
  // with it past "Lab"), so every position is compared inside a label: after a plain letter,
  // after a space, after an accent, and by the label's first unit.
  const names = ['Fine Institute', 'Lab Cafe', 'Lab Wifi', 'Kafjell Naerings Institutt'];
  const near = buildDirectory(names.map((name, index) => ({ id: index + 1, name })));
  const scanned = (text: string) => scanText(near.automaton, text).map((m) => text.slice(m.start, m.end));

  it.each(names)('%s: any one letter replaced, or replaced by a space, names nothing that long', (name) => {
    for (let at = 0; at < name.length; at++) {
      if (name[at] === ' ') continue;
      for (const replacement of ['q', 'Z', ' ', 'é']) {
        // Accents fold away (rule 2): é in the place of e is the same name.
        if (replacement.normalize('NFD')[0].toLowerCase() === name[at].toLowerCase()) continue;
        const text = `${name.slice(0, at)}${replacement}${name.slice(at + 1)}`;
        expect([text, scanned(`Said: ${text}.`).filter((found) => found.length >= name.length)]).toEqual([text, []]);
      }
    }
    expect(scanned(`Said: ${name}.`)).toEqual([name]);
  });

  it('a ligature (two units when folded) is compared unit by unit', () => {
    expect(scanned('Said: Lab Wiﬁ.')).toEqual(['Lab Wiﬁ']);
    // "ﬂ" is "fl": its first unit agrees with "fi", its second does not.
    expect(scanned('Said: Lab Wiﬂ.')).toEqual([]);
    expect(scanned('Said: Lab Caﬁ.')).toEqual([]);
  });

  it('after an accent, the next letter is compared too', () => {
    const accented = buildDirectory([{ id: 1, name: 'Café Lumière Institut' }]);
    const find = (text: string) => scanText(accented.automaton, text).map((m) => text.slice(m.start, m.end));
    expect(find('Cafe\u0301 Lumie\u0300re Institut')).toEqual(['Cafe\u0301 Lumie\u0300re Institut']);
    expect(find('Cafe\u0301 Lumie\u0300ze Institut')).toEqual([]);
    expect(find('Cafe\u0301x Lumière Institut')).toEqual([]);
  });
});
