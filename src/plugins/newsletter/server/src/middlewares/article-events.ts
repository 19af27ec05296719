import type { Core, Modules } from '@strapi/strapi';
import { ARTICLE_UID } from '../constants';
import type { ArticleChange } from '../services/outbox';
import { getService } from '../utils';

type Context = Modules.Documents.Middleware.Context;

interface WriteParams {
  documentId?: string;
  locale?: unknown;
  status?: string;
}

/** What the newsletter uses of org-linker (src/plugins/org-linker/server/src/services/linker.ts), when it is installed. */
interface LinkerSeam {
  afterLinking(task: () => Promise<void>): Promise<void>;
}

const linker = (strapi: Core.Strapi): LinkerSeam | undefined => strapi.plugin('org-linker')?.service('linker') as LinkerSeam | undefined;

/** REST and GraphQL create/update publish unless asked for a draft; the admin panel calls publish. */
const isPublishing = (context: Context): boolean =>
  context.action === 'publish' || ((context.action === 'create' || context.action === 'update') && (context.params as WriteParams).status === 'published');

/** Unpublishing, or deleting (which removes the published version too). */
const isRemoving = (context: Context): boolean => context.action === 'unpublish' || context.action === 'delete';

/** Row ids in a document service result: { entries: [...] } for publish/unpublish/delete, the entry for create/update. */
const idsOf = (result: unknown): number[] => {
  if (!result || typeof result !== 'object') return [];
  const entries = (result as { entries?: unknown }).entries;
  const list = Array.isArray(entries) ? entries : [result];
  return list.flatMap((entry) => (entry && typeof entry === 'object' && typeof (entry as { id?: unknown }).id === 'number' ? [(entry as { id: number }).id] : []));
};

/** Strapi's i18n locales service, as far as it is called here (Strapi types it any). */
interface LocalesService {
  getDefaultLocale(): Promise<string>;
}

const localeWhere = async (strapi: Core.Strapi, locale: unknown): Promise<Record<string, unknown>> => {
  if (locale === '*') return {};
  if (Array.isArray(locale)) return { locale: { $in: locale } };
  if (typeof locale === 'string' && locale !== '') return { locale };
  return { locale: await strapi.plugin('i18n').service<LocalesService>('locales').getDefaultLocale() };
};

/**
 * Document Service middleware on articles: records article.published / updated /
 * unpublished events and their deliveries in the same transaction as the write, so a
 * rolled-back publish sends nothing and a committed one is never lost. Strapi's nested
 * transactions join the outer one, so this also holds when the caller has a transaction.
 */
export const articleEventsMiddleware =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    if (context.uid !== ARTICLE_UID) return next();
    const publishing = isPublishing(context);
    const removing = isRemoving(context);
    if (!publishing && !removing) return next();

    const outbox = getService(strapi, 'outbox');
    const params = context.params as WriteParams;
    return strapi.db.transaction(async ({ onCommit }: { onCommit: (callback: () => void) => void }) => {
      // What is about to disappear must be read before it does (relations included).
      const before = removing && params.documentId ? await outbox.readArticles({ documentId: params.documentId, ...(await localeWhere(strapi, params.locale)) }) : [];

      const result = await next();

      const record = async () => {
        const ids = new Set(idsOf(result));
        const changes: ArticleChange[] = publishing
          ? (ids.size > 0 ? await outbox.readArticles({ id: { $in: [...ids] } }) : []).map((row) => ({ kind: 'publish', row }))
          : before.filter((row) => ids.has(row.id)).map((row) => ({ kind: 'unpublish', row }));
        const jobs = await outbox.recordArticleChanges(changes);

        if (jobs.length > 0) {
          onCommit(() => {
            // Runs after COMMIT; a throw here would turn a committed publish into an error.
            try {
              getService(strapi, 'worker').dispatch(jobs);
            } catch (error) {
              strapi.log.error(`[newsletter] could not hand deliveries to the worker (they will be resumed): ${error instanceof Error ? error.message : String(error)}`);
            }
          });
        }
      };
      // The payload lists the organizations the linker found: when org-linker runs, the event is
      // recorded once it has written the relation (its declared afterLinking), in this transaction.
      const seam = publishing ? linker(strapi) : undefined;
      if (seam) await seam.afterLinking(record);
      else await record();
      return result;
    });
  };
