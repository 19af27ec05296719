import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { organizationFields } from '../documents/field-schemas';
import { toSlug } from '../documents/slugs';
import { unstorableText } from '../documents/validation';
import { foldName, recordKey, type AliasValue, type ImportFormat, type Mapped, type OrganizationRecord, type ParentRef, type Refusal } from './formats';
import type { DirectorySnapshot } from '../plugins/org-linker/shared/contracts';
import { batchWriter, newDocumentId, type Knex, type NewOrganization } from './batch-writer';
import { readRecords } from './read';

const ORGANIZATION = 'api::organization.organization';
const SECTOR = 'api::sector.sector';

/** A record's sectors: names (English or Chinese) or slugs of Sector entries; new names create sectors. */
const sectorNames = z
  .array(z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' }).max(100, { error: 'must be at most 100 characters' }), {
    error: 'must be a list of names',
  })
  .max(50, { error: 'must have at most 50 sectors' });

export interface ImportOptions {
  file: string;
  format: ImportFormat;
  dryRun?: boolean;
  publish?: boolean;
  /** Refuse the whole file when any record is refused (nothing is written). */
  strict?: boolean;
  /** ROR records marked inactive or withdrawn: skipped (default) or imported with autolink off. */
  inactive?: 'skip' | 'import';
  /**
   * A background job resuming after a crash: the first `cursor` records were applied (their
   * writes committed) and are planned again without being counted (the upsert is idempotent, so
   * they come out unchanged), the counts start from `counts`; the organizations imported since
   * `since` (the job's first start) are queued for relinking again, as the interrupted run's
   * held changes were lost with its process.
   */
  resume?: { cursor: number; counts: ProgressCounts; since: Date | null };
  /**
   * Called during the run: while checking (records read so far), then after each batch is
   * committed (every DIRECTORY_IMPORT_BATCH records read): `cursor` records are then applied
   * for good. An error thrown here stops the run (a lost lease, a stopping process).
   */
  onProgress?: (progress: ImportProgress) => Promise<void>;
}

export interface ProgressCounts {
  created: number;
  changed: number;
  unchanged: number;
  skipped: number;
}

export interface ImportProgress extends ProgressCounts {
  phase: 'checking' | 'importing' | 'parents';
  /** Records read in this phase (records of the file: CSV rows, JSON and ROR items). */
  read: number;
  /** Records in the file, once the check pass has read it. */
  total: number | null;
  /** Records applied for good (a restart resumes after them). */
  cursor: number;
  refused: number;
}

export type Action = 'created' | 'changed' | 'unchanged';

export interface ImportReport {
  file: string;
  format: ImportFormat;
  dryRun: boolean;
  /** Nothing was written because of --strict and at least one refusal. */
  aborted: boolean;
  records: number;
  created: number;
  changed: number;
  unchanged: number;
  skipped: number;
  refused: Refusal[];
  /** Records imported whose parent could not be found (their parent is left as it was). */
  warnings: Refusal[];
  /** What each record did (or would do), up to DIRECTORY_IMPORT_REPORT_LIMIT entries. */
  actions: { position: number; name: string; action: Action; fields: string[] }[];
  /** The one relink job queued for the organizations that changed, if any. */
  relinkJob: number | null;
  /** Sectors the file names that did not exist: created (or, in a dry run, to be created), by name. */
  sectorsCreated: string[];
}

/** One organization of the directory as the import compares it (its draft, which staff edit). */
interface Existing {
  documentId: string;
  name: string;
  fields: Record<string, unknown>;
  parent: string | null;
  imported: boolean;
  published: boolean;
}

const COMPARED = ['name', 'acronym', 'aliases', 'website', 'country', 'city', 'type', 'rorId', 'wikidataId', 'sectors', 'autolink'] as const;

/** New organizations written per transaction (DIRECTORY_IMPORT_BATCH, 1 to 5,000; default 500). */
const batchSize = (): number => {
  const value = Number.parseInt(process.env.DIRECTORY_IMPORT_BATCH ?? '', 10);
  return Number.isFinite(value) && value >= 1 ? Math.min(value, 5000) : 500;
};

