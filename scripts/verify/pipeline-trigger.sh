#!/usr/bin/env bash
# Checks a running pipeline-trigger the way an operator would by hand:
#   1. the service is alive and ready (/health/live, /health/ready);
#   2. its consumers (GET /consumers): each one not paused is running on the replica that answered;
#   3. each consumer's open-window count, read as the users do: redis-cli get consumer:<id>:events;
#   4. each consumer's last trigger (reason, events, job status, failure reason);
#   5. the BullMQ `pipelines` queue: waiting, active, delayed, failed jobs.
# Exit status 0 when every check passes, 1 otherwise (each failure is one FAIL line), 2 on bad usage.
#
# Localhost (default): curl against --url (http://127.0.0.1:3002), redis-cli against REDIS_URL.
# Kubernetes: --namespace NS checks the Deployment's ready replicas, reaches the Service through
# `kubectl port-forward`, and runs redis-cli through `kubectl exec` in --redis-exec (a pod that has it).
set -euo pipefail

usage() {
  cat <<'EOF'
usage: scripts/verify/pipeline-trigger.sh [options]
  --url URL              localhost mode: the service's base URL (default http://127.0.0.1:3002)
  --namespace NS         Kubernetes mode in namespace NS
  --service NAME         the Service and Deployment name in Kubernetes mode (default pipeline-trigger)
  --redis-exec TARGET    Kubernetes mode: kubectl exec target with redis-cli (default deploy/redis)
  --token TOKEN          bearer token with pipelines:read (default: $PIPELINE_API_TOKEN; none with API auth off)
  --queue-prefix PREFIX  BullMQ prefix of the pipelines queue (default: $PIPELINE_QUEUE_PREFIX or {bull})
  --expect-consumer ID   fail unless consumer ID exists (repeatable)
  --max-waiting N        fail when more than N pipeline jobs wait (default: no limit)
  --max-failed N         fail when more than N pipeline jobs are kept as failed (default: no limit)
Environment: REDIS_URL (localhost mode, default redis://127.0.0.1:6379).
EOF
}

URL="http://127.0.0.1:3002"
NAMESPACE=""
SERVICE="pipeline-trigger"
REDIS_EXEC="deploy/redis"
TOKEN="${PIPELINE_API_TOKEN:-}"
QUEUE_PREFIX="${PIPELINE_QUEUE_PREFIX:-}"
EXPECT=()
MAX_WAITING=""
MAX_FAILED=""
while [ $# -gt 0 ]; do
  case "$1" in
    --url) URL="${2:?--url needs a value}"; shift 2 ;;
    --namespace) NAMESPACE="${2:?--namespace needs a value}"; shift 2 ;;
    --service) SERVICE="${2:?--service needs a value}"; shift 2 ;;
    --redis-exec) REDIS_EXEC="${2:?--redis-exec needs a value}"; shift 2 ;;
    --token) TOKEN="${2:?--token needs a value}"; shift 2 ;;
    --queue-prefix) QUEUE_PREFIX="${2:?--queue-prefix needs a value}"; shift 2 ;;
    --expect-consumer) EXPECT+=("${2:?--expect-consumer needs a value}"); shift 2 ;;
    --max-waiting) MAX_WAITING="${2:?--max-waiting needs a value}"; shift 2 ;;
    --max-failed) MAX_FAILED="${2:?--max-failed needs a value}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
for number in ${MAX_WAITING:+"$MAX_WAITING"} ${MAX_FAILED:+"$MAX_FAILED"}; do
  [[ "$number" =~ ^[0-9]+$ ]] || { echo "not a number: $number" >&2; exit 2; }
done
# (A default with braces inside ${VAR:-...} would end at the first brace.)
[ -z "$QUEUE_PREFIX" ] && QUEUE_PREFIX='{bull}'
QUEUE="$QUEUE_PREFIX:pipelines"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"

for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y $tool" >&2; exit 2; }
done
# shellcheck source=scripts/verify/lib/redis.sh
source "$(dirname "$0")/lib/redis.sh"

# shellcheck source=scripts/verify/lib/checks.sh
source "$(dirname "$0")/lib/checks.sh"

# shellcheck source=scripts/verify/lib/http.sh
source "$(dirname "$0")/lib/http.sh"
TOKEN_HINT="pass a token with pipelines:read: --token or PIPELINE_API_TOKEN"

if [ -n "$NAMESPACE" ]; then
  replicas="$(kubectl -n "$NAMESPACE" get deploy "$SERVICE" -o jsonpath='{.status.readyReplicas}/{.spec.replicas}' 2>&1)" || true
  if [[ "$replicas" =~ ^[1-9][0-9]*/ ]]; then pass "deployment $SERVICE ready replicas $replicas"; else fail "deployment $SERVICE ready replicas: ${replicas:-0}"; fi
  port_forward "$NAMESPACE" "$SERVICE" 3002
