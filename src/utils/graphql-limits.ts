import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  valueFromASTUntyped,
  type ASTVisitor,
  type FieldNode,
  type GraphQLNamedType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { NUL_PROBLEM, checkFilters, findNulString, isPrototypeName, type QueryLimits, type Violation } from './query-limits';

export interface GraphqlCostOptions {
  /** Largest cost one operation may have (GRAPHQL_MAX_COST). */
  maxCost: number;
  /** Page size of a list field asked for without pagination (the plugin's defaultLimit). */
  defaultLimit: number;
  /** Largest page size (the plugin's maxLimit): used when the size comes from a variable. */
  maxLimit: number;
}

/** Strapi's GraphQL filter operators, renamed to their `$` form so the REST filter checks apply. */
const OPERATORS = new Set([
  'and',
  'or',
  'not',
  'eq',
  'eqi',
  'ne',
  'nei',
  'startsWith',
  'endsWith',
  'contains',
  'notContains',
  'containsi',
  'notContainsi',
  'gt',
  'gte',
  'lt',
  'lte',
  'null',
  'notNull',
  'in',
  'notIn',
  'between',
]);

/** A GraphQL filters value in Strapi's REST form (`or` → `$or`), for checkFilters. */
export const toStrapiFilters = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(toStrapiFilters);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [OPERATORS.has(key) ? `$${key}` : key, toStrapiFilters(item)]));
};

const refusal = (message: string, nodes?: readonly ValueNode[] | FieldNode | OperationDefinitionNode) =>
  new GraphQLError(message, { nodes, extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });

/**
 * Literal arguments: no name of Object.prototype as an input field (it would reach inherited
 * members in resolvers and Strapi's JSON fields), no U+0000 in a string, lists in reads no longer
 * than the limit, `filters` within the REST filter limits (conditions, nesting, list lengths).
 */
export const literalArgumentsRule =
  (limits: QueryLimits): ValidationRule =>
  (context: ValidationContext): ASTVisitor => {
    // A mutation's data may hold long lists (an article body's blocks); reads may not.
    let inMutation = false;
    return {
      OperationDefinition: {
        enter(node) {
          inMutation = node.operation === OperationTypeNode.MUTATION;
        },
        leave() {
          inMutation = false;
        },
      },
      ObjectField(node) {
        if (isPrototypeName(node.name.value)) {
          context.reportError(refusal(`${node.name.value}: "${node.name.value}" is not allowed (a name of Object.prototype is never a field name)`, [node.value]));
        }
      },
      StringValue(node) {
        if (node.value.includes('\u0000')) context.reportError(refusal(`a string ${NUL_PROBLEM}`, [node]));
      },
      ListValue(node) {
        if (!inMutation && node.values.length > limits.maxListLength) {
          context.reportError(refusal(`a list of ${node.values.length} values; the limit is ${limits.maxListLength} (QUERY_MAX_LIST_LENGTH)`, [node]));
        }
      },
      Argument(node) {
        if (node.name.value !== 'filters') return;
        // Variables inside a literal count as one condition here; their values are checked by the plugin below.
        const problem = checkFilters(toStrapiFilters(valueFromASTUntyped(node.value, {})), 'filters', limits);
        if (problem) context.reportError(refusal(inGraphqlTerms(problem.message), [node.value]));
      },
    };
  };

/** A filter check's path or message in the operators' GraphQL names (`[$in]` → `[in]`): a GraphQL input field never starts with `$`. */
const inGraphqlTerms = (text: string) => text.replace(/\$([A-Za-z]+)/g, '$1');

const pageSizeOf = (field: FieldNode, options: GraphqlCostOptions): number | null => {
  const argument = field.arguments?.find((item) => item.name.value === 'pagination');
  if (!argument) return null;
  if (argument.value.kind === Kind.VARIABLE) return options.maxLimit;
  if (argument.value.kind !== Kind.OBJECT) return options.defaultLimit;
  let size: number | null = null;
  for (const entry of argument.value.fields) {
    if (entry.name.value !== 'limit' && entry.name.value !== 'pageSize') continue;
    if (entry.value.kind === Kind.INT) size = Math.min(Math.max(Number(entry.value.value), 0), options.maxLimit);
    else size = options.maxLimit;
  }
  return size ?? options.defaultLimit;
};

/**
 * Query cost: the number of objects an operation may resolve. A list multiplies what it contains
 * by its page size (its `pagination` literal, the plugin's default without one, the maximum when
 * it comes from a variable); a connection's page size applies to its `nodes`. Fragments are
 * expanded (cycles are refused before this rule runs: see `maxRecursiveSelections` in
 * config/plugins.ts). Refused past `maxCost`, before anything is resolved.
 */
