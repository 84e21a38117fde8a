/** One Jest run over every project, so `npx jest` and the CI test command see the same suite. */
module.exports = {
  projects: ['<rootDir>/apps/*/jest.config.js', '<rootDir>/libs/*/jest.config.js', '<rootDir>/e2e/jest.config.js', '<rootDir>/tools/workspace-checks/jest.config.js'],
  // Integration tests start servers and wait on real sockets; a unit test finishes long before this.
  testTimeout: 30_000,
  globalSetup: '<rootDir>/tools/jest/build-apps.js',
};
