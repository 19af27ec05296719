import type { Core } from '@strapi/strapi';
import { CSV_COLUMNS, LIST_SEPARATOR, toCsvRow, toJsonEntry } from './formats';

const ORGANIZATION = 'api::organization.organization';
/** Rows read per query, so memory stays flat in the directory's size. */
const PAGE = 500;

/** A CSV cell quoted when it must be (RFC 4180). */
export const csvCell = (value: string): string => (/[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

const csvLine = (cells: string[]): string => `${cells.map(csvCell).join(',')}\r\n`;

/**
 * Writes the directory (every organization's draft, which is what staff edit) in the import's
 * own formats, so that importing the export changes nothing. The parent is written as its
 * rorId when it has one, else as its name.
 */
export const directoryExporter = ({ strapi }: { strapi: Core.Strapi }) => ({
  async export(format: 'csv' | 'json', write: (chunk: string) => void | Promise<void>): Promise<number> {
    let count = 0;
    await write(format === 'csv' ? csvLine([...CSV_COLUMNS]) : '[');
    for (let offset = 0; ; offset += PAGE) {
      const rows = (await strapi.db.query(ORGANIZATION).findMany({
        where: { publishedAt: null },
        select: ['name', 'acronym', 'website', 'country', 'city', 'type', 'rorId', 'wikidataId'],
        populate: { aliases: { select: ['text', 'language'] }, parent: { select: ['name', 'rorId'] }, sectors: { select: ['name', 'slug'] } },
        orderBy: { id: 'asc' },
        offset,
        limit: PAGE,
      })) as Record<string, unknown>[];
      for (const row of rows) {
        const parent = row.parent as { name?: string; rorId?: string | null } | null;
        // By their English names, which the import maps back to the same sectors (by slug if a name holds the list separator).
        const linked = ((row.sectors as { name: string; slug: string | null }[] | null) ?? []).map((sector) =>
          sector.name.includes(LIST_SEPARATOR) && sector.slug ? sector.slug : sector.name
        );
        const sectors = linked.length > 0 ? linked : null;
        const record = {
          name: row.name as string,
          acronym: (row.acronym as string | null) ?? null,
          aliases: ((row.aliases as { text: string; language: string | null }[] | null) ?? []).map((alias) => ({ text: alias.text, language: alias.language ?? null })),
          website: (row.website as string | null) ?? null,
          country: (row.country as string | null) ?? null,
          city: (row.city as string | null) ?? null,
          type: (row.type as string | null) ?? null,
          rorId: (row.rorId as string | null) ?? null,
          wikidataId: (row.wikidataId as string | null) ?? null,
          sectors,
          parent: parent ? (parent.rorId ?? parent.name ?? null) : null,
        };
        await write(format === 'csv' ? csvLine(toCsvRow(record)) : `${count > 0 ? ',' : ''}\n  ${JSON.stringify(toJsonEntry(record))}`);
        count += 1;
      }
      if (rows.length < PAGE) break;
    }
    if (format === 'json') await write('\n]\n');
    return count;
  },
});