export const queryCostRule =
  (options: GraphqlCostOptions): ValidationRule =>
  (context: ValidationContext): ASTVisitor => {
    const schema = context.getSchema();
    const costOf = (
      selectionSet: SelectionSetNode,
      parentType: GraphQLNamedType | null | undefined,
      multiplier: number,
      inheritedPage: number | null,
      seen: ReadonlySet<string>,
      budget: { cost: number }
    ): void => {
      for (const selection of selectionSet.selections) {
        if (budget.cost > options.maxCost) return;
        if (selection.kind === Kind.FRAGMENT_SPREAD) {
          const name = selection.name.value;
          const fragment = context.getFragment(name);
          if (!fragment || seen.has(name)) continue;
          costOf(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), multiplier, inheritedPage, new Set([...seen, name]), budget);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
          costOf(selection.selectionSet, type, multiplier, inheritedPage, seen, budget);
        } else if (selection.selectionSet && (isObjectType(parentType) || isInterfaceType(parentType))) {
          const definition = parentType.getFields()[selection.name.value];
          if (!definition) continue;
          const ownPage = pageSizeOf(selection, options);
          const hasPaginationArgument = definition.args.some((argument) => argument.name === 'pagination');
          const isList = isListType(getNullableType(definition.type));
          const size = isList ? (ownPage ?? (hasPaginationArgument ? options.defaultLimit : (inheritedPage ?? options.defaultLimit))) : 1;
          const count = multiplier * size;
          budget.cost += count;
          // A connection (non-list with pagination) hands its page size to its list of nodes.
          const passDown = !isList && hasPaginationArgument ? (ownPage ?? options.defaultLimit) : null;
          costOf(selection.selectionSet, getNamedType(definition.type), count, passDown, seen, budget);
        }
      }
    };
    return {
      OperationDefinition(node) {
        const root =
          node.operation === OperationTypeNode.QUERY
            ? schema.getQueryType()
            : node.operation === OperationTypeNode.MUTATION
              ? schema.getMutationType()
              : schema.getSubscriptionType();
        const budget = { cost: 0 };
        costOf(node.selectionSet, root, 1, null, new Set(), budget);
        if (budget.cost > options.maxCost) {
          context.reportError(
            refusal(
              `query cost over ${options.maxCost} (GRAPHQL_MAX_COST): each list multiplies what it contains by its page size (${options.defaultLimit} by default, at most ${options.maxLimit}); ask for smaller pages or fewer nested lists`,
              node
            )
          );
        }
        return false;
      },
    };
  };

/** Variables: the first key that is a name of Object.prototype, with its path (`variables.data.constructor`). */
export const variablesViolation = (variables: Record<string, unknown> | undefined, filterVariables: string[], limits: QueryLimits): Violation | null => {
  if (!variables) return null;
  const stack: { value: unknown; path: string }[] = [{ value: variables, path: 'variables' }];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (Array.isArray(current.value)) {
      current.value.forEach((item, index) => stack.push({ value: item, path: `${current.path}.${index}` }));
    } else if (typeof current.value === 'object' && current.value !== null) {
      for (const key of Object.keys(current.value)) {
        const path = `${current.path}.${key}`;
        if (isPrototypeName(key)) return { parameter: path, message: `${path}: "${key}" is not allowed (a name of Object.prototype is never a field name)` };
        stack.push({ value: (current.value as Record<string, unknown>)[key], path });
      }
    }
  }
  for (const name of filterVariables) {
    if (variables[name] === undefined) continue;
    const nul = findNulString(variables[name], `variables.${name}`);
    if (nul) return nul;
    const problem = checkFilters(toStrapiFilters(variables[name]), `variables.${name}`, limits);
    if (problem) return { parameter: inGraphqlTerms(problem.parameter), message: inGraphqlTerms(problem.message) };
  }
  return null;
};

/** Names of an operation's variables whose type is a filters input (`ArticleFiltersInput`). */
export const filterVariableNames = (operation: OperationDefinitionNode): string[] =>
  (operation.variableDefinitions ?? [])
    .filter((definition) => {
      let type = definition.type;
      while (type.kind !== Kind.NAMED_TYPE) type = type.type;
      return type.name.value.endsWith('FiltersInput');
    })
    .map((definition) => definition.variable.name.value);

interface OperationRequest {
  request: { variables?: Record<string, unknown> };
  operation?: OperationDefinitionNode | null;
}

/**
 * Apollo plugin: checks an operation's variables once it is known (prototype names anywhere,
 * filters variables within the filter limits), before execution; a refusal answers 400.
 */
export const variablesLimitPlugin = (limits: QueryLimits) => ({
  // Apollo's hooks return promises; these need no await, so they resolve (or reject) at once.
  requestDidStart() {
    return Promise.resolve({
      didResolveOperation({ request, operation }: OperationRequest): Promise<void> {
        const problem = variablesViolation(request.variables, operation ? filterVariableNames(operation) : [], limits);
        return problem ? Promise.reject(refusal(problem.message)) : Promise.resolve();
      },
    });
  },
});
