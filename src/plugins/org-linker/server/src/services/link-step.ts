import { errors } from '@strapi/utils';
import type { LinkChanges, OrganizationChoice } from '../../../shared/contracts';
import { BlocksValidationError, foldForSearch, linkBlocks, linkMarkdown, type LinkOptions, type LinkResult } from '../core';
import type { LinkerRuntime } from './directory';

/** The editor's per-article inputs to linking. */
export interface LinkInputs {
  autolink: boolean;
  ignored: string[];
  choices: OrganizationChoice[];
}

export type FieldType = 'blocks' | 'richtext';

/** A scanned field and its type in the content type. */
export interface ScannedField {
  name: string;
  type: FieldType;
}

/** One article version linked with one directory and settings: everything save, publish, relink, preview and dry run need. */
export interface LinkedArticle {
  /** Linked value of every scanned field (only fields that had a value). */
  values: Record<string, unknown>;
  changedFields: string[];
  /** documentIds for the mentionedOrganizations relation, in reading order. */
  mentioned: string[];
  /** The visible text of the fields, and its folded form stored for candidate searches. */
  text: string;
  searchText: string;
  /** The link changes of all fields, in field order. */
  links: LinkChanges;
  results: { field: string; result: LinkResult<unknown> }[];
}

export const linkOptions = (run: LinkerRuntime, inputs: LinkInputs): LinkOptions => ({
  mode: run.settings.mode,
  maxLinks: run.settings.maxLinks ?? undefined,
  linkInHeadings: run.settings.linkInHeadings,
  urlTemplate: run.settings.urlTemplate,
  recognizeUrlTemplates: run.templates,
  ignoredIds: inputs.ignored,
  resolutions: inputs.choices.map((choice) => ({ text: choice.text, id: choice.organization })),
  autolink: inputs.autolink,
});

/** A field value the engine refuses: a 400 naming the field and the place, nothing written. */
const invalidValue = (field: string, error: BlocksValidationError): errors.ValidationError =>
  new errors.ValidationError(`${[field, ...error.path].join('.')}: ${error.problem}`, {
    errors: [{ path: [field, ...error.path.map(String)], message: error.problem, name: 'ValidationError' }],
  });

/** Links one field; the engine validates (blocks) and parses (markdown) the value once and returns its text. */
const linkField = (run: LinkerRuntime, field: ScannedField, value: unknown, options: LinkOptions, onFailure: (message: string) => void): LinkResult<unknown> => {
  if (field.type === 'richtext' && typeof value !== 'string') throw new errors.ValidationError(`${field.name}: must be a markdown string`);
  try {
    return typeof value === 'string' && field.type === 'richtext' ? linkMarkdown(run.directory, value, options) : linkBlocks(run.directory, value, options);
  } catch (error) {
    if (error instanceof BlocksValidationError) throw invalidValue(field.name, error);
    // Never lose the editor's text: the write fails with a message, the stored entry stays.
    const reason = error instanceof Error ? error.message : String(error);
    onFailure(`[org-linker] linking ${field.name} failed: ${reason}`);
    throw new errors.ApplicationError(`${field.name}: the organization linker failed (${reason}); nothing was saved`);
  }
};

/**
 * The one link step: the article's scanned fields linked with the runtime's directory and
 * settings and the editor's inputs. Fields whose value is null or absent are skipped.
 */
export const linkArticle = (
  run: LinkerRuntime,
  fields: ScannedField[],
  values: Record<string, unknown>,
  inputs: LinkInputs,
  onFailure: (message: string) => void = () => undefined
): LinkedArticle => {
  const options = linkOptions(run, inputs);
  const results: LinkedArticle['results'] = [];
  const linked: Record<string, unknown> = {};
  const changedFields: string[] = [];
  for (const field of fields) {
    const raw = values[field.name];
    if (raw === null || raw === undefined) continue;
    const result = linkField(run, field, raw, options, onFailure);
    results.push({ field: field.name, result });
    linked[field.name] = result.output;
    if (result.changed) changedFields.push(field.name);
  }
  const ignored = new Set(inputs.ignored);
  const mentioned: string[] = [];
  const seen = new Set<string>();
  for (const { result } of results) {
    for (const mention of result.mentions) {
      const id = String(mention.id);
      if (!ignored.has(id) && !seen.has(id)) {
        seen.add(id);
        mentioned.push(id);
      }
    }
  }
  const text = results.map(({ result }) => result.text).join('\n\n');
  return {
    values: linked,
    changedFields,
    mentioned,
    text,
    searchText: foldForSearch(text),
    links: {
      added: results.flatMap(({ result }) => result.links.added),
      updated: results.flatMap(({ result }) => result.links.updated),
      removed: results.flatMap(({ result }) => result.links.removed),
    },
    results,
  };
};
