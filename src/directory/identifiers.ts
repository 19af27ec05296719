/**
 * Organization identifiers: the ROR id (nine characters, "0" + six Crockford base-32 digits
 * + a two-digit ISO 7064 Mod 97-10 checksum) and the Wikidata item id ("Q" and digits).
 */

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';
const ROR_URL = /^https?:\/\/(?:www\.)?ror\.org\//i;
const ROR_SHAPE = /^0[0-9a-hjkmnp-tv-z]{6}[0-9]{2}$/;

/** The checksum ROR appends: 98 - (n * 100 mod 97), two digits. */
export const rorChecksum = (sevenCharacters: string): string => {
  let value = 0n;
  for (const character of sevenCharacters.toLowerCase()) {
    const digit = CROCKFORD.indexOf(character);
    if (digit < 0) throw new Error(`not a Crockford base-32 digit: ${character}`);
    value = value * 32n + BigInt(digit);
  }
  return String(98n - ((value * 100n) % 97n)).padStart(2, '0');
};

/** The nine-character ROR id of `https://ror.org/…` or of the bare id, or null when it is not one. */
export const normalizeRorId = (input: string): string | null => {
  const id = input.trim().replace(ROR_URL, '').replace(/\/$/, '').toLowerCase();
  if (!ROR_SHAPE.test(id)) return null;
  return rorChecksum(id.slice(0, 7)) === id.slice(7) ? id : null;
};

/** "Q" and digits (no leading zero), or null; the full https://www.wikidata.org/wiki/Q… form is accepted. */
export const normalizeWikidataId = (input: string): string | null => {
  const id = input
    .trim()
    .replace(/^https?:\/\/(?:www\.)?wikidata\.org\/(?:wiki|entity)\//i, '')
    .toUpperCase();
  return /^Q[1-9][0-9]{0,11}$/.test(id) ? id : null;
};

export const rorUrl = (id: string): string => `https://ror.org/${id}`;
export const wikidataUrl = (id: string): string => `https://www.wikidata.org/wiki/${id}`;
