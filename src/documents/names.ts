/**
 * Directory names compared the way a reader (and the linker) sees them: two names that look the
 * same are the same name.
 */

// Format characters (ZWSP, ZWJ, ZWNJ, BOM, soft hyphen, bidi marks …) are invisible.
const INVISIBLE = /\p{Cf}/gu;
const SPACES = /[\s\p{Zs}]+/gu;

/**
 * The folded key of a name: NFKC (full-width and compatibility letters become plain ones, NBSP a
 * space), invisible format characters removed, letter case folded, runs of white space one space.
 */
export const nameKey = (name: string): string => name.normalize('NFKC').replace(INVISIBLE, '').toUpperCase().toLowerCase().normalize('NFKC').replace(SPACES, ' ').trim();

const EDGE = /^[\p{Cf}\s\p{Zs}]|[\p{Cf}\s\p{Zs}]$/u;

/** Why a name is refused for an invisible or blank character at its start or end, or null. */
export const nameEdgeProblem = (name: string): string | null => {
  const match = EDGE.exec(name);
  if (!match) return null;
  const code = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return `must not begin or end with an invisible or blank character (U+${code})`;
};
