#!/usr/bin/env bash
# Checks a running chat-consumer the way an operator would by hand:
#   1. the consumer group exists on every shard (XINFO GROUPS), with its pending count and lag;
#   2. a consumer is alive (a group consumer seen recently, and the service answers /health/ready);
#   3. no entry has been pending longer than the reclaim time (XPENDING IDLE);
#   4. the latest conversations with their message counts (Postgres).
# Exit status 0 when every check passes, 1 otherwise.
#
# Localhost (default): redis-cli and psql against REDIS_URL / DATABASE_URL.
# Kubernetes: --namespace NS runs redis-cli and psql through `kubectl exec` in a pod that has them,
# using that pod's own REDIS_URL / DATABASE_URL, or the local server when it has none. The defaults
# are the dev overlay's Redis and Postgres (deploy/redis, statefulset/postgres): the service image
# carries neither redis-cli nor psql. Against managed servers, name a pod that has both tools and
# the URLs of the master and the database.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: scripts/verify/chat-consumer.sh [options]
  --namespace NS         kubectl exec mode in namespace NS (default: localhost mode)
  --redis-exec TARGET    kubectl exec target for redis-cli (default deploy/redis)
  --postgres-exec TARGET kubectl exec target for psql (default statefulset/postgres)
  --deployment NAME      the chat-consumer Deployment, for the ready-replica check (default chat-consumer)
  --http-url URL         localhost mode: the service's base URL for /health/ready (default http://127.0.0.1:3003)
  --max-idle-ms MS       an entry pending longer than this fails check 3 (default CLAIM_MIN_IDLE_MS + CLAIM_INTERVAL_MS)
  --alive-ms MS          a consumer seen within this is alive (default 30000)
  --limit N              conversations to list (default 10)
Environment (same names as the service): REDIS_URL, DATABASE_URL, CHAT_EVENT_STREAMS, CONSUMER_GROUP,
CHAT_DLQ_STREAM, CLAIM_MIN_IDLE_MS, CLAIM_INTERVAL_MS.
EOF
}

NAMESPACE=""
REDIS_EXEC="deploy/redis"
POSTGRES_EXEC="statefulset/postgres"
DEPLOYMENT="chat-consumer"
HTTP_URL="http://127.0.0.1:3003"
ALIVE_MS=30000
LIMIT=10
MAX_IDLE_MS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --namespace) NAMESPACE="${2:?--namespace needs a value}"; shift 2 ;;
    --redis-exec) REDIS_EXEC="${2:?}"; shift 2 ;;
    --postgres-exec) POSTGRES_EXEC="${2:?}"; shift 2 ;;
    --deployment) DEPLOYMENT="${2:?}"; shift 2 ;;
    --http-url) HTTP_URL="${2:?}"; shift 2 ;;
    --max-idle-ms) MAX_IDLE_MS="${2:?}"; shift 2 ;;
    --alive-ms) ALIVE_MS="${2:?}"; shift 2 ;;
    --limit) LIMIT="${2:?}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

for number in "$ALIVE_MS" "$LIMIT" ${MAX_IDLE_MS:+"$MAX_IDLE_MS"}; do
  [[ "$number" =~ ^[0-9]+$ ]] || { echo "not a number: $number" >&2; exit 2; }
done

REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/streaming}"
# (A default with braces inside ${VAR:-...} would end at the first brace.)
DEFAULT_STREAMS='chat:events:0,chat:events:1,chat:events:2,chat:events:3'
CHAT_EVENT_STREAMS="${CHAT_EVENT_STREAMS:-$DEFAULT_STREAMS}"
GROUP="${CONSUMER_GROUP:-chat-persistence}"
DLQ="${CHAT_DLQ_STREAM:-chat:events:dlq}"
MAX_IDLE_MS="${MAX_IDLE_MS:-$(( ${CLAIM_MIN_IDLE_MS:-60000} + ${CLAIM_INTERVAL_MS:-15000} ))}"
IFS=',' read -r -a STREAMS <<< "$CHAT_EVENT_STREAMS"

if [ -z "$NAMESPACE" ]; then
  for tool in redis-cli psql curl; do
    command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y redis-tools postgresql-client curl" >&2; exit 2; }
  done
  rcli() { redis-cli -u "$REDIS_URL" "$@"; }
  sql() { psql "$DATABASE_URL" -X -v ON_ERROR_STOP=1 "$@"; }
else
  command -v kubectl >/dev/null || { echo "missing kubectl" >&2; exit 2; }
  # Inside the pod, its own REDIS_URL / DATABASE_URL name the servers it uses; a server pod has none
  # and answers on localhost (the dev Postgres trusts local connections).
  rcli() { kubectl -n "$NAMESPACE" exec "$REDIS_EXEC" -- sh -c 'exec redis-cli -u "${REDIS_URL:-redis://127.0.0.1:6379}" "$@"' redis-cli "$@"; }
  sql() { kubectl -n "$NAMESPACE" exec -i "$POSTGRES_EXEC" -- sh -c 'exec psql "${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/streaming}" -X -v ON_ERROR_STOP=1 "$@"' psql "$@"; }
