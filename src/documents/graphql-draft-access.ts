import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { refusal, requestMayReadDrafts, schemaReader } from './draft-access';
import { checkSort, constrainFilters, DraftInvisibilityError } from './draft-invisibility';

type Resolver = (parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;
type FieldMiddleware = (next: Resolver, parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;

interface Naming {
  getTypeName(model: unknown): string;
  getComponentName(model: unknown): string;
}

/**
 * GraphQL relation fields (`authors { articles(filters: …) }`) are resolved by the GraphQL
 * plugin with a database query, not the Document Service, so the Document Service middleware
 * never sees their arguments. This wraps every relation field of every type (derived from the
 * models, so types added later are covered) with the same rule in GraphQL's spelling: for a
 * reader who may not read drafts, the related entries are published ones only, their filters
 * are constrained like REST filters, a sort through a relation into a draft & publish type is
 * refused, and asking for `status: DRAFT` is refused as on a top-level query.
 */
export const relationFieldMiddleware =
  (strapi: Core.Strapi, targetUid: string, targetHasDrafts: boolean): FieldMiddleware =>
  (next, parent, args, context, info) => {
    if (requestMayReadDrafts(strapi)) return next(parent, args, context, info);
    if (typeof args.status === 'string' && args.status.toLowerCase() === 'draft') {
      throw new errors.PolicyError('status: drafts can only be read with a full-access API token');
    }
    const getSchema = schemaReader(strapi);
    try {
      if (args.sort !== undefined) checkSort(args.sort, targetUid, getSchema);
      const filters = args.filters === undefined ? undefined : constrainFilters(args.filters, targetUid, getSchema, 'graphql');
      const published = targetHasDrafts ? [{ publishedAt: { notNull: true } }] : [];
      const all = [...(filters === undefined ? [] : [filters]), ...published];
      const constrained = { ...args, ...(all.length === 0 ? {} : { filters: all.length === 1 ? all[0] : { and: all } }) };
      return next(parent, constrained, context, info);
    } catch (error) {
      if (error instanceof DraftInvisibilityError) throw refusal(error);
      throw error;
    }
  };

/** resolversConfig for every relation field (and its `_connection`) of every content type and component. */
export const relationResolversConfig = (strapi: Core.Strapi): Record<string, { middlewares: FieldMiddleware[] }> => {
  const naming = strapi.plugin('graphql').service('utils').naming as Naming;
  const getSchema = schemaReader(strapi);
  const config: Record<string, { middlewares: FieldMiddleware[] }> = {};
  type Model = { uid: string; modelType: string };
  const registries: object[] = [strapi.contentTypes, strapi.components];
  const models = registries.flatMap((registry) => Object.values(registry) as Model[]);
  for (const model of models) {
    const schema = getSchema(model.uid);
    if (!schema) continue;
    const typeName = model.modelType === 'component' ? naming.getComponentName(model) : naming.getTypeName(model);
    for (const [field, attribute] of Object.entries(schema.attributes)) {
      if (attribute.type !== 'relation' || typeof attribute.target !== 'string') continue;
      const target = getSchema(attribute.target);
      if (!target) continue;
      const middlewares = [relationFieldMiddleware(strapi, attribute.target, target.draftAndPublish)];
      config[`${typeName}.${field}`] = { middlewares };
      config[`${typeName}.${field}_connection`] = { middlewares };
    }
  }
  return config;
};
