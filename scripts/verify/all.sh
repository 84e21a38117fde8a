#!/usr/bin/env bash
# Checks the whole platform: runs the five verify scripts one after the other (broker first, since
# every other service depends on it), shows each one's output under a header, then a summary table.
# Exit status 0 when every script passes, 1 when any fails, 2 on bad usage.
#
# The shared options are passed to every script that takes them: --namespace to all five, --token
# to the three with an API token (monitor-api, pipeline-trigger, and event-router's SSE stream unless
# --sse-token names another). Everything else reaches the scripts through the environment they
# already read (REDIS_URL, DATABASE_URL, KAFKA_BROKERS, CHAT_EVENT_STREAMS, PIPELINE_QUEUE_PREFIX,
# MONITOR_API_TOKEN, PIPELINE_API_TOKEN, EVENT_ROUTER_TOKEN, ...), or through the per-service URL
# options below for services on other ports in localhost mode.
set -euo pipefail

SERVICES=(broker chat-consumer event-router pipeline-trigger monitor-api)

usage() {
  cat <<'EOF'
usage: scripts/verify/all.sh [options]
  --namespace NS             Kubernetes mode in namespace NS, for every script
  --token TOKEN              API token for monitor-api, pipeline-trigger and event-router (a token with
                             monitor:read and pipelines:read; none with auth off)
  --sse-token TOKEN          event-router's SSE token, when it differs from --token
  --skip SERVICE             leave SERVICE out (repeatable): broker, chat-consumer, event-router,
                             pipeline-trigger, monitor-api
Localhost mode, services on other addresses (each script's own default otherwise):
  --broker-url URL           broker.sh --url (HTTP admin, default http://127.0.0.1:9644)
  --bootstrap HOST:PORT      broker.sh --bootstrap (default $KAFKA_BROKERS or localhost:9092)
  --chat-consumer-url URL    chat-consumer.sh --http-url (default http://127.0.0.1:3003)
  --event-router-url URL     event-router.sh --url (default http://127.0.0.1:3001)
  --pipeline-trigger-url URL pipeline-trigger.sh --url (default http://127.0.0.1:3002)
  --monitor-api-url URL      monitor-api.sh --url (default http://127.0.0.1:3000)
EOF
}

NAMESPACE=""
TOKEN=""
SSE_TOKEN=""
SKIP=" "
declare -A URL_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --namespace) NAMESPACE="${2:?--namespace needs a value}"; shift 2 ;;
    --token) TOKEN="${2:?--token needs a value}"; shift 2 ;;
    --sse-token) SSE_TOKEN="${2:?--sse-token needs a value}"; shift 2 ;;
    --skip)
      [[ " ${SERVICES[*]} " == *" ${2:-} "* ]] || { echo "--skip takes one of: ${SERVICES[*]}" >&2; exit 2; }
      SKIP="$SKIP$2 "; shift 2 ;;
    --broker-url) URL_ARGS[broker]+=" --url ${2:?--broker-url needs a value}"; shift 2 ;;
    --bootstrap) URL_ARGS[broker]+=" --bootstrap ${2:?--bootstrap needs a value}"; shift 2 ;;
    --chat-consumer-url) URL_ARGS[chat-consumer]=" --http-url ${2:?--chat-consumer-url needs a value}"; shift 2 ;;
    --event-router-url) URL_ARGS[event-router]=" --url ${2:?--event-router-url needs a value}"; shift 2 ;;
    --pipeline-trigger-url) URL_ARGS[pipeline-trigger]=" --url ${2:?--pipeline-trigger-url needs a value}"; shift 2 ;;
    --monitor-api-url) URL_ARGS[monitor-api]=" --url ${2:?--monitor-api-url needs a value}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
# The URL options mean localhost mode; in Kubernetes mode the scripts reach the Services themselves.
if [ -n "$NAMESPACE" ] && [ "${#URL_ARGS[@]}" -gt 0 ]; then
  echo "the --*-url and --bootstrap options are for localhost mode, not with --namespace" >&2
  exit 2
fi

here="$(dirname "$0")"
declare -A RESULT=()
declare -A DETAIL=()
for service in "${SERVICES[@]}"; do
  [[ "$SKIP" == *" $service "* ]] && continue
  args=()
  # URLs and host:port values carry no blanks, so word splitting of the collected options is safe.
  # shellcheck disable=SC2206
  [ -n "${URL_ARGS[$service]:-}" ] && args+=(${URL_ARGS[$service]})
  [ -n "$NAMESPACE" ] && args+=(--namespace "$NAMESPACE")
  case "$service" in
    monitor-api|pipeline-trigger) [ -n "$TOKEN" ] && args+=(--token "$TOKEN") ;;
    event-router)
      if [ -n "$SSE_TOKEN" ]; then args+=(--token "$SSE_TOKEN"); elif [ -n "$TOKEN" ]; then args+=(--token "$TOKEN"); fi ;;
  esac
  # The command line as run, tokens masked (this output ends up in CI logs and chat messages).
  shown=""
  previous=""
  for arg in ${args[@]+"${args[@]}"}; do
    if [ "$previous" = --token ]; then shown="$shown <token>"; else shown="$shown $arg"; fi
    previous="$arg"
  done
  echo "=== $service: scripts/verify/$service.sh$shown"
  # Each script's output is shown as it comes and kept for the summary line.
  out="$(mktemp)"
  set +e
  bash "$here/$service.sh" ${args[@]+"${args[@]}"} 2>&1 | tee "$out"
  rc="${PIPESTATUS[0]}"
  set -e
  # (|| true: grep finding nothing must not stop this script under set -e.)
  fails="$(grep -c '^FAIL' "$out" || true)"
  if [ "$rc" -eq 0 ]; then
    RESULT[$service]=PASS; DETAIL[$service]="all checks passed"
  elif [ "$rc" -eq 1 ] && [ "$fails" -gt 0 ]; then
    RESULT[$service]=FAIL; DETAIL[$service]="$fails check(s) failed: $(grep -m1 '^FAIL' "$out" | cut -c7- | cut -c1-100)"
  else
    # Bad usage or a missing tool (exit 2), or an unexpected stop: its last line says why.
    RESULT[$service]=FAIL; DETAIL[$service]="exit $rc: $(tail -n 1 "$out" | cut -c1-100)"
  fi
  rm -f "$out"
  echo
done

echo "=== summary"
printf '%-18s %-6s %s\n' SERVICE RESULT DETAIL
failed=0
for service in "${SERVICES[@]}"; do
  [[ "$SKIP" == *" $service "* ]] && { printf '%-18s %-6s %s\n' "$service" SKIP "--skip"; continue; }
  printf '%-18s %-6s %s\n' "$service" "${RESULT[$service]}" "${DETAIL[$service]}"
  [ "${RESULT[$service]}" = PASS ] || failed=$((failed + 1))
done
if [ "$failed" -gt 0 ]; then
  echo "$failed service(s) failed"
  exit 1
fi
echo "all services passed"