fi

failures=0
pass() { printf 'PASS  %s\n' "$1"; }
fail() { printf 'FAIL  %s\n' "$1"; failures=$((failures + 1)); }

# redis-cli prints a flat field/value list for XINFO; this reads one field of the block for our group.
group_field() { awk -v group="$GROUP" -v field="$2" '
  NR % 2 == 1 { key = $0; next }
  { if (key == "name") current = $0; if (current == group && key == field) { print $0; exit } }' <<< "$1"; }

echo "chat-consumer: group $GROUP on ${#STREAMS[@]} shards${NAMESPACE:+ (namespace $NAMESPACE)}"

# 1. the group on every shard
caught_up=true
for stream in "${STREAMS[@]}"; do
  groups="$(rcli XINFO GROUPS "$stream" 2>&1)" || { fail "$stream: XINFO GROUPS failed: $groups"; continue; }
  if [ "$(group_field "$groups" name)" != "$GROUP" ]; then
    fail "$stream: group $GROUP does not exist"
    continue
  fi
  pass "$stream: group exists (consumers $(group_field "$groups" consumers), pending $(group_field "$groups" pending), lag $(group_field "$groups" lag))"
  [ "$(group_field "$groups" pending)" = 0 ] && [ "$(group_field "$groups" lag)" = 0 ] || caught_up=false
done

# 2. a consumer alive: seen by Redis recently (blocking reads touch it every few seconds), and the service ready
alive=""
for stream in "${STREAMS[@]}"; do
  consumers="$(rcli XINFO CONSUMERS "$stream" "$GROUP" 2>/dev/null || true)"
  while read -r name idle; do
    [ -n "$name" ] && [ "$idle" -le "$ALIVE_MS" ] && alive="$alive $name"
  done < <(awk 'NR % 2 == 1 { key = $0; next } key == "name" { name = $0 } key == "idle" { print name, $0 }' <<< "$consumers")
done
if [ -n "$alive" ]; then
  pass "consumers seen within ${ALIVE_MS} ms:$(tr ' ' '\n' <<< "$alive" | sort -u | tr '\n' ' ')"
elif [ "$caught_up" = true ]; then
  # Redis before 7.2 counts a blocking read that returns nothing as no interaction, so on a quiet system every
  # consumer looks idle: with nothing left to deliver or acknowledge on any shard, that is not a fault.
  pass "no consumer of $GROUP seen within ${ALIVE_MS} ms, but nothing is waiting for one (lag 0, nothing pending on every shard)"
else
  fail "no consumer of $GROUP seen within ${ALIVE_MS} ms"
fi
if [ -z "$NAMESPACE" ]; then
  if ready="$(curl -fsS --max-time 5 "$HTTP_URL/health/ready" 2>&1)"; then pass "$HTTP_URL/health/ready: $ready"; else fail "$HTTP_URL/health/ready: $ready"; fi
else
  replicas="$(kubectl -n "$NAMESPACE" get deploy "$DEPLOYMENT" -o jsonpath='{.status.readyReplicas}/{.spec.replicas}' 2>&1)" || true
  if [[ "$replicas" =~ ^[1-9][0-9]*/ ]]; then pass "deployment $DEPLOYMENT ready replicas $replicas"; else fail "deployment $DEPLOYMENT ready replicas: ${replicas:-0}"; fi
fi

# 3. nothing pending longer than the reclaim time (it should have been reclaimed by then)
for stream in "${STREAMS[@]}"; do
  stuck="$(rcli XPENDING "$stream" "$GROUP" IDLE "$MAX_IDLE_MS" - + 10 2>&1)" || { fail "$stream: XPENDING failed: $stuck"; continue; }
  if [[ "$stuck" =~ ^(ERR|NOGROUP|WRONGTYPE) ]]; then
    fail "$stream: XPENDING failed: $stuck"
  elif [ -z "$stuck" ]; then
    pass "$stream: no entry pending longer than ${MAX_IDLE_MS} ms"
  else
    fail "$stream: entries pending longer than ${MAX_IDLE_MS} ms (id, consumer, idle ms, deliveries): $(paste -sd' ' <<< "$stuck")"
  fi
done

dlq_length="$(rcli XLEN "$DLQ" 2>/dev/null || echo '?')"
echo "INFO  dead-letter stream $DLQ: $dlq_length entries"

# 4. the latest conversations and their message counts
echo "latest conversations:"
if ! sql -c "SELECT c.title, COUNT(m.id) AS messages, c.updated_at
             FROM chat.conversations c LEFT JOIN chat.messages m ON m.conversation_id = c.id
             GROUP BY c.id ORDER BY c.updated_at DESC LIMIT $LIMIT"; then
  fail "could not query chat.conversations"
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"
