import type { Core, Modules } from '@strapi/strapi';
import { z } from 'zod';
import { ORGANIZATION_UID } from '../constants';
import type { DirectorySnapshot } from '../../../shared/contracts';
import { getService } from '../utils/get-service';

const ACTIONS = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);

/** The published organization as stored (acronymAlone as stored: the snapshot records it unchanged). */
const snapshotRow = z.object({
  name: z.string(),
  acronym: z.string().nullish(),
  aliases: z.array(z.object({ text: z.string().nullish() })).nullish(),
  slug: z.string().nullish(),
  autolink: z.unknown(),
  acronymAlone: z.string().nullish(),
});

export const publishedSnapshot = async (strapi: Core.Strapi, documentId: string): Promise<DirectorySnapshot | null> => {
  const row = snapshotRow.nullish().parse(
    await strapi.db.query(ORGANIZATION_UID).findOne({
      where: { documentId, publishedAt: { $notNull: true } },
      select: ['name', 'acronym', 'slug', 'autolink', 'acronymAlone'],
      populate: { aliases: { select: ['text'] } },
    })
  );
  if (!row) return null;
  return {
    name: row.name,
    acronym: row.acronym ?? null,
    aliases: (row.aliases ?? []).map((alias) => alias.text ?? '').filter(Boolean),
    slug: row.slug ?? '',
    autolink: row.autolink !== false,
    acronymAlone: row.acronymAlone ?? null,
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
    return strapi.db.transaction(async ({ onCommit }: { onCommit: (callback: () => void) => void }) => {
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
