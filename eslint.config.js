const nx = require('@nx/eslint-plugin');

/**
 * Lint rules for the whole workspace. The one that matters most is module boundaries, by project tag
 * (project.json `tags`), so a new project fits by its tags alone:
 * - `type:app` and `type:lib` depend only on libs, by their `@app/*` alias: no app imports another app,
 *   no lib imports an app;
 * - `scope:domain` (`@app/domain`, the shared vocabulary) depends on no other lib and no framework
 *   or client library: its types and schemas must load anywhere;
 * - `type:testing` (`@app/testing`) is imported by test files only (specs, `test/`, `e2e/`), never by
 *   code that ships.
 */
const FRAMEWORKS = ['@nestjs/*', 'ioredis', 'kafkajs', 'bullmq', '@prisma/*', 'pg', 'prom-client', 'pino', '@opentelemetry/*'];

const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', 'apps/*/test/**/*.ts', 'libs/*/test/**/*.ts', 'e2e/**/*.ts'];

const depConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'scope:domain', onlyDependOnLibsWithTags: ['scope:domain'], bannedExternalImports: FRAMEWORKS },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib', 'type:app'] },
];

const moduleBoundaries = (constraints) => [
  'error',
  { enforceBuildableLibDependency: false, allow: [], depConstraints: constraints },
];

module.exports = [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/generated', 'tmp/**', 'data/**', '**/*.d.ts'],
  },
  {
    // Source files only: build and test configs (webpack.config.js, jest.config.js) are tooling that reads across the tree.
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries(depConstraints),
      // By import, not by project: Nx's notDependOnLibsWithTags follows the project graph, in which a lib whose
      // own tests use @app/testing (redis-streams, kafka-consume) would make every importer of that lib fail.
      'no-restricted-imports': ['error', { paths: [{ name: '@app/testing', message: 'type:testing (@app/testing) is for test files only, never for code that ships.' }] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Test files and benchmarks may use the test helpers (neither ships); every other boundary holds for them too.
    files: [...TEST_FILES, 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
