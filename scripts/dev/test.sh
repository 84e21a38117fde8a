#!/usr/bin/env bash
# The whole test suite: set-up, type check, lint, build, then every Jest project in one run (unit,
# integration against the local Redis/Postgres and real Kafka clients, end-to-end). Ends with the
# line "N passed, N failed", counted from Jest's JSON results. One project alone: `npx nx test
# <project>` (unit specs, no build) and `npx nx int-test <project>` (builds, then integration tests).
set -uo pipefail
cd "$(dirname "$0")/../.."

bash scripts/dev/setup.sh || exit 1

status=0
echo "[test] type check"
npx --no-install tsc -p tsconfig.json --noEmit || status=1
echo "[test] lint"
# The module-boundary rule reads Nx's project graph and is silently skipped until one is cached.
NX_DAEMON=false npx --no-install nx show projects >/dev/null
npx --no-install eslint . || status=1

mkdir -p tmp
results=tmp/jest-results.json
rm -f "$results"
echo "[test] build"
# Tests that run an app as a real process (SIGKILL, SIGTERM, the broker for other apps) start its
# dist/apps/<app>/main.js; Nx rebuilds only what changed.
NX_DAEMON=false NX_TUI=false npx --no-install nx run-many -t build --outputStyle=static || status=1
echo "[test] jest"
# --forceExit: a test that fails before it stops a child process leaves its pipes open, and Jest would then wait
# for them forever after writing the results; the results and the exit status are the same either way.
# --maxWorkers=2: Jest's default on a two-core machine is one worker, and most integration tests wait on sockets,
# timers and child processes rather than compute: one file after another took 13 min here (the whole `npm test`
# 18), two at a time 7 (the whole 9). Tests share Redis and Postgres but use names, databases and ports of their own.
NX_DAEMON=false npx --no-install jest --ci --forceExit --maxWorkers=2 --json --outputFile="$results" "$@" || status=1
node scripts/dev/summarize-jest.js "$results" || status=1
exit $status