const reportLimit = (): number => {
  const value = Number.parseInt(process.env.DIRECTORY_IMPORT_REPORT_LIMIT ?? '', 10);
  return Number.isFinite(value) && value >= 0 ? value : 1000;
};

const aliasesOf = (value: unknown): AliasValue[] =>
  ((value as { text?: string; language?: string | null }[] | null) ?? []).map((alias) => ({ text: alias.text ?? '', language: alias.language ?? null }));

/** A database error's reason without the statement knex puts before it (which holds every value of the batch). */
const databaseReason = (error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split(' - ').pop() ?? message).slice(0, 300);
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

interface SectorEntry {
  documentId: string;
  name: string;
}

/**
 * The sectors, keyed the ways a file can name one: its slug, its name or its Chinese name (names
 * folded: case, width and spaces aside). A name that matches none is a new sector.
 */
class SectorIndex {
  private byKey = new Map<string, SectorEntry>();
  /** Names the run created or would create, by folded name. */
  readonly created = new Map<string, SectorEntry>();

  add(sector: SectorEntry & { slug?: string | null; nameZh?: string | null }) {
    if (sector.slug) this.byKey.set(`slug:${sector.slug}`, sector);
    for (const name of [sector.name, sector.nameZh]) if (name) this.byKey.set(`name:${foldName(name)}`, sector);
  }

  find(name: string): SectorEntry | undefined {
    return this.byKey.get(`slug:${name}`) ?? this.byKey.get(`name:${foldName(name)}`) ?? this.created.get(foldName(name));
  }

  /** What the organization's sectors are compared by: documentIds, and new:<folded name> for a sector yet to be made; sorted, once each. */
  keys(names: string[]): string[] {
    return [...new Set(names.map((name) => this.find(name)?.documentId ?? `new:${foldName(name)}`))].sort();
  }
}

/** The directory's organizations, keyed the ways a record can name them. */
class DirectoryIndex {
  private byKey = new Map<string, Existing>();
  private byName = new Map<string, Existing>();
  private byDocumentId = new Map<string, Existing>();

  add(existing: Existing) {
    this.byDocumentId.set(existing.documentId, existing);
    this.byName.set(foldName(existing.name), existing);
    if (existing.fields.rorId) this.byKey.set(`ror:${existing.fields.rorId as string}`, existing);
    if (existing.fields.wikidataId) this.byKey.set(`wikidata:${existing.fields.wikidataId as string}`, existing);
  }

  /** Forgets an organization's keys (each only if it still points to it): constant time, once per record. */
  remove(existing: Existing) {
    const keys: [Map<string, Existing>, string | null][] = [
      [this.byName, foldName(existing.name)],
      [this.byKey, existing.fields.rorId ? `ror:${existing.fields.rorId as string}` : null],
      [this.byKey, existing.fields.wikidataId ? `wikidata:${existing.fields.wikidataId as string}` : null],
    ];
    for (const [map, key] of keys) if (key !== null && map.get(key) === existing) map.delete(key);
  }

  byId(documentId: string) {
    return this.byDocumentId.get(documentId);
  }

  named(name: string) {
    return this.byName.get(foldName(name));
  }

  find(record: Pick<OrganizationRecord, 'rorId' | 'wikidataId' | 'name'>): { existing: Existing; by: 'id' | 'name' } | null {
    const byId = (record.rorId && this.byKey.get(`ror:${record.rorId}`)) || (record.wikidataId && this.byKey.get(`wikidata:${record.wikidataId}`));
    if (byId) return { existing: byId, by: 'id' };
    const byName = this.named(record.name);
    return byName ? { existing: byName, by: 'name' } : null;
  }

  resolve(ref: ParentRef): Existing | undefined {
    if ('rorId' in ref) return this.byKey.get(`ror:${ref.rorId}`);
    if ('wikidataId' in ref) return this.byKey.get(`wikidata:${ref.wikidataId}`);
    return this.named(ref.name);
  }
}

