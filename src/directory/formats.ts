import { normalizeRorId, normalizeWikidataId } from './identifiers';
import { nameKey } from '../documents/names';

/**
 * The import formats (ROR data dump schema 2.x, CSV, the JSON of organizations.json) mapped to
 * one record shape. Pure: no I/O, so each mapping is unit-tested on its own.
 */

export type ImportFormat = 'ror' | 'csv' | 'json';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['ror', 'csv', 'json'];

export interface AliasValue {
  text: string;
  language: string | null;
}

/** Where the parent is: a ROR id, a Wikidata id or a name, resolved after every record is in. */
export type ParentRef = { rorId: string } | { wikidataId: string } | { name: string };

export interface OrganizationRecord {
  /** 1-based record number (JSON, ROR) or line number (CSV) in the file. */
  position: number;
  name: string;
  acronym: string | null;
  aliases: AliasValue[];
  website: string | null;
  country: string | null;
  city: string | null;
  type: string | null;
  rorId: string | null;
  wikidataId: string | null;
  sectors: string[] | null;
  parent: ParentRef | null;
  /** ROR's status; inactive and withdrawn records are skipped or imported unlinked, by option. */
  status: 'active' | 'inactive' | 'withdrawn';
}

export interface Refusal {
  position: number;
  reason: string;
}

export type Mapped = { record: OrganizationRecord } | { refusal: Refusal };

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

const refuse = (position: number, reason: string): Mapped => ({ refusal: { position, reason } });

/** Folds a name to the key that says two names are the same organization (case, width, spaces). */
/** The folded form organization names are unique in (src/documents/names.ts), so keys match what validation refuses. */
export const foldName = (name: string): string => nameKey(name);

/** The stable upsert key: rorId, else wikidataId, else the folded name. */
export const recordKey = (record: Pick<OrganizationRecord, 'rorId' | 'wikidataId' | 'name'>): string =>
  record.rorId ? `ror:${record.rorId}` : record.wikidataId ? `wikidata:${record.wikidataId}` : `name:${foldName(record.name)}`;

