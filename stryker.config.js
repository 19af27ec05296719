// Mutation testing (StrykerJS): how many deliberate small breaks of the code the unit tests
// notice. `npm run test:mutation` runs every target in turn; `MUTATION_TARGET=core npx stryker
// run` runs one. Not in CI (it takes long); scores and the survivors are in docs/testing.md.
// Only unit tests run per mutant: the integration tests boot Strapi, far too slow for thousands
// of mutants. Files that only integration tests exercise are left out of `mutate` (listed in
// docs/testing.md) rather than reported as thousands of uncovered mutants.
const CORE = 'src/plugins/org-linker/server/src/core';
const NEWSLETTER = 'src/plugins/newsletter/server/src';

/** What each target mutates, the unit tests that may kill its mutants, and the tsconfig that type-checks them. */
const TARGETS = {
  core: {
    // types.ts declares types only.
    mutate: [`${CORE}/**/*.ts`, `!${CORE}/**/*.test.ts`, `!${CORE}/**/*.test-helper.ts`, `!${CORE}/types.ts`],
    tsconfig: 'src/plugins/org-linker/server/tsconfig.json',
  },
  documents: {
    // draft-access, graphql-draft-access, read-limits, slugs, validation and errors are Strapi
    // glue exercised by the integration tests only.
    mutate: ['draft-invisibility', 'field-schemas', 'limits', 'links', 'names', 'partnership-title', 'relations'].map((file) => `src/documents/${file}.ts`),
    tsconfig: 'tsconfig.json',
  },
  utils: {
    // iso-countries.ts is a data table (the ISO 3166-1 codes): a mutant per code is not a test target.
    mutate: ['src/utils/**/*.ts', '!src/utils/**/*.test.ts', '!src/utils/iso-countries.ts'],
    tsconfig: 'tsconfig.json',
  },
  newsletter: {
    // The services (outbox, worker, deliveries, endpoints) have no unit tests: the integration
    // tests (newsletter*.test.ts) exercise them against a real database and receiver.
    // utils/index.ts (getService) is the typed accessor of Strapi's plugin services: Strapi glue.
    mutate: [`${NEWSLETTER}/utils/**/*.ts`, `!${NEWSLETTER}/**/*.test.ts`, `!${NEWSLETTER}/utils/index.ts`],
    tsconfig: 'src/plugins/newsletter/server/tsconfig.json',
  },
};

const name = process.env.MUTATION_TARGET ?? 'core';
const target = TARGETS[name];
if (!target) throw new Error(`MUTATION_TARGET must be one of ${Object.keys(TARGETS).join(', ')} (got ${name})`);

// A run on a few files (`--mutate FILE,…`) gets its own sandbox, report and incremental file,
// named after the first file, so that two such runs side by side do not overwrite each other.
const mutateFlag = process.argv.indexOf('--mutate');
const firstMutated = mutateFlag >= 0 ? process.argv[mutateFlag + 1]?.split(',')[0].replace(/:.*$/, '') : undefined;
const report = firstMutated ? `${name}-${require('node:path').basename(firstMutated, '.ts')}` : name;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
module.exports = {
  packageManager: 'npm',
  testRunner: 'jest',
  checkers: ['typescript'],
  tsconfigFile: target.tsconfig,
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  // Static mutants (in code run once at import: schema tables, constants) re-run every test of
  // the target each; on the shared machine they took 87 % of the time for 16 % of the mutants.
  // MUTATION_IGNORE_STATIC=1 leaves them out (reported as ignored, not in the score).
  ignoreStatic: require('node:process').env.MUTATION_IGNORE_STATIC === '1',
  mutate: target.mutate,
  // The machine is shared: one test process, one checker.
  concurrency: 1,
  timeoutMS: 10000,
  // The first, instrumented run of every test takes minutes on a shared machine.
  dryRunTimeoutMinutes: 30,
  // One flat Jest project (the unit project's settings, this target's tests): stryker.jest.config.js.
  jest: { projectType: 'custom', configFile: 'stryker.jest.config.js', enableFindRelatedTests: false },
  // Sandboxes, reports and the incremental file stay in ignored folders.
  tempDirName: report === name ? '.stryker-tmp' : `.stryker-tmp-${report}`,
  ignorePatterns: ['.stryker-tmp*', 'dist', '.build', '.tmp', 'build', 'test-results', 'reports', 'docs/screenshots', 'public/uploads', 'src/plugins/*/dist'],
  incremental: true,
  incrementalFile: `reports/mutation/${report}.incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${report}.html` },
  jsonReporter: { fileName: `reports/mutation/${report}.json` },
  thresholds: { high: name === 'core' ? 85 : 75, low: 60, break: null },
  cleanTempDir: 'always',
};
