// ESLint 9 flat config: type-checked typescript-eslint rules for every TypeScript file (app, plugins'
// server and admin, tests, bench) and the React hooks rules for the admin code.
// Formatting is Prettier's job (.prettierrc.json); no rule here is about layout.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Generated or built, never edited by hand.
const GENERATED = [
  '**/dist/**',
  '**/.build/**',
  '**/build/**',
  'types/generated/**',
  '.strapi/**',
  '**/.tmp/**',
  'test-results/**',
  'coverage/**',
  '.stryker-tmp/**',
  'reports/**',
];

// The repository's own tsconfigs, so a file is checked with the compiler options it is built and type-checked with.
// A file in several programs is checked with the first that holds it (plugins first: their options are stricter).
const PROJECTS = [
  './src/plugins/org-linker/server/tsconfig.test.json', // org-linker server, shared contracts, bench
  './src/plugins/newsletter/server/tsconfig.test.json',
  './src/admin/tsconfig.test.json', // admin app and both plugins' admin
  './tsconfig.test.json', // app (config, src), types, tests
];

const ADMIN = ['src/admin/**/*.{ts,tsx}', 'src/plugins/*/admin/**/*.{ts,tsx}'];

export default defineConfig(
  { ignores: GENERATED },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { project: PROJECTS, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // The code's convention: a leading underscore marks a parameter kept for its position, or a property taken out of a rest.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Off: the plugins' shared contracts group each route's Request/Response types in a namespace (Strapi's contracts
    // convention); these namespaces hold only types and emit no code, which is what the rule guards against.
    files: ['src/plugins/*/shared/**/*.ts'],
    rules: { '@typescript-eslint/no-namespace': 'off' },
  },
  {
    // Tests read HTTP responses (supertest's `response.body`), Strapi's untyped services and mocks, all typed `any`:
    // the assertions are what checks their shape, and typing every response in a test would only restate them.
    files: ['tests/**/*.ts', '**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ADMIN,
    extends: [reactHooks.configs.flat.recommended],
    rules: {
      // Off in the admin: react-intl's `formatMessage` and Strapi's admin hooks (`useNotification`, `useFetchClient`) return
      // functions typed as methods but bound to their object; destructuring them is how both libraries document their use.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Plain JavaScript (jest.config.js, this file): the JavaScript rules, no type information.
    files: ['**/*.{js,cjs,mjs}'],
    extends: [js.configs.recommended],
    // The same convention as the TypeScript: a leading underscore marks a property taken out of a rest.
    rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }] },
  },
  {
    // Node's CommonJS config files (jest, Stryker): module and require come with the source type, these two with Node.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { process: 'readonly', __dirname: 'readonly' } },
  }
);
