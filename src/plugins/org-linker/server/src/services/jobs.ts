import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import type { ArticleChange, ChangeTotals, Job, JobKind, JobStatus } from '../../../shared/contracts';
import { JOB_UID, LINKER_ATTRIBUTES, ORGANIZATION_UID } from '../constants';
import { foldForSearch, surfaceForms } from '../core';
import { tableOf } from '../utils/db-tables';
import { getService } from '../utils/get-service';
import type { DirectorySnapshot } from '../../../shared/contracts';

/** Where a job stands in its walk over the scanned content types (rows in id order). */
interface Cursor {
  type: number;
  afterId: number;
}

interface JobRow {
  id: number;
  kind: JobKind;
  status: JobStatus;
  organization: string | null;
  directoryVersion: number | null;
  /** One snapshot, or for a directory import a list of them. */
  before: DirectorySnapshot | DirectorySnapshot[] | null;
  after: DirectorySnapshot | DirectorySnapshot[] | null;
  organizations?: string[] | null;
  total: number | null;
  processed: number | null;
  changed: number | null;
  totals: ChangeTotals | null;
  changes: ArticleChange[] | null;
  cursor: Cursor | null;
  error: string | null;
  attempts: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** What decides which rows a job looks at. */
type JobScope = Pick<JobRow, 'kind' | 'organization' | 'before' | 'after'> & Partial<Pick<JobRow, 'organizations'>>;

/** One organization's change that linking depends on. */
export interface OrganizationChange {
  organization: string;
  before: DirectorySnapshot | null;
  after: DirectorySnapshot | null;
}

/** Changes held back while a directory import runs, queued as one job when it ends. */
const collecting = new AsyncLocalStorage<OrganizationChange[]>();

const snapshotsOf = (value: JobRow['before']): DirectorySnapshot[] => (Array.isArray(value) ? value : value ? [value] : []);

/** At most this many per-article changes are kept on a job (the counts are always complete). */
const MAX_RECORDED_CHANGES = 500;

const EMPTY_TOTALS: ChangeTotals = { articles: 0, added: 0, updated: 0, removed: 0 };

/** Changes worth reporting: links or the relation. A search-index refresh alone is not. */
export const isReported = (change: ArticleChange | null): change is ArticleChange =>
  change !== null && (change.added.length > 0 || change.updated.length > 0 || change.removed.length > 0 || change.relationChanged);

export const addToTotals = (totals: ChangeTotals, change: ArticleChange): ChangeTotals => ({
  articles: totals.articles + 1,
  added: totals.added + change.added.length,
  updated: totals.updated + change.updated.length,
  removed: totals.removed + change.removed.length,
});

/** A row id, as a number or a numeric string by database. */
const idRow = z.object({ id: z.coerce.number() });

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

const toJob = (row: JobRow): Job => ({
  id: row.id,
  kind: row.kind,
  status: row.status,
  organization: row.organization ?? null,
  total: row.total ?? null,
  processed: row.processed ?? 0,
  changed: row.changed ?? 0,
  totals: row.totals ?? EMPTY_TOTALS,
  error: row.error ?? null,
  createdAt: new Date(row.createdAt).toISOString(),
  startedAt: row.startedAt ? new Date(row.startedAt).toISOString() : null,
  finishedAt: row.finishedAt ? new Date(row.finishedAt).toISOString() : null,
});

/**
 * Relink jobs: which rows a job must look at (narrowed by a query, never by loading every
 * article), progress, and the dry run that shows what a full relink would change.
 */
const jobsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const columnOf = (uid: string, attribute: string): string => tableOf(strapi, uid).column(attribute);

