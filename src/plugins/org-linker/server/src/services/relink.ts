import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { ArticleChange } from '../../../shared/contracts';
import { LINKER_ATTRIBUTES } from '../constants';
import { tableOf } from '../utils/db-tables';
import { getService } from '../utils/get-service';
import { inputsOfRow, isPublished, type StoredRow } from './articles';
import type { Versions } from './directory';
import { linkArticle, type LinkedArticle } from './link-step';
import type { RelationTarget } from './mentions';

/** Rows per UPDATE: the statement carries two parameters per row and changed column. */
const UPDATE_CHUNK = 200;

const sameSet = (a: string[], b: string[]) => a.length === b.length && new Set([...a, ...b]).size === a.length;

interface Relinked {
  row: StoredRow;
  linked: LinkedArticle;
  relationChanged: boolean;
}

/**
 * Relinking stored rows (drafts and published versions, any locale) with the current directory:
 * a batch of rows is locked, read in one query, linked in memory, and written with one UPDATE
 * for the changed values and one relation difference (services/mentions.ts), in one transaction.
 */
const relinkService = ({ strapi }: { strapi: Core.Strapi }) => {
  /** One UPDATE for many rows: each changed column takes its row's value (CASE id), the others keep theirs. */
  const writeRows = async (trx: Knex.Transaction, uid: string, rows: Relinked[]) => {
    const linker = getService(strapi, 'linker');
    const table = tableOf(strapi, uid);
    const postgres = strapi.db.dialect.client === 'postgres';
    for (let start = 0; start < rows.length; start += UPDATE_CHUNK) {
      const chunk = rows.slice(start, start + UPDATE_CHUNK);
      const columns = new Map<string, { id: number; value: unknown }[]>();
      const set = (attribute: string, id: number, value: unknown) => {
        const column = table.column(attribute);
        const values = columns.get(column);
        if (values) values.push({ id, value });
        else columns.set(column, [{ id, value }]);
      };
      const jsonColumns = new Set<string>();
      for (const { row, linked } of chunk) {
        for (const field of linked.changedFields) {
          const json = linker.fieldTypeOf(uid, field) === 'blocks';
          if (json) jsonColumns.add(table.column(field));
          set(field, row.id, json ? JSON.stringify(linked.values[field]) : linked.values[field]);
        }
        set(LINKER_ATTRIBUTES.searchText, row.id, linked.searchText);
      }
      const data: Record<string, Knex.Raw | Date> = { [table.column('updatedAt')]: new Date() };
      for (const [column, values] of columns) {
        const placeholder = postgres && jsonColumns.has(column) ? '?::jsonb' : '?';
        data[column] = trx.raw(`case ?? ${values.map(() => `when ? then ${placeholder}`).join(' ')} else ?? end`, [
          'id',
          ...values.flatMap(({ id, value }) => [id, value]),
          column,
        ]);
      }
      await trx(table.name)
        .whereIn(
          'id',
          chunk.map(({ row }) => row.id)
        )
        .update(data);
    }
  };

  const changeOf = (uid: string, { row, linked, relationChanged }: Relinked): ArticleChange => ({
    contentType: uid,
    documentId: row.documentId,
    locale: row.locale ?? null,
    status: isPublished(row) ? 'published' : 'draft',
    title: row.title ?? null,
    ...linked.links,
    mentioned: linked.mentioned,
    relationChanged,
  });

  /**
   * Relinks these rows of one scanned type. With apply, writes those that changed, under the
   * linking lock and row locks, so that an editor's concurrent save is never overwritten with
   * stale text. Returns one entry per row that changed (links, relation or search text).
   */
  const relinkRows = async (
    uid: string,
    rowIds: number[],
    { apply, minDirectoryVersion, versions }: { apply: boolean; minDirectoryVersion?: number; versions?: Versions }
  ): Promise<ArticleChange[]> => {
    if (rowIds.length === 0) return [];
    const linker = getService(strapi, 'linker');
    const run = await linker.runtime({ minDirectoryVersion, versions });
    const scanned = linker.scannedType(run.settings, uid);
    if (!scanned) return [];
    const fields = linker.scannedFields(uid, scanned);
    const work = async (trx?: Knex.Transaction): Promise<ArticleChange[]> => {
      if (trx) {
        await getService(strapi, 'directory').lockForLinking('shared');
        // Locks the rows until commit, in id order; SQLite serializes writers by itself.
        if (strapi.db.dialect.client === 'postgres') await trx(tableOf(strapi, uid).name).select('id').whereIn('id', rowIds).orderBy('id').forUpdate();
      }
      const rows = await getService(strapi, 'articles').loadRows(uid, { ids: rowIds }, scanned.fields);
      const relinked: Relinked[] = [];
      for (const row of rows) {
        let linked: LinkedArticle;
        try {
          linked = linkArticle(run, fields, row, inputsOfRow(row), (message) => strapi.log.error(message));
        } catch (error) {
          // A stored value that is not valid blocks is reported, not "fixed".
          strapi.log.warn(`[org-linker] ${uid} row ${row.id} was not relinked: ${error instanceof Error ? error.message : String(error)}`);
          continue;
        }
        const current = (row.mentionedOrganizations ?? []).map((organization) => organization.documentId);
        const relationChanged = !sameSet(current, linked.mentioned);
        const textChanged = (row.linkerText ?? '') !== linked.searchText;
        if (linked.changedFields.length > 0 || relationChanged || textChanged) relinked.push({ row, linked, relationChanged });
      }
      if (trx && relinked.length > 0) {
        await writeRows(trx, uid, relinked);
        const targets: RelationTarget[] = relinked
          .filter((entry) => entry.relationChanged)
          .map(({ row, linked }) => ({ id: row.id, published: isPublished(row), documentIds: linked.mentioned }));
        await getService(strapi, 'mentions').write(uid, targets);
      }
      return relinked.map((entry) => changeOf(uid, entry));
    };
    return apply ? strapi.db.transaction(({ trx }: { trx: Knex.Transaction }) => work(trx)) : work();
  };

  return { relinkRows };
};

export type RelinkService = ReturnType<typeof relinkService>;
export default relinkService;