/**
 * The directory import and export. Records are streamed twice (never the whole file in
 * memory): a first pass checks every record (mapping, the content model's field rules,
 * duplicate keys); the directory is read once into an in-memory index (keys → documentId and
 * fields), and the second pass plans each record against it. New organizations are written in
 * batches (DIRECTORY_IMPORT_BATCH per transaction, many rows per statement, see batch-writer.ts),
 * and so are changed ones, in place (changed columns only, in sets); a draft organization to be
 * published goes through the Document Service (writeOne). The records are checked against the
 * field rules of src/documents/validation.ts in the first pass. Parents are set last, once every record is
 * in (in batches for the organizations the import created). A batch is one transaction: never a
 * half-written organization.
 */
export const directoryImporter = ({ strapi }: { strapi: Core.Strapi }) => {
  const loadIndex = async (): Promise<DirectoryIndex> => {
    const index = new DirectoryIndex();
    const published = new Set(
      ((await strapi.db.query(ORGANIZATION).findMany({ where: { publishedAt: { $notNull: true } }, select: ['documentId'] })) as { documentId: string }[]).map(
        (row) => row.documentId
      )
    );
    const rows = await batchWriter({ strapi }).readDrafts(
      strapi.db.connection,
      COMPARED.filter((field) => field !== 'aliases' && field !== 'sectors')
    );
    for (const row of rows) {
      const fields: Record<string, unknown> = {};
      for (const field of COMPARED) fields[field] = field === 'aliases' ? aliasesOf(row.aliases) : (row[field] ?? null);
      fields.sectors = ((row.sectors as { documentId: string }[] | null) ?? []).map((sector) => sector.documentId).sort();
      index.add({
        documentId: row.documentId as string,
        name: row.name as string,
        fields,
        parent: (row.parent as { documentId?: string } | null)?.documentId ?? null,
        imported: Boolean(row.importedAt),
        published: published.has(row.documentId as string),
      });
    }
    return index;
  };

  const loadSectors = async (): Promise<SectorIndex> => {
    const index = new SectorIndex();
    const rows = (await strapi.db.query(SECTOR).findMany({ select: ['documentId', 'name', 'nameZh', 'slug'] })) as (SectorEntry & { slug: string | null; nameZh: string | null })[];
    for (const row of rows) index.add(row);
    return index;
  };

  /**
   * The documentIds of the named sectors, creating the missing ones (named as the file writes
   * them, with a slug made from the name). A dry run only notes them.
   */
  const sectorIds = async (index: SectorIndex, names: string[], writing: boolean): Promise<string[]> => {
    const ids: string[] = [];
    for (const name of names) {
      let sector = index.find(name);
      if (!sector) {
        const made = writing ? await strapi.documents(SECTOR).create({ data: { name } }) : { documentId: `new:${foldName(name)}`, slug: toSlug(name) };
        sector = { documentId: made.documentId, name };
        index.created.set(foldName(name), sector);
        // A later record may name it by its new slug.
        index.add({ ...sector, slug: made.slug });
      }
      if (!ids.includes(sector.documentId)) ids.push(sector.documentId);
    }
    return ids;
  };

  /** The fields a record sets, checked and normalized by the content model's own schema. */
  const desiredFields = (record: OrganizationRecord, options: ImportOptions): { data: Record<string, unknown> } | { reason: string } => {
    const data: Record<string, unknown> = { name: record.name };
    for (const field of ['acronym', 'website', 'country', 'city', 'type', 'rorId', 'wikidataId'] as const) {
      // A field the record leaves empty is left as it is (the file never clears staff's data).
      if (record[field] !== null) data[field] = record[field];
    }
    if (record.aliases.length > 0) data.aliases = record.aliases;
    if (record.status !== 'active' && options.inactive === 'import') data.autolink = false;
    const unstorable = unstorableText(data);
    if (unstorable) return { reason: `${unstorable.path.join('.')}: ${unstorable.message}` };
    const parsed = organizationFields.safeParse(data);
    // Sectors are names here (the model's field is a relation): checked as names.
    const sectors = record.sectors === null ? null : sectorNames.safeParse(record.sectors);
    const issues = [
      ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)),
      ...(sectors && !sectors.success ? sectors.error.issues.map((issue) => ['sectors', ...issue.path].join('.') + `: ${issue.message}`) : []),
    ];
    if (!parsed.success || (sectors && !sectors.success)) return { reason: issues.join('; ') };
    const unstorableSector = sectors ? unstorableText({ sectors: sectors.data }) : null;
    if (unstorableSector) return { reason: `${unstorableSector.path.join('.')}: ${unstorableSector.message}` };
    const normalized = parsed.data as Record<string, unknown>;
    if (sectors) normalized.sectors = sectors.data;
    if (Array.isArray(normalized.aliases))
      normalized.aliases = (normalized.aliases as { text: string; language?: string | null }[]).map((alias) => ({ text: alias.text, language: alias.language ?? null }));
    return { data: normalized };
  };

  /** First pass: every record's own problems and duplicate keys, without the database. */
  const check = async (options: ImportOptions) => {
    const refused = new Map<number, string>();
    const keys = new Map<string, number>();
    let records = 0;
    const every = batchSize();
    const counts = options.resume?.counts ?? { created: 0, changed: 0, unchanged: 0, skipped: 0 };
    for await (const mapped of readRecords(options.file, options.format)) {
      records += 1;
      if (options.onProgress && records % every === 0)
        await options.onProgress({ phase: 'checking', read: records, total: null, cursor: options.resume?.cursor ?? 0, ...counts, refused: refused.size });
      if ('refusal' in mapped) {
        refused.set(mapped.refusal.position, mapped.refusal.reason);
        continue;
      }
      const { record } = mapped;
      const desired = desiredFields(record, options);
      if ('reason' in desired) {
        refused.set(record.position, desired.reason);
        continue;
      }
      const key = recordKey(record);
      const first = keys.get(key);
      if (first !== undefined) refused.set(record.position, `duplicate of record ${first} (same key ${key})`);
      else keys.set(key, record.position);
    }
    return { refused, records };
  };

  const writeOne = async (existing: Existing | null, data: Record<string, unknown>, publish: boolean): Promise<string> =>
    strapi.db.transaction(async () => {
      const documents = strapi.documents(ORGANIZATION);
      const status = publish ? ('published' as const) : undefined;
      const written = existing
        ? await documents.update({ documentId: existing.documentId, data: data as never, ...(status ? { status } : {}) })
        : await documents.create({ data: data as never, ...(status ? { status } : {}) });
      const documentId = (written as { documentId: string }).documentId;
      // The marker that lets a later import update this organization by name; staff's entries lack it.
      await strapi.db.query(ORGANIZATION).updateMany({ where: { documentId }, data: { importedAt: new Date() } });
      return documentId;
    });

  const run = async (options: ImportOptions): Promise<ImportReport> => {
    if (options.strict && !options.dryRun) {
      // All or nothing: a dry run first, so a refusal found against the directory also stops it.
      const trial = await run({ ...options, dryRun: true, strict: false, resume: undefined, onProgress: undefined });
      if (trial.refused.length > 0) return { ...trial, dryRun: false, aborted: true, relinkJob: null, sectorsCreated: [] };
      return run({ ...options, strict: false });
    }
    const dryRun = options.dryRun === true;
    const report: ImportReport = {
      file: options.file,
      format: options.format,
      dryRun,
      aborted: false,
      records: 0,
      created: 0,
      changed: 0,
      unchanged: 0,
      skipped: 0,
      ...options.resume?.counts,
      refused: [],
      warnings: [],
      actions: [],
      relinkJob: null,
      sectorsCreated: [],
    };
    const { refused, records } = await check(options);
    report.records = records;
    const index = await loadIndex();
    const sectors = await loadSectors();
    const limit = reportLimit();
    const parents: { documentId: string; ref: ParentRef; position: number }[] = [];
    const actionAt = new Map<number, Action>();
    const writer = batchWriter({ strapi });
    const jobs = strapi.plugin('org-linker')?.service('jobs') as
      | {
          collectDirectoryChanges(run: () => Promise<void>): Promise<{ job: number | null }>;
          queueOrganizationChange(change: { organization: string; before: DirectorySnapshot | null; after: DirectorySnapshot | null }): Promise<void>;
        }
      | undefined;
    const lock = () => (strapi.plugin('org-linker')?.service('directory') as { lockForLinking(mode: 'exclusive'): Promise<void> } | undefined)?.lockForLinking('exclusive');
    /** documentIds of the organizations this run created (or would create). */
    const createdInRun = new Set<string>();
    const pending: (NewOrganization & { position: number; existing: Existing })[] = [];
    /** Changed organizations to update in place with the next batch (the previous index entry kept to undo a failed batch). */
    const pendingUpdates: { documentId: string; data: Record<string, unknown>; publish: boolean; position: number; previous: Existing; updated: Existing; action: Action }[] = [];
    const size = batchSize();
    let slugs: Set<string> | null = null;
    let sectorRows: Map<string, number> | null = null;
    const now = new Date();

    /** Writes the pending new organizations in one transaction; if it fails, each is refused with the reason. */
    const flush = async () => {
      if (pending.length === 0 && pendingUpdates.length === 0) return;
      const batch = pending.splice(0, pending.length);
      const updates = pendingUpdates.splice(0, pendingUpdates.length);
      slugs ??= await writer.loadSlugs();
      const sectorsNamed = [...batch, ...updates].flatMap((organization) => (organization.data.sectors as string[] | undefined) ?? []);
      if (!sectorRows || sectorsNamed.some((documentId) => !sectorRows!.has(documentId))) sectorRows = await writer.sectorRowIds();
      const slugsBefore = new Set(slugs);
      try {
        await strapi.db.transaction(async ({ trx }: { trx: Knex }) => {
          await lock();
          const { snapshots } = await writer.create(trx, batch, { slugs: slugs!, sectors: sectorRows!, now });
          // As the directory tracker would: each new published organization is a directory change.
          if (jobs) for (const [organization, after] of snapshots) await jobs.queueOrganizationChange({ organization, before: null, after });
          if (updates.length > 0) {
            const changed = await writer.update(trx, updates, { sectors: sectorRows!, now });
            if (jobs)
              for (const { documentId } of updates) {
                const [before, after] = [changed.before.get(documentId) ?? null, changed.after.get(documentId) ?? null];
                if (JSON.stringify(before) !== JSON.stringify(after)) await jobs.queueOrganizationChange({ organization: documentId, before, after });
              }
          }
        });
      } catch (error) {
        slugs = slugsBefore;
        // A database error's message holds the whole statement with its values: its start is enough.
        const reason = databaseReason(error);
        const failed = new Set(batch.map((organization) => organization.position));
        for (const organization of batch) {
          refused.set(organization.position, `not written (its batch failed): ${reason}`);
          createdInRun.delete(organization.documentId);
          index.remove(organization.existing);
          actionAt.delete(organization.position);
          report.created -= 1;
        }
        for (const update of updates) {
          refused.set(update.position, `not written (its batch failed): ${reason}`);
          failed.add(update.position);
          index.remove(update.updated);
          index.add(update.previous);
          actionAt.delete(update.position);
          report[update.action] -= 1;
        }
        report.actions = report.actions.filter((entry) => !failed.has(entry.position));
      }
    };

    /**
     * A resumed job: the interrupted run's held directory changes died with its process, so the
     * organizations it imported (importedAt since the job's first start) are queued again, by
     * their published rows, into the one relink job this run queues at its end.
     */
    const requeueImportedSince = async (since: Date) => {
      if (!jobs) return;
      const rows = (await strapi.db.query(ORGANIZATION).findMany({ where: { importedAt: { $gte: since }, publishedAt: { $notNull: true } }, select: ['documentId'] })) as {
        documentId: string;
      }[];
      const documentIds = [...new Set(rows.map((row) => row.documentId))];
      for (let start = 0; start < documentIds.length; start += 500) {
        const snapshots = await writer.publishedSnapshots(strapi.db.connection, documentIds.slice(start, start + 500));
        for (const [organization, after] of snapshots) await jobs.queueOrganizationChange({ organization, before: null, after });
      }
    };

    /** Records of the second pass read so far, and the cursor last saved (records applied for good). */
    let seen = 0;
    let saved = options.resume?.cursor ?? 0;
    let replaying = false;
    const progress = (phase: ImportProgress['phase'], read: number): ImportProgress => ({
      phase,
      read,
      total: records,
      cursor: saved,
      created: report.created,
      changed: report.changed,
      unchanged: report.unchanged,
      skipped: report.skipped,
      refused: refused.size,
    });

    const handle = async (mapped: Mapped, writing: boolean) => {
      if ('refusal' in mapped || refused.has(mapped.record.position)) return;
      const { record } = mapped;
      if (record.status !== 'active' && options.inactive !== 'import') {
        if (!replaying) report.skipped += 1;
        return;
      }
      const checked = desiredFields(record, options);
      if ('reason' in checked) return; // already refused in the first pass
      // Sectors are compared by the entries they name; the names are kept for the write.
      const sectorList = checked.data.sectors as string[] | undefined;
      const desired = { data: sectorList ? { ...checked.data, sectors: sectors.keys(sectorList) } : checked.data };
      const found = index.find(record);
      if (found && found.by === 'name' && record.rorId && found.existing.fields.rorId && found.existing.fields.rorId !== record.rorId) {
        refused.set(record.position, `name: "${found.existing.name}" is already the organization with rorId ${found.existing.fields.rorId as string}`);
        return;
      }
      if (found && createdInRun.has(found.existing.documentId)) {
        refused.set(record.position, `the same organization as an earlier record of the file (${found.existing.name}, same identifier)`);
        return;
      }
      const existing = found?.existing ?? null;
      const clash = index.named(desired.data.name as string);
      if (clash && clash !== existing) {
        refused.set(record.position, `name: an organization named "${clash.name}" already exists`);
        return;
      }
      const fields = Object.keys(desired.data).filter((field) => !existing || !same(existing.fields[field], desired.data[field]));
      if (found && found.by === 'name' && !found.existing.imported && fields.length > 0) {
        refused.set(record.position, `name: "${found.existing.name}" was entered by staff; an import changes it only when the record gives its rorId or wikidataId`);
        return;
      }
      const publish = options.publish === true && (fields.length > 0 || !existing?.published);
      const action: Action = !existing ? 'created' : fields.length > 0 || publish ? 'changed' : 'unchanged';
      let documentId = existing?.documentId ?? `(new ${record.position})`;
      const data = existing ? Object.fromEntries(fields.map((field) => [field, desired.data[field]])) : { ...desired.data };
      // Only once nothing else refuses the record: its new sectors are made (or noted in a dry run).
      if (action !== 'unchanged' && sectorList && data.sectors !== undefined) {
        data.sectors = await sectorIds(sectors, sectorList, writing);
        desired.data.sectors = [...(data.sectors as string[])].sort();
      }
      const created = !existing;
      if (created) documentId = writing ? newDocumentId() : documentId;
      // In place, in the next batch: a changed organization that is published, or not to be published.
      const inPlace = writing && action !== 'unchanged' && !created && !(publish && !existing.published);
      if (writing && action !== 'unchanged' && !created && !inPlace) {
        try {
          documentId = await writeOne(existing, data, publish);
        } catch (error) {
          refused.set(record.position, (error as Error).message);
          return;
        }
      }
      const updated: Existing = {
        documentId,
        name: desired.data.name as string,
        fields: { ...(existing?.fields ?? {}), ...desired.data },
        parent: existing?.parent ?? null,
        imported: true,
        published: existing?.published === true || publish,
      };
      if (existing) index.remove(existing);
      index.add(updated);
      if (inPlace && existing) {
        pendingUpdates.push({ documentId, data, publish: publish && existing.published, position: record.position, previous: existing, updated, action });
        if (pendingUpdates.length >= size) await flush();
      }
      if (created) {
        createdInRun.add(documentId);
        if (writing) {
          pending.push({ documentId, data, publish, position: record.position, existing: updated });
          if (pending.length >= size) await flush();
        }
      }
      // A record replayed after a restart was counted by the interrupted run.
      if (!replaying) {
        report[action] += 1;
        actionAt.set(record.position, action);
        if (report.actions.length < limit) report.actions.push({ position: record.position, name: record.name, action, fields: action === 'changed' ? fields : [] });
      }
      if (record.parent) parents.push({ documentId, ref: record.parent, position: record.position });
    };

    const second = async (writing: boolean) => {
      if (writing && options.resume?.since) await requeueImportedSince(options.resume.since);
      for await (const mapped of readRecords(options.file, options.format)) {
        seen += 1;
        replaying = options.resume !== undefined && seen <= options.resume.cursor;
        await handle(mapped, writing);
        if (options.onProgress && !replaying && seen - saved >= size) {
          // Everything read so far is committed once the pending batch is: the cursor moves.
          if (writing) await flush();
          if (writing) saved = seen;
          await options.onProgress(progress('importing', seen));
        }
      }
      await flush();
      if (writing) saved = seen;
      if (options.onProgress) await options.onProgress(progress('parents', seen));
      // Parents last: a record may name one that comes later in the file. An organization this
      // run created has no parent yet: its links are inserted in batches.
      const newLinks: { child: string; parent: string; published: boolean; position: number }[] = [];
      const writeLinks = async () => {
        const links = newLinks.splice(0, newLinks.length);
        if (links.length === 0) return;
        try {
          await strapi.db.transaction(async ({ trx }: { trx: Knex }) => writer.linkParents(trx, links));
        } catch (error) {
          for (const link of links) refused.set(link.position, `parent: not written (its batch failed): ${databaseReason(error)}`);
        }
      };
      for (const { documentId, ref, position } of parents) {
        const parent = index.resolve(ref);
        if (!parent) {
          report.warnings.push({ position, reason: `parent ${JSON.stringify(ref)} is not in the directory nor in the file; left as it was` });
          continue;
        }
        const child = index.byId(documentId);
        if (!child || child.parent === parent.documentId || parent.documentId === documentId) continue;
        {
          // No cycle: the new parent's ancestors must not include the child.
          let ancestor: Existing | undefined = parent;
          const seen = new Set<string>();
          while (ancestor?.parent && !seen.has(ancestor.documentId) && ancestor.parent !== documentId) {
            seen.add(ancestor.documentId);
            ancestor = index.byId(ancestor.parent);
          }
          if (ancestor?.parent === documentId) {
            refused.set(position, 'parent: an organization cannot be its own parent or ancestor');
            continue;
          }
          if (writing) {
            // An organization created by this run has its published row only when it was published.
            newLinks.push({ child: documentId, parent: parent.documentId, published: createdInRun.has(documentId) || (options.publish === true && child.published), position });
            if (newLinks.length >= size * 2) await writeLinks();
          }
        }
        child.parent = parent.documentId;
        if (!actionAt.has(position)) continue; // replayed: counted by the interrupted run
        if (actionAt.get(position) === 'unchanged') {
          actionAt.set(position, 'changed');
          report.unchanged -= 1;
          report.changed += 1;
        }
        const entry = actionAt.get(position) === 'created' ? undefined : report.actions.find((item) => item.position === position);
        if (entry && entry.action !== 'created') {
          entry.action = 'changed';
          entry.fields.push('parent');
        }
      }
      await writeLinks();
    };

    if (!dryRun) {
      if (jobs) report.relinkJob = (await jobs.collectDirectoryChanges(() => second(true))).job;
      else await second(true);
      if (report.created + report.changed > 0) {
        // The import is committed by now: stale statistics only slow queries down, so a failed
        // refresh is logged, not turned into a failed import.
        try {
          await writer.analyze();
        } catch (error) {
          strapi.log.warn(`[directory-import] could not refresh the planner statistics: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    } else {
      await second(false);
    }
    report.refused = [...refused].map(([position, reason]) => ({ position, reason })).sort((a, b) => a.position - b.position);
    report.sectorsCreated = [...sectors.created.values()].map((sector) => sector.name);
    return report;
  };

  return { run, loadIndex };
};

export type DirectoryImporter = ReturnType<typeof directoryImporter>;