const dedupeAliases = (name: string, acronym: string | null, aliases: AliasValue[]): AliasValue[] => {
  const seen = new Set([foldName(name), ...(acronym ? [foldName(acronym)] : [])]);
  return aliases.filter((alias) => {
    const key = foldName(alias.text);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/** ROR's organization types, in the order that decides when a record has several. */
const ROR_TYPES: [string, string][] = [
  ['education', 'university'],
  ['facility', 'research-institute'],
  ['government', 'government'],
  ['company', 'enterprise'],
  ['nonprofit', 'association'],
  ['funder', 'other'],
  ['healthcare', 'other'],
  ['archive', 'other'],
  ['other', 'other'],
];

const identifierOf = (position: number, raw: unknown, normalize: (input: string) => string | null, field: string): { value: string | null } | { refusal: Refusal } => {
  const value = text(raw);
  if (value === null) return { value: null };
  const canonical = normalize(value);
  return canonical ? { value: canonical } : { refusal: { position, reason: `${field}: "${value}" is not a valid identifier` } };
};

interface RorName {
  value?: unknown;
  types?: unknown;
  lang?: unknown;
}

/** One record of a ROR data dump (schema 2.x). */
export const mapRor = (raw: unknown, position: number): Mapped => {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return refuse(position, 'is not a JSON object');
  const record = raw as Record<string, unknown>;
  const rorId = identifierOf(position, record.id, normalizeRorId, 'id');
  if ('refusal' in rorId) return rorId;
  if (!rorId.value) return refuse(position, 'id: is missing (a ROR record has https://ror.org/…)');
  const names = (Array.isArray(record.names) ? record.names : []) as RorName[];
  const typed = (type: string) => names.filter((entry) => Array.isArray(entry?.types) && (entry.types as unknown[]).includes(type) && text(entry.value) !== null);
  const display = typed('ror_display')[0] ?? typed('label')[0];
  if (!display) return refuse(position, 'names: has no ror_display or label name');
  const name = text(display.value)!;
  const acronyms = typed('acronym').map((entry) => text(entry.value)!);
  const aliases: AliasValue[] = [
    ...acronyms.slice(1).map((value) => ({ text: value, language: null })),
    ...names
      .filter((entry) => entry !== display && Array.isArray(entry?.types) && ((entry.types as unknown[]).includes('alias') || (entry.types as unknown[]).includes('label')))
      .filter((entry) => text(entry.value) !== null)
      .map((entry) => ({ text: text(entry.value)!, language: text(entry.lang) })),
  ];
  const location = (Array.isArray(record.locations) ? record.locations[0] : null) as { geonames_details?: { country_code?: unknown; name?: unknown } } | null;
  const website = (Array.isArray(record.links) ? record.links : []).find((link: { type?: unknown; value?: unknown }) => link?.type === 'website' && text(link.value) !== null) as
    | { value: string }
    | undefined;
  const types = Array.isArray(record.types) ? (record.types as unknown[]) : [];
  const type = ROR_TYPES.find(([rorType]) => types.includes(rorType))?.[1] ?? null;
  const wikidata = (Array.isArray(record.external_ids) ? record.external_ids : []).find((external: { type?: unknown }) => external?.type === 'wikidata') as
    | { preferred?: unknown; all?: unknown }
    | undefined;
  const wikidataRaw = text(wikidata?.preferred) ?? (Array.isArray(wikidata?.all) ? text(wikidata.all[0]) : null);
  const wikidataId = identifierOf(position, wikidataRaw, normalizeWikidataId, 'external_ids.wikidata');
  if ('refusal' in wikidataId) return wikidataId;
  const parentLink = (Array.isArray(record.relationships) ? record.relationships : []).find(
    (relationship: { type?: unknown; id?: unknown }) => relationship?.type === 'parent' && typeof relationship.id === 'string'
  ) as { id: string } | undefined;
  const parentId = parentLink ? normalizeRorId(parentLink.id) : null;
  if (parentLink && !parentId) return refuse(position, `relationships: parent "${parentLink.id}" is not a valid ROR id`);
  const status = record.status === 'inactive' || record.status === 'withdrawn' ? record.status : 'active';
  const acronym = acronyms[0] ?? null;
  return {
    record: {
      position,
      name,
      acronym,
      aliases: dedupeAliases(name, acronym, aliases),
      website: website ? website.value.trim() : null,
      country: text(location?.geonames_details?.country_code),
      city: text(location?.geonames_details?.name),
      type,
      rorId: rorId.value,
      wikidataId: wikidataId.value,
      sectors: null,
      parent: parentId ? { rorId: parentId } : null,
      status,
    },
  };
};

/** The columns of the CSV format, in the order export writes them. */
export const CSV_COLUMNS = ['name', 'acronym', 'aliases', 'labels', 'country', 'city', 'website', 'type', 'parent', 'rorId', 'wikidataId', 'sectors'] as const;
/** Separates the items of a list cell (aliases, labels, sectors). */
export const LIST_SEPARATOR = '|';

const listCell = (value: unknown): string[] =>
  typeof value === 'string'
    ? value
        .split(LIST_SEPARATOR)
        .map((item) => item.trim())
        .filter(Boolean)
    : [];

/** A parent cell: a ROR id (bare or https://ror.org/…), a Wikidata id, else a name. */
export const parentRefOf = (value: string): ParentRef => {
  const rorId = normalizeRorId(value);
  if (rorId) return { rorId };
  const wikidataId = /^Q\d+$/.test(value.trim()) ? normalizeWikidataId(value) : null;
  return wikidataId ? { wikidataId } : { name: value.trim() };
};

/** Header problems of a CSV file (unknown or missing columns), or null. */
export const csvHeaderProblem = (header: string[]): string | null => {
  const unknown = header.filter((column) => !(CSV_COLUMNS as readonly string[]).includes(column));
  if (unknown.length > 0) return `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')} (known: ${CSV_COLUMNS.join(', ')})`;
  if (!header.includes('name')) return 'the header has no "name" column';
  const repeated = header.filter((column, index) => header.indexOf(column) !== index);
  if (repeated.length > 0) return `column "${repeated[0]}" appears twice`;
  return null;
};

/** One CSV row (header names as keys); labels are `language:text`. */
export const mapCsvRow = (row: Record<string, unknown>, line: number): Mapped => {
  const name = text(row.name);
  if (!name) return refuse(line, 'name: is empty');
  const rorId = identifierOf(line, row.rorId, normalizeRorId, 'rorId');
  if ('refusal' in rorId) return rorId;
  const wikidataId = identifierOf(line, row.wikidataId, normalizeWikidataId, 'wikidataId');
  if ('refusal' in wikidataId) return wikidataId;
  const labels: AliasValue[] = [];
  for (const label of listCell(row.labels)) {
    const colon = label.indexOf(':');
    if (colon <= 0) return refuse(line, `labels: "${label}" is not in the form language:text (e.g. zh-Hans:中国科学院)`);
    labels.push({ language: label.slice(0, colon).trim(), text: label.slice(colon + 1).trim() });
  }
  const acronym = text(row.acronym);
  const parent = text(row.parent);
  const sectors = listCell(row.sectors);
  return {
    record: {
      position: line,
      name,
      acronym,
      aliases: dedupeAliases(name, acronym, [...listCell(row.aliases).map((alias) => ({ text: alias, language: null })), ...labels]),
      website: text(row.website),
      country: text(row.country),
      city: text(row.city),
      type: text(row.type),
      rorId: rorId.value,
      wikidataId: wikidataId.value,
      sectors: sectors.length > 0 ? sectors : null,
      parent: parent ? parentRefOf(parent) : null,
      status: 'active',
    },
  };
};

const JSON_KEYS = new Set(['name', 'acronym', 'aliases', 'website', 'country', 'city', 'type', 'parent', 'rorId', 'wikidataId', 'sectors']);

/** One entry of a JSON file in the form of organizations.json. */
export const mapJson = (raw: unknown, position: number): Mapped => {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return refuse(position, 'is not a JSON object');
  const entry = raw as Record<string, unknown>;
  const unknown = Object.keys(entry).filter((key) => !JSON_KEYS.has(key));
  if (unknown.length > 0) return refuse(position, `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}`);
  const name = text(entry.name);
  if (!name) return refuse(position, 'name: is missing or empty');
  const rorId = identifierOf(position, entry.rorId, normalizeRorId, 'rorId');
  if ('refusal' in rorId) return rorId;
  const wikidataId = identifierOf(position, entry.wikidataId, normalizeWikidataId, 'wikidataId');
  if ('refusal' in wikidataId) return wikidataId;
  if (entry.aliases !== undefined && entry.aliases !== null && !Array.isArray(entry.aliases)) return refuse(position, 'aliases: must be a list');
  const aliases: AliasValue[] = [];
  for (const alias of (entry.aliases as unknown[] | undefined) ?? []) {
    if (typeof alias === 'string' && alias.trim()) aliases.push({ text: alias.trim(), language: null });
    else if (alias && typeof alias === 'object' && text((alias as { text?: unknown }).text))
      aliases.push({ text: text((alias as { text: unknown }).text)!, language: text((alias as { language?: unknown }).language) });
    else return refuse(position, 'aliases: each alias must be a text or { text, language }');
  }
  if (entry.sectors !== undefined && entry.sectors !== null && !(Array.isArray(entry.sectors) && entry.sectors.every((s) => typeof s === 'string')))
    return refuse(position, 'sectors: must be a list of names');
  const acronym = text(entry.acronym);
  const parent = text(entry.parent);
  return {
    record: {
      position,
      name,
      acronym,
      aliases: dedupeAliases(name, acronym, aliases),
      website: text(entry.website),
      country: text(entry.country),
      city: text(entry.city),
      type: text(entry.type),
      rorId: rorId.value,
      wikidataId: wikidataId.value,
      sectors: Array.isArray(entry.sectors) && entry.sectors.length > 0 ? entry.sectors : null,
      parent: parent ? parentRefOf(parent) : null,
      status: 'active',
    },
  };
};

/** The JSON form of an organization for export (the fields import reads; empty ones left out). */
export const toJsonEntry = (record: Omit<OrganizationRecord, 'position' | 'status' | 'parent'> & { parent: string | null }): Record<string, unknown> => {
  const entry: Record<string, unknown> = { name: record.name };
  if (record.acronym) entry.acronym = record.acronym;
  if (record.aliases.length > 0) entry.aliases = record.aliases.map((alias) => (alias.language ? { text: alias.text, language: alias.language } : alias.text));
  for (const key of ['type', 'website', 'country', 'city', 'parent', 'rorId', 'wikidataId'] as const) if (record[key]) entry[key] = record[key];
  if (record.sectors && record.sectors.length > 0) entry.sectors = record.sectors;
  return entry;
};

/** The CSV row of an organization for export, by CSV_COLUMNS. */
export const toCsvRow = (record: Omit<OrganizationRecord, 'position' | 'status' | 'parent'> & { parent: string | null }): string[] => [
  record.name,
  record.acronym ?? '',
  record.aliases
    .filter((alias) => !alias.language)
    .map((alias) => alias.text)
    .join(LIST_SEPARATOR),
  record.aliases
    .filter((alias) => alias.language)
    .map((alias) => `${alias.language}:${alias.text}`)
    .join(LIST_SEPARATOR),
  record.country ?? '',
  record.city ?? '',
  record.website ?? '',
  record.type ?? '',
  record.parent ?? '',
  record.rorId ?? '',
  record.wikidataId ?? '',
  (record.sectors ?? []).join(LIST_SEPARATOR),
];
