const path = require('node:path');
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

/**
 * Which tests a run takes: `JEST_SUITE=unit` the unit specs (`*.spec.ts`: no build, no servers they must
 * start), `JEST_SUITE=int` the integration and end-to-end tests (`*.int-spec.ts`: real Redis, Postgres and
 * built apps), unset both. Each project's `test` and `int-test` targets set it; `npm test` leaves it unset.
 */
function testMatch(suite) {
  if (suite === 'unit') return ['**/?(*.)+(spec).ts'];
  if (suite === 'int') return ['**/?(*.)+(int-spec).ts'];
  if (suite === undefined || suite === '') return ['**/?(*.)+(spec|int-spec).ts'];
  throw new Error(`JEST_SUITE must be unit, int or unset, not "${suite}"`);
}

/** Shared Jest settings: every project runs on Node, transpiles with ts-jest and resolves the workspace aliases. */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.spec.json') }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: `${__dirname}/` }),
  testMatch: testMatch(process.env.JEST_SUITE),
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // The root config's timeout, also when one project runs alone (npx jest -c apps/<app>/jest.config.js).
  testTimeout: 30_000,
};
