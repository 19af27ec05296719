import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { Settings } from '../../../shared/contracts';
import type { PluginConfig } from '../config';
import { ORGANIZATION_UID, PLUGIN_ID, STATE_UID } from '../constants';
import { ACRONYM_ALONE, type AcronymAlone, Directory, type DirectoryEntry } from '../core';
import { tableOf } from '../utils/db-tables';
import { getService } from '../utils/get-service';

export interface OrganizationInfo {
  documentId: string;
  name: string;
  acronym: string | null;
  slug: string;
  autolink: boolean;
  aliases: string[];
  /** When the acronym alone is a mention (matching rule 7). */
  acronymAlone: AcronymAlone;
}

/** What a save needs: the automaton over published organizations and the current settings. */
export interface LinkerRuntime {
  directory: Directory;
  organizations: Map<string, OrganizationInfo>;
  settings: Settings;
  /** URL templates the engine recognises as its own links (current one first). */
  templates: string[];
}

export interface Versions {
  directory: number;
  settings: number;
}

/** The versions row (null before the first change). */
const versionsRow = z.object({ directoryVersion: z.coerce.number().nullish(), settingsVersion: z.coerce.number().nullish() });

/** A published organization as linking reads it; an unknown acronymAlone is 'auto', autolink is on unless false (SQLite: 0). */
const organizationRow = z.object({
  id: z.coerce.number(),
  documentId: z.string(),
  name: z.string(),
  acronym: z.string().nullish(),
  slug: z.string().nullish(),
  autolink: z.union([z.boolean(), z.number().transform((value) => value !== 0)]).nullish(),
  acronymAlone: z.enum(ACRONYM_ALONE).catch('auto'),
});
const aliasRow = z.object({ organization: z.coerce.number(), text: z.string().nullish() });

/** The component type of an organization's aliases. */
const ALIAS_UID = 'organization.alias';

/** Key of the PostgreSQL advisory lock between directory changes and linking writes ("orgl"). */
const LINKING_LOCK_KEY = 0x6f72676c;

/**
 * Keeps the automaton built once and rebuilds it only when the directory changed. Every
 * process compares a version row in the database before using its copy, so a change made
 * through another Strapi process is picked up on the next save. Reads never rebuild.
 */
