import path from 'node:path';
import { describeTranslations } from '../../../../tests/helpers/translations';
import { formatOfName } from '../format';
import en from './en.json';
import zhHans from './zh-Hans.json';

describeTranslations(path.resolve(__dirname, '..'), en, zhHans, 30);

describe('the format chosen from the file name (as the server guesses it)', () => {
  it.each([
    ['members.csv', 'csv'],
    ['MEMBERS.CSV', 'csv'],
    ['v1.55-2024-10-31-ror-data_schema_v2.json', 'ror'],
    ['organizations.json', 'json'],
    ['members.xlsx', null],
  ])('%s → %s', (name, format) => {
    expect(formatOfName(name)).toBe(format);
  });
});