  /**
   * The rows of one scanned content type that an organization change can affect: those whose
   * folded text contains an old or new form of it, those whose relation already names it,
   * and those never indexed yet. Ordered by id so the job can resume from a cursor.
   */
  const candidateQuery = (uid: string, job: JobScope) => {
    const table = tableOf(strapi, uid);
    const knex = strapi.db.connection;
    const query = knex(table.name);
    if (job.kind === 'relink-all') return query;
    const searchColumn = columnOf(uid, LINKER_ATTRIBUTES.searchText);
    const forms = new Set<string>();
    for (const snapshot of [...snapshotsOf(job.before), ...snapshotsOf(job.after)]) {
      for (const form of surfaceForms({ name: snapshot.name, acronym: snapshot.acronym, aliases: snapshot.aliases })) {
        const folded = foldForSearch(form);
        if (folded) forms.add(folded);
      }
    }
    const relation = table.joinTable(LINKER_ATTRIBUTES.mentioned);
    if (!relation) throw new Error(`${uid}.${LINKER_ATTRIBUTES.mentioned} has no join table`);
    const organizations = tableOf(strapi, ORGANIZATION_UID).name;
    // The names go in as ONE JSON parameter, scanned by the database: an OR of one LIKE per name
    // grew with the directory, and SQLite refuses expressions deeper than 1000 ("Expression tree
    // is too large"), so an organization with many aliases could never be relinked.
    const patterns = JSON.stringify([...forms].map(escapeLike));
    const names = strapi.db.dialect.client === 'postgres' ? 'json_array_elements_text(?::json) as names(value)' : 'json_each(?) as names';
    return query.where((narrowed) => {
      narrowed.whereNull(searchColumn);
      if (forms.size > 0) {
        narrowed.orWhereRaw(`exists (select 1 from ${names} where ?? like '%' || names.value || '%' escape ?)`, [patterns, searchColumn, '\\']);
      }
      narrowed.orWhereIn(
        'id',
        knex(relation.name)
          .select(relation.joinColumn)
          .whereIn(
            relation.inverseJoinColumn,
            knex(organizations)
              .select('id')
              .whereIn(columnOf(ORGANIZATION_UID, 'documentId'), job.organizations ?? [job.organization ?? ''])
          )
      );
    });
  };

  const scannedTypes = async () => (await getService(strapi, 'directory').settings()).contentTypes.map((scanned) => scanned.uid);

  const countCandidates = async (job: JobScope): Promise<number> => {
    let total = 0;
    for (const uid of await scannedTypes()) {
      const [{ count }] = await candidateQuery(uid, job).count({ count: '*' });
      total += Number(count);
    }
    return total;
  };

  /** The next batch of row ids after the cursor, moving on to the next content type when one is done. */
  const nextBatch = async (job: JobScope & Pick<JobRow, 'cursor'>, size: number): Promise<{ uid: string; ids: number[]; cursor: Cursor } | null> => {
    const types = await scannedTypes();
    let cursor = job.cursor ?? { type: 0, afterId: 0 };
    while (cursor.type < types.length) {
      const uid = types[cursor.type];
      const rows = z.array(idRow).parse(await candidateQuery(uid, job).where('id', '>', cursor.afterId).orderBy('id').limit(size).select('id'));
      if (rows.length > 0) {
        const ids = rows.map((row) => row.id);
        return { uid, ids, cursor: { type: cursor.type, afterId: ids[ids.length - 1] } };
      }
      cursor = { type: cursor.type + 1, afterId: 0 };
    }
    return null;
  };

  const findRow = async (id: number) => (await strapi.db.query(JOB_UID).findOne({ where: { id } })) as JobRow | null;