const directoryService = ({ strapi }: { strapi: Core.Strapi }) => {
  let cachedDirectory: { version: number; directory: Directory; organizations: Map<string, OrganizationInfo> } | null = null;
  let cachedSettings: { version: number; settings: Settings; templates: string[] } | null = null;

  const readVersions = async (): Promise<Versions> => {
    const found: unknown = await strapi.db.query(STATE_UID).findOne({ select: ['directoryVersion', 'settingsVersion'], orderBy: { id: 'asc' } });
    const row = found ? versionsRow.parse(found) : null;
    if (row) return { directory: Number(row.directoryVersion ?? 0), settings: Number(row.settingsVersion ?? 0) };
    await strapi.db.query(STATE_UID).create({ data: { directoryVersion: 0, settingsVersion: 0 } });
    return { directory: 0, settings: 0 };
  };

  const bump = async (key: 'directoryVersion' | 'settingsVersion'): Promise<number> => {
    await readVersions(); // makes sure the row exists
    // increment() takes a column name, not an attribute name.
    const column = tableOf(strapi, STATE_UID).column(key);
    await strapi.db.queryBuilder(STATE_UID).update({}).increment(column, 1).execute();
    const versions = await readVersions();
    return key === 'directoryVersion' ? versions.directory : versions.settings;
  };

  /**
   * The published organizations and their aliases, straight from the tables: the organizations in
   * pages by id (bounds instead of id lists), then the published rows' aliases in one query.
   * Strapi's query layer took seconds for 10,000; aliases read page by page made PostgreSQL scan
   * the whole alias table for each page (1.4 s of the 2.8 s build at 100,000 organizations).
   */
  const loadOrganizations = async (): Promise<Map<string, OrganizationInfo>> =>
    // In the caller's transaction when there is one (a save): SQLite has a single connection.
    strapi.db.transaction(({ trx }: { trx: Knex.Transaction }) => readOrganizations(trx));

  const readOrganizations = async (knex: Knex.Transaction): Promise<Map<string, OrganizationInfo>> => {
    const organizations = new Map<string, OrganizationInfo>();
    const byId = new Map<number, OrganizationInfo>();
    const table = tableOf(strapi, ORGANIZATION_UID);
    const aliases = table.joinTable('aliases');
    const aliasTable = strapi.db.metadata.get(ALIAS_UID).tableName;
    const { pageSize } = strapi.config.get<PluginConfig>(`plugin::${PLUGIN_ID}`).directory;
    for (let after = 0; ; ) {
      const rows = z.array(organizationRow).parse(
        await knex(table.name)
          .select({
            id: 'id',
            documentId: table.column('documentId'),
            name: table.column('name'),
            acronym: table.column('acronym'),
            slug: table.column('slug'),
            autolink: table.column('autolink'),
            acronymAlone: table.column('acronymAlone'),
          })
          .whereNotNull(table.column('publishedAt'))
          .where('id', '>', after)
          .orderBy('id')
          .limit(pageSize)
      );
      for (const row of rows) {
        const organization: OrganizationInfo = {
          documentId: row.documentId,
          name: row.name,
          acronym: row.acronym ?? null,
          slug: row.slug ?? '',
          autolink: row.autolink !== false,
          acronymAlone: row.acronymAlone,
          aliases: [],
        };
        byId.set(row.id, organization);
        organizations.set(row.documentId, organization);
      }
      if (rows.length < pageSize) break;
      after = rows[rows.length - 1].id;
    }
    if (aliases && byId.size > 0) {
      const found = z.array(aliasRow).parse(
        await knex(`${aliases.name} as j`)
          .join(`${aliasTable} as a`, 'a.id', `j.${aliases.inverseJoinColumn}`)
          .join(`${table.name} as o`, 'o.id', `j.${aliases.joinColumn}`)
          .select({ organization: `j.${aliases.joinColumn}`, text: 'a.text' })
          .where(Object.fromEntries(Object.entries(aliases.on).map(([column, value]) => [`j.${column}`, value])))
          .whereNotNull(`o.${table.column('publishedAt')}`)
          .orderBy([`j.${aliases.joinColumn}`, ...(aliases.orderColumn ? [`j.${aliases.orderColumn}`] : []), 'j.id'])
      );
      // An organization published after its page was read is not in byId: skipped, like its row.
      for (const alias of found) if (alias.text) byId.get(alias.organization)?.aliases.push(alias.text);
    }
    return organizations;
  };

  const entriesOf = (organizations: Map<string, OrganizationInfo>): DirectoryEntry[] =>
    [...organizations.values()].map((organization) => ({
      id: organization.documentId,
      name: organization.name,
      acronym: organization.acronym,
      aliases: organization.aliases,
      slug: organization.slug,
      autolink: organization.autolink,
      acronymAlone: organization.acronymAlone,
    }));

  const settingsOfVersion = async (version: number) => {
    if (cachedSettings?.version === version) return cachedSettings;
    const settingsService = getService(strapi, 'settings');
    const settings = await settingsService.read();
    const templates = [settings.urlTemplate, ...(await settingsService.knownTemplates()).filter((t) => t !== settings.urlTemplate)];
    cachedSettings = { version, settings, templates };
    return cachedSettings;
  };

  return {
    /** Current settings only (never builds the automaton): one small query when nothing changed. */
    async settings(): Promise<Settings> {
      return (await settingsOfVersion((await readVersions()).settings)).settings;
    },

    /** The settings at versions the caller has read (no query when they are cached). */
    async settingsAt(versions: Versions): Promise<Settings> {
      return (await settingsOfVersion(versions.settings)).settings;
    },

    /**
     * The runtime for linking. The automaton is rebuilt only when the shared directory version
     * moved past the one it was built at, or, for background jobs, past the version the job needs
     * (so a burst of directory changes costs one rebuild, not one per change). Never called on reads.
     */
    async runtime({ versions, minDirectoryVersion }: { versions?: Versions; minDirectoryVersion?: number } = {}): Promise<LinkerRuntime> {
      const current = versions ?? (await readVersions());
      const needed = minDirectoryVersion ?? current.directory;
      if (!cachedDirectory || cachedDirectory.version < needed) {
        // The rows are read after the version, so this automaton is at least that recent.
        const organizations = await loadOrganizations();
        // Not buildDirectory(): the rows were parsed by organizationRow and aliasRow, and the only
        // checks the entry schema adds (no blank name or slug) the Directory copes with (a blank
        // name has no forms, a blank slug falls back). Parsing 100,000 entries again cost 0.1 s.
        cachedDirectory = { version: current.directory, organizations, directory: new Directory(entriesOf(organizations)) };
      }
      const { settings, templates } = await settingsOfVersion(current.settings);
      return { directory: cachedDirectory.directory, organizations: cachedDirectory.organizations, settings, templates };
    },

    /**
     * On PostgreSQL, a directory change and a linking write (a save, a publish or a relink of an
     * article) take this lock first: exclusive for the change, shared for linking, held until
     * commit. Without it they deadlock under load: publishing an organization deletes its row,
     * which cascades to the relation rows that concurrent saves are inserting and that hold key
     * locks on organization rows (seen in the load run). Saves never wait for each other.
     * SQLite serializes writers by itself. Call inside the caller's transaction.
     */
    async lockForLinking(mode: 'shared' | 'exclusive'): Promise<void> {
      if (strapi.db.dialect.client !== 'postgres') return;
      const lock = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
      await strapi.db.transaction(({ trx }: { trx: Knex.Transaction }) => trx.raw(`select ${lock}(?)`, [LINKING_LOCK_KEY]));
    },

    /** Marks the directory changed for every process (inside the caller's transaction); returns the new version. */
    directoryChanged: () => bump('directoryVersion'),
    settingsChanged: () => bump('settingsVersion'),
    versions: readVersions,
  };
};

export type DirectoryService = ReturnType<typeof directoryService>;
export default directoryService;
