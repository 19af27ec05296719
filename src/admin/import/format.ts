import type { ImportFormatName } from '../../directory/contracts';

/** The format a file name says (as the server guesses it): .csv; .json with "ror" in its name is a ROR dump. */
export const formatOfName = (name: string): ImportFormatName | null => {
  if (/\.csv$/i.test(name)) return 'csv';
  if (/\.json$/i.test(name)) return /ror/i.test(name) ? 'ror' : 'json';
  return null;
};
