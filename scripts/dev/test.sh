#!/usr/bin/env bash
# The whole test suite: set-up, type check, lint, then every Jest project (unit, integration
# against the local Redis/Postgres and real Kafka clients, end-to-end). Ends with the line
# "N passed, N failed", counted from Jest's JSON results.
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
echo "[test] jest"
NX_DAEMON=false npx --no-install jest --ci --json --outputFile="$results" "$@" || status=1
node scripts/dev/summarize-jest.js "$results" || status=1
exit $status
