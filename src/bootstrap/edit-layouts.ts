import type { Core, UID } from '@strapi/strapi';
import { contentManagerContentTypes } from '../utils/strapi-services';

type FieldMeta = { edit: Record<string, unknown>; list: Record<string, unknown> };
interface Configuration {
  settings: Record<string, unknown>;
  metadatas: Record<string, FieldMeta>;
  layouts: { edit: { name: string; size: number }[][]; list: string[] };
}

interface LayoutSpec {
  readOnly?: string[];
  rows: [string, number][][];
  list: string[];
  sortBy: string;
  sortOrder: 'ASC' | 'DESC';
  /** The field Strapi shows as an entry's name (lists, relation pickers, breadcrumbs). */
  mainField?: string;
}

/**
 * How the editors' forms look: the fields in a sensible order, list columns that fit, and the
 * fields the app maintains shown read-only. Applied once per database and type (then it is the
 * admins' to change in "Configure the view"); a type added to LAYOUTS later is configured on the
 * next start. Labels and hints are not stored here: they come in both admin languages from
 * src/admin/translations (a translation key wins over a stored label, so a database configured
 * before keeps working).
 */
const LAYOUTS: Partial<Record<UID.ContentType, LayoutSpec>> = {
  'api::article.article': {
    readOnly: ['mentionedOrganizations'],
    rows: [
      [
        ['title', 8],
        ['date', 4],
      ],
      [
        ['slug', 6],
        ['author', 6],
      ],
      [['excerpt', 12]],
      [['body', 12]],
      [
        ['cover', 6],
        ['autolink', 6],
      ],
      [['sectors', 12]],
      [
        ['mentionedOrganizations', 6],
        ['ignoredOrganizations', 6],
      ],
      [['partnerships', 6]],
    ],
    list: ['title', 'date', 'author'],
    sortBy: 'date',
    sortOrder: 'DESC',
  },
  'api::organization.organization': {
    readOnly: ['mentionedIn'],
    rows: [
      [
        ['name', 8],
        ['acronym', 4],
      ],
      [
        ['slug', 6],
        ['type', 6],
      ],
      [['aliases', 12]],
      [
        ['website', 6],
        ['country', 3],
        ['city', 3],
      ],
      [
        ['rorId', 6],
        ['wikidataId', 6],
      ],
      [['description', 12]],
      [
        ['logo', 6],
        ['autolink', 6],
      ],
      [['sectors', 12]],
      [
        ['parent', 6],
        ['children', 6],
      ],
      [
        ['partnerships', 6],
        ['partnerIn', 6],
      ],
      [['mentionedIn', 6]],
    ],
    list: ['name', 'acronym', 'country', 'type'],
    sortBy: 'name',
    sortOrder: 'ASC',
  },
  'api::partnership.partnership': {
    readOnly: ['title'],
    rows: [
      [['title', 12]],
      [
        ['organization', 6],
        ['partner', 6],
      ],
      [
        ['kind', 6],
        ['role', 6],
      ],
      [
        ['status', 4],
        ['startDate', 4],
        ['endDate', 4],
      ],
      [['description', 12]],
      [['announcement', 6]],
    ],
    list: ['title', 'kind', 'status', 'startDate'],
    sortBy: 'title',
    sortOrder: 'ASC',
    mainField: 'title',
  },
  'api::sector.sector': {
    rows: [
      [
        ['name', 6],
        ['nameZh', 6],
      ],
      [['slug', 6]],
    ],
    list: ['name', 'nameZh', 'slug'],
    sortBy: 'name',
    sortOrder: 'ASC',
    mainField: 'name',
  },
};

/**
 * Fields kept in the API but not shown in the edit view: the ambiguity choices are made in the
 * Organizations panel, and as raw JSON they only confused staff. Hidden once per database and
 * field (also where the layout was configured before), after which it is the admins' choice.
 */
const HIDDEN: Partial<Record<UID.ContentType, string[]>> = {
  'api::article.article': ['organizationChoices'],
};

/**
 * Relation fields that show partnerships: by their title rather than their id. Applied on every
 * start where the field still shows the id (Strapi's default when partnerships had no string).
 */
