// Two projects: fast unit tests beside the code (src/**), and integration tests (tests/**)
// that boot a real Strapi once per file; the integration project must run in band.
const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } },
    module: { type: 'commonjs' },
  },
];
const ignored = ['<rootDir>/dist/', '<rootDir>/src/plugins/.*/dist/', '<rootDir>/.build/'];

/** @type {import('jest').Config} */
module.exports = {
  // Per-project testTimeout is ignored by Jest; a Strapi boot takes a few seconds.
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: { '^.+\\.(t|j)sx?$': swc },
      setupFiles: ['<rootDir>/tests/setup/jsdom-polyfills.ts'],
      testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/src/**/*.test.tsx', '<rootDir>/scripts/**/*.test.ts', '<rootDir>/bench/**/*.test.ts'],
      modulePathIgnorePatterns: ignored,
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform: { '^.+\\.(t|j)sx?$': swc },
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      modulePathIgnorePatterns: ignored,
      globalSetup: '<rootDir>/tests/setup/global-setup.ts',
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      transform: { '^.+\\.(t|j)sx?$': swc },
      testMatch: ['<rootDir>/tests/browser/**/*.test.ts'],
      modulePathIgnorePatterns: ignored,
      globalSetup: '<rootDir>/tests/setup/browser-setup.ts',
    },
  ],
};