  return {
    nextBatch,
    countCandidates,

    /** Called inside the organization's write transaction: bump the version and queue the relink (or hold it for the import in progress). */
    async queueOrganizationChange({ organization, before, after }: OrganizationChange) {
      const held = collecting.getStore();
      if (held) {
        held.push({ organization, before, after });
        return;
      }
      const directoryVersion = await getService(strapi, 'directory').directoryChanged();
      await strapi.db.query(JOB_UID).create({
        data: { kind: 'organization-change', status: 'pending', organization, before, after, directoryVersion, processed: 0, changed: 0 },
      });
    },

    /**
     * Runs a directory import: the organization changes it makes are held, then the directory
     * version moves once and one relink job covers only the articles that name a changed
     * organization (not one job per record). Returns the job's id, or null when nothing changed.
     */
    async collectDirectoryChanges(run: () => Promise<void>): Promise<{ job: number | null; changed: number }> {
      const held: OrganizationChange[] = [];
      await collecting.run(held, run);
      if (held.length === 0) return { job: null, changed: 0 };
      const row = await strapi.db.transaction(async (): Promise<JobRow> => {
        await getService(strapi, 'directory').lockForLinking('exclusive');
        const directoryVersion = await getService(strapi, 'directory').directoryChanged();
        return (await strapi.db.query(JOB_UID).create({
          data: {
            kind: 'directory-import',
            status: 'pending',
            organization: null,
            organizations: [...new Set(held.map((change) => change.organization))],
            before: held.flatMap((change) => (change.before ? [change.before] : [])),
            after: held.flatMap((change) => (change.after ? [change.after] : [])),
            directoryVersion,
            processed: 0,
            changed: 0,
          },
        })) as JobRow;
      });
      getService(strapi, 'worker').wake();
      return { job: row.id, changed: held.length };
    },

    /** Starts a full relink, or returns the one already queued or running (it is idempotent). */
    async startRelinkAll(): Promise<Job> {
      const existing = (await strapi.db.query(JOB_UID).findOne({
        where: { kind: 'relink-all', status: { $in: ['pending', 'running'] } },
        orderBy: { id: 'asc' },
      })) as JobRow | null;
      if (existing) return toJob(existing);
      const { directory: directoryVersion } = await getService(strapi, 'directory').versions();
      const row = (await strapi.db.query(JOB_UID).create({
        data: { kind: 'relink-all', status: 'pending', directoryVersion, processed: 0, changed: 0, totals: EMPTY_TOTALS },
      })) as JobRow;
      getService(strapi, 'worker').wake();
      return toJob(row);
    },

    async list(limit = 20): Promise<Job[]> {
      const rows = (await strapi.db.query(JOB_UID).findMany({ orderBy: { id: 'desc' }, limit })) as JobRow[];
      return rows.map(toJob);
    },

    async get(id: number): Promise<(Job & { changes: ArticleChange[] }) | null> {
      const row = await findRow(id);
      return row ? { ...toJob(row), changes: row.changes ?? [] } : null;
    },

    findRow,

    /**
     * Runs a failed job again from where it stopped (its cursor and counts are kept): a relink
     * that failed for good is never left silently dead. Null when there is no such job.
     */
    async retry(id: number): Promise<Job | null> {
      const row = await findRow(id);
      if (!row) return null;
      if (row.status !== 'failed') throw new errors.ValidationError(`id: relink job ${id} is ${row.status}; only a failed job can be retried`);
      await strapi.db.query(JOB_UID).updateMany({
        where: { id, status: 'failed' },
        data: { status: 'pending', attempts: 0, error: null, finishedAt: null, leaseOwner: null, leaseUntil: null },
      });
      // Read the job back before waking the worker: the answer is the state the retry wrote,
      // not whatever the worker has made of it a moment later.
      const retried = toJob((await findRow(id))!);
      getService(strapi, 'worker').wake();
      return retried;
    },

    /** What a full relink would change, computed without writing anything. */
    async dryRun(): Promise<{ articles: ArticleChange[]; totals: ChangeTotals; scanned: number }> {
      const relink = getService(strapi, 'relink');
      const articles: ArticleChange[] = [];
      let totals = EMPTY_TOTALS;
      let scanned = 0;
      const job = { kind: 'relink-all' as const, organization: null, before: null, after: null, cursor: null };
      for (let batch = await nextBatch(job, 200); batch; batch = await nextBatch({ ...job, cursor: batch.cursor }, 200)) {
        scanned += batch.ids.length;
        for (const change of await relink.relinkRows(batch.uid, batch.ids, { apply: false })) {
          if (!isReported(change)) continue;
          articles.push(change);
          totals = addToTotals(totals, change);
        }
      }
      return { articles, totals, scanned };
    },

    MAX_RECORDED_CHANGES,
  };
};

export type JobsService = ReturnType<typeof jobsService>;
export type { JobRow, Cursor };
export default jobsService;
