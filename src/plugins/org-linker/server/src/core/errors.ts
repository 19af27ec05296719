/**
 * Typed errors of the matching engine. Callers (plugin services, the CLI, the
 * admin panel) switch on `code` or `instanceof` instead of parsing messages.
 */
export class OrgLinkerError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A directory entry is malformed; `index` is its position in the input array (-1: the input is not an array). */
export class DirectoryEntryError extends OrgLinkerError {
  readonly index: number;
  readonly problem: string;

  constructor(index: number, problem: string) {
    super('INVALID_DIRECTORY_ENTRY', index >= 0 ? `directory entry ${index}: ${problem}` : problem);
    this.index = index;
    this.problem = problem;
  }
}

/**
 * A blocks document does not follow the Strapi 5 blocks format. `jsonPath`
 * says where, as a JSON path such as `$[0].children[1].text`; `path` is the
 * same as keys ([0, 'children', 1, 'text']).
 */
export class BlocksValidationError extends OrgLinkerError {
  readonly path: (string | number)[];
  readonly jsonPath: string;
  readonly problem: string;

  constructor(path: readonly (string | number)[], problem: string) {
    const jsonPath = `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;
    super('INVALID_BLOCKS', `invalid blocks at ${jsonPath}: ${problem}`);
    this.path = [...path];
    this.jsonPath = jsonPath;
    this.problem = problem;
  }
}

/** A URL template is not a safe link target. */
export class UrlTemplateError extends OrgLinkerError {
  readonly template: string;
  readonly problem: string;

  constructor(template: string, problem: string) {
    super('INVALID_URL_TEMPLATE', `invalid URL template ${JSON.stringify(template)}: ${problem}`);
    this.template = template;
    this.problem = problem;
  }
}

/** Link options are malformed (e.g. a negative maxLinks). */
export class LinkOptionsError extends OrgLinkerError {
  readonly option: string;

  constructor(option: string, problem: string) {
    super('INVALID_LINK_OPTIONS', `invalid option ${option}: ${problem}`);
    this.option = option;
  }
}
