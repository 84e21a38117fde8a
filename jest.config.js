/**
 * One Jest run over every project, unit and integration tests together, so `npx jest` and the CI test
 * command (scripts/dev/test.sh, which builds the apps first) see the same suite. Per project, `nx test
 * <project>` runs the unit specs alone and `nx int-test <project>` builds, then runs the integration tests.
 */
module.exports = {
  projects: ['<rootDir>/apps/*/jest.config.js', '<rootDir>/libs/*/jest.config.js', '<rootDir>/e2e/jest.config.js', '<rootDir>/tools/workspace-checks/jest.config.js'],
  // Integration tests start servers and wait on real sockets; a unit test finishes long before this.
  testTimeout: 30_000,
};
