import type { Core, UID } from '@strapi/strapi';
import type { Analysis, LinkChange, OrganizationSummary, LinkState, PossibleMentionSummary, ScannedContentType } from '../../../shared/contracts';
import { suggestUnknownOrganizations, type MentionDecision } from '../core';
import { getService } from '../utils/get-service';
import { afterLinking } from '../utils/linking-scope';
import { problem, validationError } from '../utils/validate';
import type { DirectoryService, LinkerRuntime, Versions } from './directory';
import { linkArticle, type FieldType, type LinkedArticle, type LinkInputs, type ScannedField } from './link-step';

/** Entries kept by the "linked at" memo of one process (oldest forgotten first). */
const MEMO_LIMIT = 10_000;

const fieldTypeOf = (strapi: Core.Strapi, uid: string, field: string): FieldType => {
  // strapi.contentType(uid), not strapi.contentTypes[uid]: the latter builds the map of every type on each read.
  const type = (strapi.contentType(uid as UID.ContentType)?.attributes as Record<string, { type: string }> | undefined)?.[field]?.type;
  return type === 'richtext' ? 'richtext' : 'blocks';
};

/**
 * The Strapi side of linking: the runtime, which types are scanned, the link step over an
 * article's fields, and what the editor panel shows of its result.
 */
