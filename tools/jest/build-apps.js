const { execFileSync } = require('node:child_process');
const path = require('node:path');

/**
 * Jest global set-up: builds every app once (Nx caches unchanged ones), so tests that run a
 * service as a real process (`node dist/apps/<app>/main.js`, for kill -9 and SIGTERM tests) run
 * what `npm start` and the container run.
 */
module.exports = async function buildApps() {
  const root = path.resolve(__dirname, '../..');
  execFileSync('npx', ['--no-install', 'nx', 'run-many', '-t', 'build', '--outputStyle=static'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  });
};
