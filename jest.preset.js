const path = require('node:path');
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

/** Shared Jest settings: every project runs on Node, transpiles with ts-jest and resolves the workspace aliases. */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.spec.json') }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: `${__dirname}/` }),
  testMatch: ['**/?(*.)+(spec|int-spec).ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // The root config's timeout, also when one project runs alone (npx jest -c apps/<app>/jest.config.js).
  testTimeout: 30_000,
};
