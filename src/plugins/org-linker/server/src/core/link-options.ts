/**
 * Link options: validated with zod (the source of the LinkOptions type) and
 * resolved once into what the engine uses.
 */
import { z } from 'zod';
import { entryIdSchema } from './directory';
import { LinkOptionsError, UrlTemplateError } from './errors';
import { DEFAULT_URL_TEMPLATE, type UrlPattern, urlPattern } from './url-template';

export const resolutionSchema = z.object({ text: z.string(), id: entryIdSchema });

export const linkOptionsSchema = z.object({
  /** Link the first mention of each organization (default) or every mention. */
  mode: z.enum(['first', 'all']).optional(),
  /** Maximum number of links in the article (default unlimited). */
  maxLinks: z.number().int().min(0).optional(),
  /** Link mentions in headings (default false). */
  linkInHeadings: z.boolean().optional(),
  /** Entries never linked in this article (reason 'ignored'); ids compare as strings. */
  ignoredIds: z.array(entryIdSchema).optional(),
  /** Default '/organizations/{slug}'. */
  urlTemplate: z.string().optional(),
  /** Editor choices for ambiguous forms, matched by normalized form text. */
  resolutions: z.array(resolutionSchema).optional(),
  /** Article-level switch: false adds no links and removes the engine's links; mentions are still reported. */
  autolink: z.boolean().optional(),
  /**
   * Earlier URL templates: links made with them are also the engine's
   * (reconciled, so they are rewritten to the current template).
   */
  recognizeUrlTemplates: z.array(z.string()).optional(),
});

export type LinkOptions = z.infer<typeof linkOptionsSchema>;

export interface ResolvedLinkOptions {
  mode: 'first' | 'all';
  maxLinks: number;
  linkInHeadings: boolean;
  ignored: ReadonlySet<string>;
  /** The current template. */
  pattern: UrlPattern;
  /** Templates whose URLs are engine links: the current one first, then earlier ones. */
  patterns: UrlPattern[];
  resolutions: { text: string; id: string | number }[];
  autolink: boolean;
}

export function resolveLinkOptions(options: LinkOptions = {}): ResolvedLinkOptions {
  const parsed = linkOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LinkOptionsError(issue.path.map(String).join('.') || 'options', issue.message);
  }
  const o = parsed.data;
  const pattern = urlPattern(o.urlTemplate ?? DEFAULT_URL_TEMPLATE);
  const patterns = [pattern];
  for (const t of o.recognizeUrlTemplates ?? []) {
    let earlier: UrlPattern;
    try {
      earlier = urlPattern(t);
    } catch (error) {
      if (error instanceof UrlTemplateError) throw new LinkOptionsError('recognizeUrlTemplates', error.message);
      throw error;
    }
    if (!patterns.some((p) => p.prefix === earlier.prefix && p.suffix === earlier.suffix)) patterns.push(earlier);
  }
  return {
    mode: o.mode ?? 'first',
    maxLinks: o.maxLinks ?? Number.POSITIVE_INFINITY,
    linkInHeadings: o.linkInHeadings ?? false,
    ignored: new Set((o.ignoredIds ?? []).map(String)),
    pattern,
    patterns,
    resolutions: o.resolutions ?? [],
    autolink: o.autolink ?? true,
  };
}
