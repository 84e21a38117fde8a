#!/usr/bin/env bash
# Runs the whole system on this machine: the broker as the embedded Kafka, then the four services,
# each as `node dist/apps/<app>/main.js` with its localhost defaults, then the demo traffic
# (tools/demo) unless `--no-demo` or DEMO=off. JSON logs of all go to stdout (each line names its
# service). Ctrl-C or SIGTERM stops the demo first, then the services, gracefully.
set -euo pipefail
cd "$(dirname "$0")/../.."

demo=on
case "${DEMO:-on}" in
  off | false | 0 | no) demo=off ;;
esac
for arg in "$@"; do
  case "$arg" in
    --no-demo) demo=off ;;
    --demo) demo=on ;;
    *) echo "[start] unknown argument: $arg (known: --no-demo, --demo)" >&2; exit 2 ;;
  esac
done

bash scripts/dev/setup.sh
echo "[start] building the apps" >&2
NX_DAEMON=false NX_NO_CLOUD=true npx --no-install nx run-many -t build --outputStyle=static >tmp-build.log 2>&1 || { cat tmp-build.log >&2; rm -f tmp-build.log; exit 1; }
rm -f tmp-build.log

pids=()
demo_pid=
stop_all() {
  trap - INT TERM HUP
  echo "[start] stopping" >&2
  # The demo first, so the services drain what it wrote instead of seeing its clients vanish.
  if [ -n "$demo_pid" ]; then
    kill -TERM "$demo_pid" 2>/dev/null || true
    wait "$demo_pid" 2>/dev/null || true
  fi
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
# HUP too: the services run in sessions of their own, so a closed terminal reaches them only through this.
trap 'stop_all; exit 0' INT TERM HUP

run() {
  local app=$1
  shift
  # A session of its own: Ctrl-C reaches only this script (and the demo), whose trap then stops the
  # demo before the services rather than everything at once.
  setsid env "$@" node "dist/apps/$app/main.js" &
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

monitor_env=()
if [ "$demo" = on ]; then
  # The demo's stalling consumer pauses for DEMO_STALL_FOR_S (90 s): a 60 s window lets monitor-api
  # call it STALL and alert within one stall, where the default 300 s would never see it.
  monitor_env=(STUCK_DETECTION_WINDOW="${STUCK_DETECTION_WINDOW:-60}")
fi

run broker
wait_ready broker "http://127.0.0.1:${BROKER_HTTP_PORT:-9644}/health/ready"
# Local development only: the APIs open without a token (production overlays never set these).
run monitor-api API_AUTH_DISABLED="${API_AUTH_DISABLED:-true}" "${monitor_env[@]}"
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

if [ "$demo" = on ]; then
  wait_ready monitor-api http://127.0.0.1:3000/health/ready
  wait_ready chat-consumer http://127.0.0.1:3003/health/ready
  wait_ready event-router http://127.0.0.1:3001/health/ready
  wait_ready pipeline-trigger http://127.0.0.1:3002/health/ready
  node --import tsx tools/demo/src/main.ts &
  demo_pid=$!
  topic=${DEMO_TOPIC:-demo-events}
  name=${DEMO_NAME:-demo}
  cat >&2 <<INFO
[start] demo traffic: ${DEMO_RATE:-20} chat events/s over chat:events:0..3 and ${DEMO_RATE:-20} records/s to Kafka topic $topic
  (npm start -- --no-demo, or DEMO=off, runs without it)
  dashboard         http://localhost:3000/   (alerts: curl localhost:3000/api/v1/consumers/alerts)
  SSE demo page     http://localhost:3001/?job=<job id>   (the demo's "demo progress" lines name a live one in sse_page)
  checks:
    redis-cli XINFO GROUPS chat:events:0
    redis-cli get consumer:$name-count:events
    curl localhost:3002/consumer/info/$name-count
    psql ${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/streaming} -c "SELECT c.title, COUNT(m.id) as msg_count FROM chat.conversations c LEFT JOIN chat.messages m ON c.id = m.conversation_id GROUP BY c.id ORDER BY c.created_at DESC LIMIT 5;"
    kcat -b localhost:9092 -C -t $topic -o -5 -e
INFO
fi

# One service (or the demo) exiting on its own is a failure of the whole run: stop the rest and say so.
set +e
wait -n -p exited ${demo_pid:+"$demo_pid"} "${pids[@]}"
code=$?
if [ -n "$demo_pid" ] && [ "${exited:-}" = "$demo_pid" ]; then
  demo_pid=
  echo "[start] the demo exited with code $code; stopping the services" >&2
else
  echo "[start] a service exited with code $code; stopping the others" >&2
fi
stop_all
exit "$code"
