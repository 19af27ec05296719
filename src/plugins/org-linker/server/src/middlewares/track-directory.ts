import type { Core, Modules } from '@strapi/strapi';
import { ORGANIZATION_UID } from '../constants';
import type { DirectorySnapshot } from '../services/directory';
import { getService } from '../utils/get-service';

const ACTIONS = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);

export const publishedSnapshot = async (strapi: Core.Strapi, documentId: string): Promise<DirectorySnapshot | null> => {
  const row = await strapi.db.query(ORGANIZATION_UID).findOne({
    where: { documentId, publishedAt: { $notNull: true } },
    select: ['name', 'acronym', 'slug', 'autolink', 'acronymAlone'],
    populate: { aliases: { select: ['text'] } },
  });
  if (!row) return null;
  return {
    name: row.name as string,
    acronym: (row.acronym as string | null) ?? null,
    aliases: ((row.aliases as { text?: string }[] | null) ?? []).map((alias) => alias.text ?? '').filter(Boolean),
    slug: row.slug as string,
    autolink: row.autolink !== false,
    acronymAlone: (row.acronymAlone as string | null) ?? null,
  };
};

export const sameSnapshot = (a: DirectorySnapshot | null, b: DirectorySnapshot | null): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Document Service middleware for organizations. Only the published version is in the
 * directory, so it compares that version before and after the write; when something that
 * linking depends on changed, it bumps the shared directory version and queues a background
 * relink of the affected articles, in the same transaction as the write. The organization's
 * own save waits for two small queries, never for the relink.
 */
export const trackDirectory =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    if (context.uid !== ORGANIZATION_UID || !ACTIONS.has(context.action)) return next();
    const { documentId } = context.params as { documentId?: string };
    const before = documentId ? await publishedSnapshot(strapi, documentId) : null;
    return strapi.db.transaction(async ({ onCommit }) => {
      await getService(strapi, 'directory').lockForLinking('exclusive');
      const result = await next();
      const id = documentId ?? (result && typeof result === 'object' && 'documentId' in result ? String(result.documentId) : undefined);
      if (!id) return result;
      const after = await publishedSnapshot(strapi, id);
      if (!sameSnapshot(before, after)) {
        await getService(strapi, 'jobs').queueOrganizationChange({ organization: id, before, after });
        onCommit(() => getService(strapi, 'worker').wake());
      }
      return result;
    });
  };
