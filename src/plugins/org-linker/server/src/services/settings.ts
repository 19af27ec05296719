import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { settingsSchema, updateSettingsSchema, type GetSettings, type Settings } from '../../../shared/contracts';
import type { PluginConfig } from '../config';
import { LINKER_ATTRIBUTES, ORGANIZATION_UID, PLUGIN_ID } from '../constants';
import { validateUrlTemplate } from '../core';
import { problem, validationError, zodProblems, type Problem } from '../utils/validate';

type FieldType = 'blocks' | 'richtext';

/** What the settings read of a content type's schema (Strapi types it per app; the plugin is built without the app's types). */
const attributeSchema = z.object({
  type: z.string(),
  relation: z.string().optional(),
  target: z.string().optional(),
  inversedBy: z.string().optional(),
  mappedBy: z.string().optional(),
});
type Attribute = z.infer<typeof attributeSchema>;
const attributesSchema = z.record(z.string(), attributeSchema);
const contentTypeSchema = z.object({ uid: z.string(), info: z.object({ displayName: z.string() }), attributes: attributesSchema });

/** A name for the inverse on Organization that it does not use yet: "mentionedIn" (the articles' own) for the first type, then one after the type ("mentionedInNewsBrief"). */
const freeInverseName = (uid: string, taken: Record<string, unknown>): string => {
  const singular = uid.slice(uid.lastIndexOf('.') + 1);
  const pascal = singular.replace(/(^|[-_])([a-z0-9])/g, (_, _separator: string, letter: string) => letter.toUpperCase());
  const candidates = ['mentionedIn', `mentionedIn${pascal}`];
  for (let n = 2; ; n += 1) {
    const name = candidates.shift() ?? `mentionedIn${pascal}${n}`;
    if (!Object.prototype.hasOwnProperty.call(taken, name)) return name;
  }
};

/**
 * Linking settings: the defaults of config/plugins.ts, overridden by what an admin saved in
 * the plugin store. Every process re-reads them when the shared settings version moves.
 */
const settingsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID });

  const defaults = (): Settings => {
    const { mode, maxLinks, linkInHeadings, urlTemplate, contentTypes } = strapi.config.get<PluginConfig>(`plugin::${PLUGIN_ID}`);
    return { mode, maxLinks, linkInHeadings, urlTemplate, contentTypes };
  };

  /** The app's own content types (api::), the only ones that can be scanned. */
  const apiContentTypes = () =>
    Object.entries(strapi.contentTypes as Record<string, unknown>)
      .filter(([uid]) => uid.startsWith('api::'))
      .map(([, contentType]) => contentTypeSchema.parse(contentType));

  const attributesOf = (uid: string): Record<string, Attribute> | null => {
    const contentType = (strapi.contentTypes as Record<string, unknown>)[uid];
    return contentType === undefined ? null : z.object({ attributes: attributesSchema }).parse(contentType).attributes;
  };

  /** Content types that have every attribute the linker needs, with their rich-text fields. */
  const available = (): GetSettings.Response['data']['available'] =>
    apiContentTypes()
      .filter((contentType) => missingAttributes(contentType.uid).length === 0)
      .map((contentType) => ({
        uid: contentType.uid,
        displayName: contentType.info.displayName,
        fields: Object.entries(contentType.attributes)
          .filter(([, attribute]) => attribute.type === 'blocks' || attribute.type === 'richtext')
          .map(([name, attribute]) => ({ name, type: attribute.type as FieldType })),
      }));

  /**
   * What a content type lacks for linking, each named as it must be added. The relation is
   * written straight into its join table (services/mentions.ts), which needs both order columns:
   * a one-way relation has no inverse order column and would fail on the first save.
   */
  const missingAttributes = (uid: string): string[] => {
    const attributes = attributesOf(uid);
    if (!attributes) return ['(content type)'];
    const isOrganizationRelation = (name: string) =>
      attributes[name]?.type === 'relation' && attributes[name]?.target === ORGANIZATION_UID && attributes[name]?.relation === 'manyToMany';
    const missing: string[] = [];
    const mentioned = LINKER_ATTRIBUTES.mentioned;
    const inverseShape = (name: string) => `${ORGANIZATION_UID}.${name} (relation manyToMany, target ${uid}, mappedBy ${mentioned})`;
    if (!isOrganizationRelation(mentioned)) missing.push(`${mentioned} (relation manyToMany, target ${ORGANIZATION_UID}, inversedBy an attribute of it)`);
    else {
      const inverse = attributes[mentioned].inversedBy;
      const target = inverse ? attributesOf(ORGANIZATION_UID)?.[inverse] : undefined;
      if (!inverse) {
        const suggested = freeInverseName(uid, attributesOf(ORGANIZATION_UID) ?? {});
        missing.push(`${mentioned}.inversedBy: it is a one-way relation; name its inverse, e.g. "${suggested}", and add ${inverseShape(suggested)}`);
      } else if (target?.type !== 'relation' || target.relation !== 'manyToMany' || target.target !== uid || target.mappedBy !== mentioned) missing.push(inverseShape(inverse));
    }
    if (!isOrganizationRelation(LINKER_ATTRIBUTES.ignored)) missing.push(`${LINKER_ATTRIBUTES.ignored} (relation manyToMany, target ${ORGANIZATION_UID})`);
    if (attributes[LINKER_ATTRIBUTES.choices]?.type !== 'json') missing.push(`${LINKER_ATTRIBUTES.choices} (json)`);
    if (attributes[LINKER_ATTRIBUTES.autolink]?.type !== 'boolean') missing.push(`${LINKER_ATTRIBUTES.autolink} (boolean, default true)`);
    if (attributes[LINKER_ATTRIBUTES.searchText]?.type !== 'text') missing.push(`${LINKER_ATTRIBUTES.searchText} (text, private)`);
    return missing;
  };

  /** Checks what zod cannot: the template's shape and that content types and fields exist. */
  const assertUsable = (settings: Settings): void => {
    const problems: Problem[] = [];
    try {
      validateUrlTemplate(settings.urlTemplate);
    } catch (error) {
      problems.push(problem(['urlTemplate'], error instanceof Error ? error.message : String(error)));
    }
    settings.contentTypes.forEach((scanned, index) => {
      const attributes = attributesOf(scanned.uid);
      if (!attributes) {
        problems.push(problem(['contentTypes', index, 'uid'], `no content type ${scanned.uid}`));
        return;
      }
      const missing = missingAttributes(scanned.uid);
      if (missing.length > 0) {
        problems.push(problem(['contentTypes', index, 'uid'], `${scanned.uid} lacks the attributes the linker needs: ${missing.join(', ')}`));
      }
      scanned.fields.forEach((field, fieldIndex) => {
        const type = attributes[field]?.type;
        if (type !== 'blocks' && type !== 'richtext') {
          problems.push(problem(['contentTypes', index, 'fields', fieldIndex], `${field} is not a blocks or rich-text field of ${scanned.uid}`));
        }
      });
    });
    if (new Set(settings.contentTypes.map((scanned) => scanned.uid)).size !== settings.contentTypes.length) {
      problems.push(problem(['contentTypes'], 'lists a content type twice'));
    }
    if (problems.length > 0) throw validationError(problems, 'settings');
  };

  const read = async (): Promise<Settings> => {
    const saved = await store().get({ key: 'settings' });
    const merged = { ...defaults(), ...(saved && typeof saved === 'object' ? saved : {}) };
    const parsed = settingsSchema.safeParse(merged);
    // A stored value that no longer fits (e.g. a removed content type) falls back to the defaults.
    if (!parsed.success) return defaults();
    try {
      assertUsable(parsed.data);
      return parsed.data;
    } catch {
      return defaults();
    }
  };

  /** Validates a partial update; throws a 400 naming each bad field; returns the new settings. */
  const validateUpdate = async (input: unknown): Promise<Settings> => {
    const parsed = updateSettingsSchema.safeParse(input);
    if (!parsed.success) throw validationError(zodProblems(parsed.error), 'settings');
    const next = { ...(await read()), ...parsed.data };
    assertUsable(next);
    return next;
  };

  /** Every template ever used, so links written under an earlier template are still recognised. */
  const knownTemplates = async (): Promise<string[]> => {
    const saved = await store().get({ key: 'templates' });
    return Array.isArray(saved) ? saved.filter((template): template is string => typeof template === 'string') : [];
  };

  const save = async (settings: Settings): Promise<void> => {
    const templates = new Set([...(await knownTemplates()), defaults().urlTemplate, settings.urlTemplate]);
    await store().set({ key: 'settings', value: settings });
    await store().set({ key: 'templates', value: [...templates] });
  };

  return { defaults, available, missingAttributes, assertUsable, read, validateUpdate, save, knownTemplates };
};

export type SettingsService = ReturnType<typeof settingsService>;
export default settingsService;
