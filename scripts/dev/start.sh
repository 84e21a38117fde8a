#!/usr/bin/env bash
# Runs the whole system on this machine: the broker as the embedded Kafka, then the four services,
# each as `node dist/apps/<app>/main.js` with its localhost defaults. JSON logs of all five go to
# stdout (each line names its service). Ctrl-C or SIGTERM stops them all gracefully.
set -euo pipefail
cd "$(dirname "$0")/../.."

bash scripts/dev/setup.sh
echo "[start] building the apps" >&2
NX_DAEMON=false NX_NO_CLOUD=true npx --no-install nx run-many -t build --outputStyle=static >tmp-build.log 2>&1 || { cat tmp-build.log >&2; rm -f tmp-build.log; exit 1; }
rm -f tmp-build.log

pids=()
stop_all() {
  trap - INT TERM
  echo "[start] stopping" >&2
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap 'stop_all; exit 0' INT TERM

run() {
  local app=$1
  shift
  env "$@" node "dist/apps/$app/main.js" &
  pids+=($!)
}

wait_ready() {
  local name=$1 url=$2
  for _ in $(seq 150); do
    curl -fs "$url" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "[start] $name did not become ready at $url" >&2
}

run broker
wait_ready broker "http://127.0.0.1:${BROKER_HTTP_PORT:-9644}/health/ready"
# Local development only: the APIs open without a token (production overlays never set these).
run monitor-api API_AUTH_DISABLED="${API_AUTH_DISABLED:-true}"
run chat-consumer
run pipeline-trigger API_AUTH_DISABLED="${API_AUTH_DISABLED:-true}"
run event-router SSE_AUTH_DISABLED="${SSE_AUTH_DISABLED:-true}"

cat >&2 <<INFO
[start] running:
  broker            kafka://localhost:${BROKER_PORT:-9092}  http://localhost:${BROKER_HTTP_PORT:-9644}/v1/topics
  monitor-api       http://localhost:3000  (dashboard at /, API under /api/v1/consumers)
  event-router      http://localhost:3001  (SSE; demo page at /)
  pipeline-trigger  http://localhost:3002/consumers
  chat-consumer     http://localhost:3003/health/ready
INFO

# One service exiting on its own is a failure of the whole run: stop the rest and say so.
set +e
wait -n "${pids[@]}"
code=$?
echo "[start] a service exited with code $code; stopping the others" >&2
stop_all
exit "$code"
