// The Jest configuration Stryker runs for each mutant: the unit project of jest.config.js, flat
// (Stryker's runner takes no `projects`), limited to the tests of MUTATION_TARGET.
const { projects } = require('./jest.config');

const TESTS = {
  core: ['<rootDir>/src/plugins/org-linker/server/src/core/**/*.test.ts'],
  documents: ['<rootDir>/src/documents/**/*.test.ts'],
  utils: ['<rootDir>/src/utils/**/*.test.ts'],
  newsletter: ['<rootDir>/src/plugins/newsletter/server/src/**/*.test.ts'],
};

const { displayName: _name, testMatch: _all, ...unit } = projects.find((project) => project.displayName === 'unit');
const name = process.env.MUTATION_TARGET ?? 'core';
if (!TESTS[name]) throw new Error(`MUTATION_TARGET must be one of ${Object.keys(TESTS).join(', ')} (got ${name})`);

// MUTATION_TESTS (comma-separated globs from the project root) narrows the tests for a run on a
// few files (`--mutate`): faster, and the score is then a lower bound (other tests may kill more).
const only = require('node:process')
  .env.MUTATION_TESTS?.split(',')
  .map((glob) => `<rootDir>/${glob.trim()}`);

// A fixed fast-check seed: the same cases for every mutant (tests/setup/fast-check-seed.ts).
const setupFiles = [...(unit.setupFiles ?? []), '<rootDir>/tests/setup/fast-check-seed.ts'];

module.exports = { ...unit, setupFiles, rootDir: __dirname, testMatch: only ?? TESTS[name], testTimeout: 120000 };