const RELATION_MAIN_FIELDS: Partial<Record<UID.ContentType, Record<string, string>>> = {
  'api::article.article': { partnerships: 'title', sectors: 'name' },
  'api::organization.organization': { partnerships: 'title', partnerIn: 'title', sectors: 'name' },
};

/** Databases configured before the store recorded its types had these two. */
const FIRST_CONFIGURED: string[] = ['api::article.article', 'api::organization.organization'];

export const configureEditLayouts = async (strapi: Core.Strapi): Promise<void> => {
  const store = strapi.store({ type: 'app', name: 'newsroom', key: 'edit-layouts' });
  const stored = (await store.get({})) as { types?: string[]; hidden?: string[] } | null | undefined;
  const configured = new Set(stored ? (stored.types ?? FIRST_CONFIGURED) : []);
  const hidden = new Set(stored?.hidden ?? []);
  const contentTypes = contentManagerContentTypes(strapi);
  for (const [uid, fields] of Object.entries(RELATION_MAIN_FIELDS) as [UID.ContentType, Record<string, string>][]) {
    const configuration = (await contentTypes.findConfiguration(strapi.contentType(uid))) as Configuration;
    const stale = Object.entries(fields).filter(
      ([field]) => configuration.metadatas[field] && [undefined, 'id'].includes(configuration.metadatas[field].edit.mainField as string | undefined)
    );
    if (stale.length === 0) continue;
    const metadatas = { ...configuration.metadatas };
    for (const [field, mainField] of stale) metadatas[field] = { ...metadatas[field], edit: { ...metadatas[field].edit, mainField } };
    await contentTypes.updateConfiguration(strapi.contentType(uid), { ...configuration, metadatas });
  }
  const toHide = (Object.entries(HIDDEN) as [UID.ContentType, string[]][]).flatMap(([uid, fields]) =>
    fields.filter((field) => !hidden.has(`${uid}.${field}`)).map((field) => ({ uid, field }))
  );
  for (const { uid, field } of toHide) {
    const configuration = (await contentTypes.findConfiguration(strapi.contentType(uid))) as Configuration;
    const metadatas = { ...configuration.metadatas };
    if (metadatas[field]) metadatas[field] = { ...metadatas[field], edit: { ...metadatas[field].edit, visible: false } };
    const edit = configuration.layouts.edit.map((row) => row.filter((cell) => cell.name !== field)).filter((row) => row.length > 0);
    await contentTypes.updateConfiguration(strapi.contentType(uid), { ...configuration, metadatas, layouts: { ...configuration.layouts, edit } });
  }
  const pending = (Object.entries(LAYOUTS) as [UID.ContentType, LayoutSpec][]).filter(([uid]) => !configured.has(uid));
  if (pending.length === 0 && toHide.length === 0) return;
  for (const [uid, spec] of pending) {
    const configuration = (await contentTypes.findConfiguration(strapi.contentType(uid))) as Configuration;
    const metadatas = { ...configuration.metadatas };
    for (const field of spec.readOnly ?? []) {
      if (!metadatas[field]) continue;
      metadatas[field] = { ...metadatas[field], edit: { ...metadatas[field].edit, editable: false } };
    }
    // Only fields the admin form shows (some may be hidden by other plugins).
    const shown = new Set(configuration.layouts.edit.flat().map((field) => field.name));
    for (const field of HIDDEN[uid] ?? []) shown.delete(field);
    const rows = spec.rows.map((row) => row.filter(([name]) => shown.has(name)).map(([name, size]) => ({ name, size }))).filter((row) => row.length > 0);
    const placed = new Set(rows.flat().map((field) => field.name));
    const rest = [...shown].filter((name) => !placed.has(name)).map((name) => [{ name, size: 6 }]);
    await contentTypes.updateConfiguration(strapi.contentType(uid), {
      ...configuration,
      settings: { ...configuration.settings, defaultSortBy: spec.sortBy, defaultSortOrder: spec.sortOrder, ...(spec.mainField ? { mainField: spec.mainField } : {}) },
      metadatas,
      layouts: { ...configuration.layouts, edit: [...rows, ...rest], list: spec.list },
    });
  }
  await store.set({
    value: {
      configuredAt: new Date().toISOString(),
      types: [...configured, ...pending.map(([uid]) => uid)],
      hidden: [...hidden, ...toHide.map(({ uid, field }) => `${uid}.${field}`)],
    },
  });
};