fi
URL="${URL%/}"

echo "pipeline-trigger at $URL${NAMESPACE:+ (namespace $NAMESPACE, service $SERVICE)}"

# 1. alive and ready
for probe in live ready; do
  if get "/health/$probe"; then pass "/health/$probe: $body"; else fail "/health/$probe: $http_error"; fi
done

# 2-4. the consumers, their counts and last triggers
if ! get /consumers; then
  fail "/consumers: $http_error"
  finish
fi
consumers="$body"
count="$(jq '.consumers | length' <<<"$consumers")"
pass "$count consumer(s) configured"
for expected in ${EXPECT[@]+"${EXPECT[@]}"}; do
  if jq -e --arg id "$expected" '.consumers | any(.consumer_id == $id)' <<<"$consumers" >/dev/null; then pass "consumer $expected exists"; else fail "consumer $expected does not exist"; fi
done
printf '  %-32s %-6s %-8s %8s  %-44s\n' CONSUMER SOURCE STATE COUNT 'LAST TRIGGER (reason, events, job status)'
while read -r id; do
  [ -z "$id" ] && continue
  if ! get "/consumer/info/$id"; then
    fail "consumer $id: /consumer/info: $http_error"
    continue
  fi
  # One jq pass per consumer: source, paused, state, last trigger, engine error, idle alert.
  IFS=$'\t' read -r source paused state last engine_error alerting idle_windows alert_after < <(jq -r '[
      .source, .paused, (.runtime.state // "not running"),
      (if .last_trigger == null then "none yet" else "\(.last_trigger.triggered_at) \(.last_trigger.reason), \(.last_trigger.event_count) events, \(.last_trigger.status)\(if .last_trigger.failure_reason then ": " + .last_trigger.failure_reason else "" end)" end),
      (.runtime.error // "-"), (.idle_alert.alerting // false), (.idle_alert.idle_windows // 0), (.idle_alert.alert_after_idle_windows // 0)
    ] | @tsv' <<<"$body")
  # The users' own check: the running count is the plain string key consumer:<id>:events.
  key="consumer:$id:events"
  if ! redis_count="$(rcli GET "$key" 2>&1)" || [[ "$redis_count" =~ ^(ERR|WRONGTYPE|Could\ not) ]]; then
    fail "consumer $id: redis-cli get '$key': $redis_count"
    redis_count="?"
  fi
  [ -z "$redis_count" ] && redis_count=0
  printf '  %-32s %-6s %-8s %8s  %s\n' "$id" "$source" "$([ "$paused" = true ] && echo paused || echo "$state")" "$redis_count" "$last"
  if [ "$paused" = true ]; then
    info "consumer $id is paused"
  elif [ "$state" = "running" ]; then
    pass "consumer $id running"
  else
    fail "consumer $id not paused but $state on the replica that answered$([ "$engine_error" != - ] && echo ": $engine_error")"
  fi
  if [ "$alerting" = true ]; then
    fail "consumer $id: no trigger for $idle_windows windows (alert after $alert_after)"
  fi
done < <(jq -r '.consumers[].consumer_id' <<<"$consumers")

# 5. the BullMQ pipelines queue (BullMQ's own keys: lists for wait/active/paused, sorted sets for the rest).
# One redis-cli round trip for the seven lengths.
if depths="$(printf 'LLEN %s\n' "$QUEUE:wait" "$QUEUE:active" "$QUEUE:paused" | cat - <(printf 'ZCARD %s\n' "$QUEUE:prioritized" "$QUEUE:delayed" "$QUEUE:failed" "$QUEUE:completed") | rcli 2>&1)" \
  && mapfile -t depth <<<"$depths" && [ "${#depth[@]}" -eq 7 ] && [[ "${depth[*]}" =~ ^[0-9\ ]+$ ]]; then
  waiting=$((depth[0] + depth[2] + depth[3]))
  active="${depth[1]}" delayed="${depth[4]}" failed="${depth[5]}" completed="${depth[6]}"
  pass "queue $QUEUE: waiting $waiting, active $active, delayed $delayed, failed $failed, completed (kept) $completed"
  if [ -n "$MAX_WAITING" ] && [ "$waiting" -gt "$MAX_WAITING" ]; then fail "queue $QUEUE: $waiting jobs waiting, more than $MAX_WAITING (are the pipeline workers running, with prefix $QUEUE_PREFIX?)"; fi
  if [ -n "$MAX_FAILED" ] && [ "$failed" -gt "$MAX_FAILED" ]; then fail "queue $QUEUE: $failed failed jobs kept, more than $MAX_FAILED"; fi
else
  fail "queue $QUEUE: could not read its depth from Redis: $(tr '\n' ' ' <<<"${depths:-}")"
fi

finish
