import knex, { type Knex } from 'knex';
import type { TestDatabase } from './database';

/**
 * A log of every progress save of the org-linker's relink jobs, kept by a trigger on the job
 * table, so a test can tell which process moved a job's `processed` count from what to what
 * (a job that started over after a restart, or that two processes both ran, counts more rows
 * than it has). The trigger and its table live only in the test's database; Strapi leaves
 * tables it did not create alone.
 */

export interface ProgressSave {
  job: number;
  owner: string | null;
  from: number;
  to: number;
}

const TABLE = 'test_relink_progress';

const SQLITE_SETUP = [
  `CREATE TABLE IF NOT EXISTS ${TABLE} (seq INTEGER PRIMARY KEY AUTOINCREMENT, job_id INTEGER, owner TEXT, from_processed INTEGER, to_processed INTEGER)`,
  `CREATE TRIGGER IF NOT EXISTS ${TABLE}_log AFTER UPDATE ON org_linker_relink_jobs
     WHEN OLD.processed IS NOT NEW.processed
     BEGIN INSERT INTO ${TABLE} (job_id, owner, from_processed, to_processed) VALUES (NEW.id, NEW.lease_owner, COALESCE(OLD.processed, 0), COALESCE(NEW.processed, 0)); END`,
];

const POSTGRES_SETUP = [
  `CREATE TABLE IF NOT EXISTS ${TABLE} (seq serial PRIMARY KEY, job_id integer, owner text, from_processed integer, to_processed integer)`,
  `CREATE OR REPLACE FUNCTION ${TABLE}_log() RETURNS trigger AS $$
     BEGIN
       INSERT INTO ${TABLE} (job_id, owner, from_processed, to_processed) VALUES (NEW.id, NEW.lease_owner, COALESCE(OLD.processed, 0), COALESCE(NEW.processed, 0));
       RETURN NEW;
     END $$ LANGUAGE plpgsql`,
  `DROP TRIGGER IF EXISTS ${TABLE}_log ON org_linker_relink_jobs`,
  `CREATE TRIGGER ${TABLE}_log AFTER UPDATE ON org_linker_relink_jobs FOR EACH ROW
     WHEN (OLD.processed IS DISTINCT FROM NEW.processed) EXECUTE FUNCTION ${TABLE}_log()`,
];

// knex (Strapi's own query builder) speaks to both databases from the test process.
const connect = (database: TestDatabase): Knex =>
  database.client === 'sqlite'
    ? knex({
        client: 'better-sqlite3',
        connection: { filename: database.env.DATABASE_FILENAME },
        useNullAsDefault: true,
      })
    : knex({
        client: 'pg',
        connection: {
          host: database.env.DATABASE_HOST,
          port: Number(database.env.DATABASE_PORT),
          user: database.env.DATABASE_USERNAME,
          password: database.env.DATABASE_PASSWORD,
          database: database.env.DATABASE_NAME,
        },
      });

const withConnection = async <T>(database: TestDatabase, work: (db: Knex) => Promise<T>): Promise<T> => {
  const db = connect(database);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
};

/** Installs the trigger (the job table must exist: call it once the app has started). */
export const watchRelinkProgress = async (database: TestDatabase) => {
  await withConnection(database, async (db) => {
    for (const statement of database.client === 'sqlite' ? SQLITE_SETUP : POSTGRES_SETUP) await db.raw(statement);
  });
  return {
    /** Every change of a job's processed count, oldest first. */
    saves: (job: number): Promise<ProgressSave[]> =>
      withConnection(database, async (db) => {
        const rows = (await db
          .select({
            job: 'job_id',
            owner: 'owner',
            from: 'from_processed',
            to: 'to_processed',
          })
          .from(TABLE)
          .orderBy('seq')) as ProgressSave[];
        return rows
          .map((row) => ({
            ...row,
            job: Number(row.job),
            from: Number(row.from),
            to: Number(row.to),
          }))
          .filter((save) => save.job === job);
      }),
  };
};

/** Rows a job counted, summed over every forward step of every process (a reset to 0 adds nothing). */
export const rowsCounted = (saves: ProgressSave[]) => saves.reduce((sum, save) => sum + Math.max(0, save.to - save.from), 0);

/**
 * Counts, per row of a content table, the updates that changed one column (e.g. how many times
 * each article row's body was rewritten), with a trigger like the one above.
 */
export const watchColumnWrites = async (database: TestDatabase, table: string, column: string) => {
  const log = `test_writes_${table}_${column}`;
  await withConnection(database, async (db) => {
    if (database.client === 'sqlite') {
      await db.raw(`CREATE TABLE IF NOT EXISTS ${log} (seq INTEGER PRIMARY KEY AUTOINCREMENT, row_id INTEGER)`);
      await db.raw(
        `CREATE TRIGGER IF NOT EXISTS ${log}_log AFTER UPDATE ON ${table} WHEN OLD.${column} IS NOT NEW.${column} BEGIN INSERT INTO ${log} (row_id) VALUES (NEW.id); END`
      );
      return;
    }
    await db.raw(`CREATE TABLE IF NOT EXISTS ${log} (seq serial PRIMARY KEY, row_id integer)`);
    await db.raw(`CREATE OR REPLACE FUNCTION ${log}_log() RETURNS trigger AS $$ BEGIN INSERT INTO ${log} (row_id) VALUES (NEW.id); RETURN NEW; END $$ LANGUAGE plpgsql`);
    await db.raw(`DROP TRIGGER IF EXISTS ${log}_log ON ${table}`);
    await db.raw(`CREATE TRIGGER ${log}_log AFTER UPDATE ON ${table} FOR EACH ROW WHEN (OLD.${column}::text IS DISTINCT FROM NEW.${column}::text) EXECUTE FUNCTION ${log}_log()`);
  });
  return {
    /** How many times each of these rows had the column rewritten (0 for never). */
    writes: (rowIds: number[]): Promise<Map<number, number>> =>
      withConnection(database, async (db) => {
        const rows = await db.select<{ row_id: number }[]>('row_id').from(log);
        const counts = new Map(rowIds.map((id) => [id, 0]));
        for (const { row_id: id } of rows) if (counts.has(Number(id))) counts.set(Number(id), (counts.get(Number(id)) ?? 0) + 1);
        return counts;
      }),
    /** Ids of the rows of the table whose column contains this text (to find an article's rows). */
    rowsContaining: (text: string): Promise<number[]> =>
      withConnection(database, async (db) => {
        const asText = database.client === 'sqlite' ? column : `${column}::text`;
        return (
          await db
            .select<{ id: number }[]>('id')
            .from(table)
            .whereRaw(`${asText} like ?`, [`%${text}%`])
        ).map((row) => Number(row.id));
      }),
  };
};
