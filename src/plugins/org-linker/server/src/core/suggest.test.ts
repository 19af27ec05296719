import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fixturesDir } from '../../../../../../tests/helpers/fixtures';
import { buildDirectory } from './directory';
import { suggestUnknownOrganizations } from './suggest';

const FIXTURES = fixturesDir();

interface FixtureEntry {
  name: string;
  acronym?: string;
  aliases?: string[];
}

const fixture = (JSON.parse(readFileSync(path.join(FIXTURES, 'organizations.json'), 'utf8')) as FixtureEntry[]).map((e, i) => ({ id: i, ...e }));
const directory = buildDirectory(fixture);

describe('suggestUnknownOrganizations', () => {
  it('suggests nothing known in the seed article, only the generic "Research and Development Institutions"', () => {
    const article = readFileSync(path.join(FIXTURES, 'syiit-joins-waitro.txt'), 'utf8');
    const s = suggestUnknownOrganizations(directory, article);
    expect(s.map((x) => x.text)).toEqual(['Research and Development Institutions']);
    expect(article.slice(s[0].start, s[0].end)).toBe('Research and Development Institutions');
  });

  it('finds a capitalised phrase with an acronym in parentheses', () => {
    const text = 'Yesterday Borealis Institute of Robotics (BIR) signed. The Polar Works (PW) too.';
    const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
    expect(suggestUnknownOrganizations(directory, text)).toEqual([
      { text: 'Borealis Institute of Robotics', ...at('Borealis Institute of Robotics'), acronym: 'BIR' },
      { text: 'Polar Works', ...at('Polar Works'), acronym: 'PW' },
    ]);
  });

  it('finds runs with organization words, joiners inside but not at the ends, deduped, in order', () => {
    const text =
      'Researchers of the University of Northern Lakes and the Ministry für Umwelt und Energie met the Royal Society. ' +
      'Later the university of northern lakes and the Royal Society again, and Universität Wien.';
    expect(suggestUnknownOrganizations(directory, text).map((s) => s.text)).toEqual([
      'University of Northern Lakes',
      'Ministry für Umwelt und Energie',
      'Royal Society',
      'Universität Wien',
    ]);
  });

  it('excludes directory matches and cuts runs at them', () => {
    const text = 'The Chinese Academy of Sciences Institute of Modern Physics and the Korea Institute of Science and Technology (KIST).';
    expect(suggestUnknownOrganizations(directory, text).map((s) => s.text)).toEqual(['Institute of Modern Physics']);
  });

  it('never suggests an unconfirmed acronym of the directory (issue 16, rule 7)', () => {
    // "CAS Research Association (CAS)": CAS alone is only a possible mention, but it is in the directory.
    const text = 'The Borealis CAS Research Association (CAS) met.';
    expect(suggestUnknownOrganizations(directory, text)).toEqual([]); // single words are not suggested
  });

  it('ignores single words, lowercase phrases and sentence starts', () => {
    expect(suggestUnknownOrganizations(directory, 'University researchers said the national institute of things.')).toEqual([]);
  });

  it('keeps "of the" inside a name and spans one line break, not a paragraph break', () => {
    expect(suggestUnknownOrganizations(directory, 'at the University of the West\nIndies.').map((s) => s.text)).toEqual(['University of the West Indies']);
    expect(suggestUnknownOrganizations(directory, 'the Royal\n\nSociety').map((s) => s.text)).toEqual([]);
  });

  it('drops a leading "The" and trailing joiners, and writes the white space between words as one space', () => {
    expect(suggestUnknownOrganizations(directory, 'Yesterday. The Quantum Materials Institute opened.').map((s) => s.text)).toEqual(['Quantum Materials Institute']);
    expect(suggestUnknownOrganizations(directory, 'We met the Royal Society and others.').map((s) => s.text)).toEqual(['Royal Society']);
    expect(suggestUnknownOrganizations(directory, 'We met the Royal  Society today.').map((s) => s.text)).toEqual(['Royal Society']);
    // A run of joiners alone before an acronym: nothing to suggest, and no error.
    expect(suggestUnknownOrganizations(directory, 'the news of the (ABC) day')).toEqual([]);
  });

  it("keeps the whole phrase when no word carries the acronym's initial, and names no acronym when there is none", () => {
    const text = 'a grant to the Quantum Materials Institute (XYZ) and the Royal Society.';
    const found = suggestUnknownOrganizations(directory, text);
    expect(found.map((s) => [s.text, s.acronym])).toEqual([
      ['Quantum Materials Institute', 'XYZ'],
      ['Royal Society', undefined],
    ]);
    expect(Object.keys(found[1])).toEqual(['text', 'start', 'end']);
  });
});