const linkerService = ({ strapi }: { strapi: Core.Strapi }) => {
  const runtime = (options?: Parameters<DirectoryService['runtime']>[0]) => getService(strapi, 'directory').runtime(options);

  const scannedType = (settings: LinkerRuntime['settings'], uid: string): ScannedContentType | undefined => settings.contentTypes.find((scanned) => scanned.uid === uid);

  /** The scanned type a request names, or a 400 naming contentType. */
  const requireScanned = (settings: LinkerRuntime['settings'], uid: string): ScannedContentType => {
    const scanned = scannedType(settings, uid);
    if (!scanned) throw validationError([problem(['contentType'], `${uid} is not scanned by the organization linker`)], 'contentType');
    return scanned;
  };

  const scannedFields = (uid: string, scanned: ScannedContentType): ScannedField[] => scanned.fields.map((name) => ({ name, type: fieldTypeOf(strapi, uid, name) }));

  /** The link step over the given field values (fields absent from `values` are skipped). */
  const linkFields = (run: LinkerRuntime, uid: string, values: Record<string, unknown>, inputs: LinkInputs): LinkedArticle =>
    linkArticle(
      run,
      Object.keys(values).map((name) => ({ name, type: fieldTypeOf(strapi, uid, name) })),
      values,
      inputs,
      (message) => strapi.log.error(message.replace('linking ', `linking ${uid}.`))
    );

  /**
   * Drafts this process linked on save, with the versions and the stored updatedAt they were
   * linked at, and the organizations their relation was set to: a publish of such a draft, while
   * neither the directory, the settings nor the row changed since, need not link it again, and a
   * save of it naming the same organizations need not read its relation (a miss, e.g. another
   * process saved it, only costs that work).
   */
  const linkedAt = new Map<string, { at: string; mentioned: string[] }>();
  const memoKey = (uid: string, rowId: number) => `${uid}:${rowId}`;
  const memoValue = (versions: Versions, updatedAt: number) => `${versions.directory}:${versions.settings}:${updatedAt}`;
  const remember = (uid: string, rowId: number, versions: Versions, updatedAt: number | null, mentioned: string[]) => {
    const key = memoKey(uid, rowId);
    linkedAt.delete(key);
    if (updatedAt === null) return;
    linkedAt.set(key, { at: memoValue(versions, updatedAt), mentioned });
    if (linkedAt.size > MEMO_LIMIT) linkedAt.delete(linkedAt.keys().next().value as string);
  };
  /** The relation this process set on the row, if the row is as this process left it at these versions. */
  const rememberedRelation = (uid: string, rowId: number, versions: Versions, updatedAt: number | null): string[] | null => {
    const memo = linkedAt.get(memoKey(uid, rowId));
    return updatedAt !== null && memo?.at === memoValue(versions, updatedAt) ? memo.mentioned : null;
  };
  const isCurrent = (uid: string, rowId: number, versions: Versions, updatedAt: number | null) => rememberedRelation(uid, rowId, versions, updatedAt) !== null;

  /** What the editor panel shows: per organization, whether and why it is linked. */
  const analysis = (run: LinkerRuntime, linkedFields: LinkedArticle, inputs: LinkInputs): Analysis => {
    const ignored = new Set(inputs.ignored);
    const byOrganization = new Map<string, MentionDecision[]>();
    for (const { result } of linkedFields.results) {
      for (const mention of result.mentions) {
        const id = String(mention.id);
        byOrganization.set(id, [...(byOrganization.get(id) ?? []), mention]);
      }
    }
    const { links } = linkedFields;
    const organizations: OrganizationSummary[] = [...byOrganization.entries()].map(([documentId, mentions]) => {
      const info = run.organizations.get(documentId);
      const linked = mentions.some((mention) => mention.linked);
      const slug = info?.slug ?? mentions[0].slug;
      const url = run.settings.urlTemplate.split('{slug}').join(encodeURIComponent(slug));
      // The engine's changes say which of its links the value already holds: a linked
      // organization with an added link and none removed was not linked before.
      const touches = (changes: LinkChange[]) =>
        changes.some((change) => (change.id !== undefined && String(change.id) === documentId) || change.url === url || change.slug === slug);
      const link: LinkState = linked ? (touches(links.added) && !touches(links.removed) ? 'added' : 'present') : touches(links.removed) ? 'removed' : 'none';
      return {
        documentId,
        name: info?.name ?? mentions[0].name,
        acronym: info?.acronym ?? null,
        slug,
        url,
        count: mentions.length,
        linked,
        ...(linked ? {} : { reason: mentions[0].reason }),
        link,
        ignored: ignored.has(documentId),
        autolink: info?.autolink ?? true,
      };
    });
    const chosen = new Map(inputs.choices.map((choice) => [choice.text, choice.organization]));
    const ambiguous = linkedFields.results.flatMap(({ result }) =>
      result.ambiguous.map((ambiguity) => ({
        text: ambiguity.text,
        start: ambiguity.start,
        end: ambiguity.end,
        candidates: ambiguity.candidates.map((candidate) => ({ documentId: String(candidate.id), name: candidate.name, slug: candidate.slug })),
        ...(chosen.has(ambiguity.text) ? { chosen: chosen.get(ambiguity.text) } : {}),
      }))
    );
    const suggestions = suggestUnknownOrganizations(run.directory, linkedFields.text).map((suggestion) => ({
      text: suggestion.text,
      ...(suggestion.acronym ? { acronym: suggestion.acronym } : {}),
    }));
    // Unconfirmed acronyms, one row per organization and text as written.
    const possibleRows = new Map<string, PossibleMentionSummary>();
    for (const { result } of linkedFields.results) {
      for (const mention of result.possible) {
        const key = `${String(mention.id)}\u0000${mention.text}`;
        const row = possibleRows.get(key);
        if (row) row.count++;
        else possibleRows.set(key, { documentId: String(mention.id), name: mention.name, text: mention.text, count: 1, reason: mention.reason });
      }
    }
    const possible = [...possibleRows.values()];
    return { organizations, ambiguous, suggestions, possible, links, choices: inputs.choices };
  };

  return {
    /**
     * The declared way for another plugin to read what a save links (the relation): `task` runs
     * once the relation of the write in progress is written, in its transaction, whatever the
     * order the middlewares were registered in (at once when no linked write is in progress).
     */
    afterLinking,
    runtime,
    scannedType,
    requireScanned,
    scannedFields,
    linkFields,
    analysis,
    remember,
    isCurrent,
    rememberedRelation,
    fieldTypeOf: (uid: string, field: string) => fieldTypeOf(strapi, uid, field),
  };
};

export type LinkerService = ReturnType<typeof linkerService>;
export default linkerService;
