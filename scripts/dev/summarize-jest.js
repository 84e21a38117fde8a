#!/usr/bin/env node
// Prints the closing line CI reads, "N passed, N failed", from Jest's --json output. A test file
// that failed to load (syntax error, failing hook) has no failed test of its own, so it counts as one.
const fs = require('node:fs');

const file = process.argv[2];
if (!file || !fs.existsSync(file)) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const results = JSON.parse(fs.readFileSync(file, 'utf8'));
const brokenFiles = results.testResults.filter((suite) => suite.status === 'failed' && suite.assertionResults.every((test) => test.status !== 'failed')).length;
const failed = results.numFailedTests + brokenFiles;
const passed = results.numPassedTests;
if (results.numPendingTests + results.numTodoTests > 0) {
  console.log(`[test] ${results.numPendingTests + results.numTodoTests} tests skipped or todo`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
