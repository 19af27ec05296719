import type { Core, Modules } from '@strapi/strapi';

const PARTNERSHIP = 'api::partnership.partnership';
const ORGANIZATION = 'api::organization.organization';
/** A Strapi string column is varchar(255) on PostgreSQL. */
export const MAX_TITLE_LENGTH = 255;

export const KIND_LABELS: Record<string, string> = {
  membership: 'Membership',
  'strategic-agreement': 'Strategic agreement',
  'communication-mechanism': 'Communication mechanism',
  'innovation-hub': 'Innovation hub',
  'founded-by': 'Founded by',
  other: 'Other',
};

interface Side {
  name?: string | null;
  acronym?: string | null;
}
export interface TitleParts {
  organization?: Side | null;
  partner?: Side | null;
  role?: string | null;
  kind?: string | null;
}

const clean = (text: string | null | undefined): string => (typeof text === 'string' ? text.replace(/\s+/g, ' ').trim() : '');
const sideLabel = (side: Side | null | undefined, missing: string): string => clean(side?.acronym) || clean(side?.name) || missing;

/** "SYIIT — WAITRO · Full Member": each side's acronym or name, then the role or the kind. */
export const partnershipTitle = (parts: TitleParts): string => {
  const what = clean(parts.role) || (parts.kind ? (KIND_LABELS[parts.kind] ?? clean(parts.kind)) : '');
  const title = `${sideLabel(parts.organization, '(no organization)')} — ${sideLabel(parts.partner, '(no partner)')}${what ? ` · ${what}` : ''}`;
  return title.length <= MAX_TITLE_LENGTH ? title : `${title.slice(0, MAX_TITLE_LENGTH - 1).trimEnd()}…`;
};

type Row = TitleParts & { id: number; title?: string | null };

/**
 * Recomputes the stored title of the given partnership rows (draft and published versions
 * alike, each from the organizations its own row points to). One read, then one update per
 * distinct title; the database layer is used so that no middleware runs again.
 */
export const refreshPartnershipTitles = async (strapi: Core.Strapi, where: Record<string, unknown>): Promise<number> => {
  const rows = (await strapi.db.query(PARTNERSHIP).findMany({
    where,
    select: ['id', 'title', 'role', 'kind'],
    populate: { organization: { select: ['name', 'acronym'] }, partner: { select: ['name', 'acronym'] } },
  })) as Row[];
  const byTitle = new Map<string, number[]>();
  for (const row of rows) {
    const title = partnershipTitle(row);
    if (title === row.title) continue;
    byTitle.set(title, [...(byTitle.get(title) ?? []), row.id]);
  }
  for (const [title, ids] of byTitle) await strapi.db.query(PARTNERSHIP).updateMany({ where: { id: { $in: ids } }, data: { title } });
  return [...byTitle.values()].reduce((sum, ids) => sum + ids.length, 0);
};

/** The document(s) a write returns were read before their title was refreshed: give them the stored one. */
const answerWithTitles = async (strapi: Core.Strapi, result: unknown): Promise<void> => {
  const documents = (result && typeof result === 'object' && 'entries' in result && Array.isArray(result.entries) ? result.entries : [result]).filter(
    (entry): entry is { id: number; title?: unknown } => Boolean(entry) && typeof entry === 'object' && 'id' in entry && 'title' in entry
  );
  if (documents.length === 0) return;
  const rows = (await strapi.db.query(PARTNERSHIP).findMany({ where: { id: { $in: documents.map((entry) => entry.id) } }, select: ['id', 'title'] })) as {
    id: number;
    title: string;
  }[];
  const titles = new Map(rows.map((row) => [row.id, row.title]));
  for (const entry of documents) if (titles.has(entry.id)) entry.title = titles.get(entry.id);
};

const WRITES = new Set(['create', 'update', 'publish', 'unpublish', 'discardDraft', 'delete']);

/** The partnership rows that point to any version of these organizations. */
const linkedTo = (documentId: string) => ({ $or: [{ organization: { documentId } }, { partner: { documentId } }] });

/**
 * Document Service middleware: a partnership's title is derived, never typed — set on every
 * write of the partnership, and refreshed on the partnerships of an organization that is
 * written (renamed, given an acronym, published, deleted), in the same transaction.
 */
export const partnershipTitleMiddleware =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    if (!WRITES.has(context.action)) return next();
    const params = context.params as { data?: Record<string, unknown>; documentId?: string };
    if (context.uid === PARTNERSHIP) {
      if (context.action === 'delete') return next();
      // Whatever a writer sends as title is replaced by the derived one.
      if (params.data && typeof params.data === 'object') delete params.data.title;
      return strapi.db.transaction(async () => {
        const result = await next();
        const written = result && typeof result === 'object' && 'documentId' in result ? result.documentId : undefined;
        const documentId = (typeof written === 'string' ? written : undefined) ?? params.documentId;
        if (documentId) {
          await refreshPartnershipTitles(strapi, { documentId });
          await answerWithTitles(strapi, result);
        }
        return result;
      });
    }
    if (context.uid === ORGANIZATION && context.action !== 'create') {
      const documentId = params.documentId;
      if (!documentId) return next();
      return strapi.db.transaction(async () => {
        // Rows linked before the write (a delete unlinks them) and after it (a publish relinks).
        const before = (await strapi.db.query(PARTNERSHIP).findMany({ where: linkedTo(documentId), select: ['id'] })) as { id: number }[];
        const result = await next();
        await refreshPartnershipTitles(strapi, { $or: [{ id: { $in: before.map((row) => row.id) } }, linkedTo(documentId)] });
        return result;
      });
    }
    return next();
  };

/** Fills the titles of partnerships stored before titles existed. */
export const backfillPartnershipTitles = (strapi: Core.Strapi): Promise<number> => refreshPartnershipTitles(strapi, { $or: [{ title: { $null: true } }, { title: '' }] });
