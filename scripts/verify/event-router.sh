#!/usr/bin/env bash
# Checks a running event-router the way an operator would by hand:
#   1. the service is alive and ready (/health/live, /health/ready);
#   2. an SSE stream opens: GET /events/channels/<channel> answers 200 with text/event-stream
#      (curl -N, cut after a few seconds: a stream never ends by itself);
#   3. its consumer group exists on every chat shard (XINFO GROUPS), with consumers, pending and lag;
#   4. no entry has been pending longer than the reclaim time (XPENDING IDLE);
#   5. /metrics answers, with the open SSE streams.
# Exit status 0 when every check passes, 1 otherwise (each failure is one FAIL line), 2 on bad usage.
#
# Localhost (default): curl against --url (http://127.0.0.1:3001), redis-cli against REDIS_URL.
# Kubernetes: --namespace NS checks the Deployment's ready replicas, reaches the Service through
# `kubectl port-forward`, and runs redis-cli through `kubectl exec` in --redis-exec (a pod that has it).
set -euo pipefail

usage() {
  cat <<'EOF'
usage: scripts/verify/event-router.sh [options]
  --url URL              localhost mode: the service's base URL (default http://127.0.0.1:3001)
  --namespace NS         Kubernetes mode in namespace NS
  --service NAME         the Service and Deployment name in Kubernetes mode (default event-router)
  --redis-exec TARGET    Kubernetes mode: kubectl exec target with redis-cli (default deploy/redis)
  --token TOKEN          SSE token granting the channel (default: $EVENT_ROUTER_TOKEN; none with SSE_AUTH_DISABLED=true)
  --channel NAME         channel whose stream is opened: alerts or pipelines (default alerts)
  --group GROUP          the router's Redis consumer group (default: $EVENT_ROUTER_GROUP or eventrouter)
  --max-idle-ms MS       an entry pending longer than this fails check 4 (default 20000: the router
                         reclaims entries idle 15 s, looking every 5 s)
  --sse-seconds S        how long the stream is held open (default 3)
Environment: REDIS_URL (localhost mode, default redis://127.0.0.1:6379), CHAT_EVENT_STREAMS (same
name as the service, default chat:events:0 ... chat:events:3).
EOF
}

URL="http://127.0.0.1:3001"
NAMESPACE=""
SERVICE="event-router"
REDIS_EXEC="deploy/redis"
TOKEN="${EVENT_ROUTER_TOKEN:-}"
CHANNEL="alerts"
# Not CONSUMER_GROUP: all.sh runs this beside chat-consumer.sh, which reads that name for its own group.
GROUP="${EVENT_ROUTER_GROUP:-eventrouter}"
MAX_IDLE_MS=20000
SSE_SECONDS=3
while [ $# -gt 0 ]; do
  case "$1" in
    --url) URL="${2:?--url needs a value}"; shift 2 ;;
    --namespace) NAMESPACE="${2:?--namespace needs a value}"; shift 2 ;;
    --service) SERVICE="${2:?--service needs a value}"; shift 2 ;;
    --redis-exec) REDIS_EXEC="${2:?--redis-exec needs a value}"; shift 2 ;;
    --token) TOKEN="${2:?--token needs a value}"; shift 2 ;;
    --channel) CHANNEL="${2:?--channel needs a value}"; shift 2 ;;
    --group) GROUP="${2:?--group needs a value}"; shift 2 ;;
    --max-idle-ms) MAX_IDLE_MS="${2:?--max-idle-ms needs a value}"; shift 2 ;;
    --sse-seconds) SSE_SECONDS="${2:?--sse-seconds needs a value}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
for number in "$MAX_IDLE_MS" "$SSE_SECONDS"; do
  [[ "$number" =~ ^[0-9]+$ ]] || { echo "not a number: $number" >&2; exit 2; }
done
[ "$SSE_SECONDS" -ge 1 ] || { echo "--sse-seconds must be at least 1" >&2; exit 2; }
[[ "$CHANNEL" =~ ^(alerts|pipelines)$ ]] || { echo "--channel must be alerts or pipelines" >&2; exit 2; }

REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
# (A default with braces inside ${VAR:-...} would end at the first brace.)
DEFAULT_STREAMS='chat:events:0,chat:events:1,chat:events:2,chat:events:3'
CHAT_EVENT_STREAMS="${CHAT_EVENT_STREAMS:-$DEFAULT_STREAMS}"
IFS=',' read -r -a STREAMS <<< "$CHAT_EVENT_STREAMS"

for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y $tool" >&2; exit 2; }
done
# shellcheck source=scripts/verify/lib/redis.sh
source "$(dirname "$0")/lib/redis.sh"

# shellcheck source=scripts/verify/lib/checks.sh
source "$(dirname "$0")/lib/checks.sh"
TOKEN_HINT="pass an SSE token granting channel $CHANNEL: --token or EVENT_ROUTER_TOKEN (SSE_JWT_SECRET=... npx tsx apps/event-router/scripts/mint-token.ts --channels $CHANNEL)"
# shellcheck source=scripts/verify/lib/http.sh
source "$(dirname "$0")/lib/http.sh"

if [ -n "$NAMESPACE" ]; then
  replicas="$(kubectl -n "$NAMESPACE" get deploy "$SERVICE" -o jsonpath='{.status.readyReplicas}/{.spec.replicas}' 2>&1)" || true
  if [[ "$replicas" =~ ^[1-9][0-9]*/ ]]; then pass "deployment $SERVICE ready replicas $replicas"; else fail "deployment $SERVICE ready replicas: ${replicas:-0}"; fi
  port_forward "$NAMESPACE" "$SERVICE" 3001
fi
URL="${URL%/}"

# redis-cli prints a flat field/value list for XINFO; this reads one field of the block for our group.
group_field() { awk -v group="$GROUP" -v field="$2" '
  NR % 2 == 1 { key = $0; next }
  { if (key == "name") current = $0; if (current == group && key == field) { print $0; exit } }' <<< "$1"; }

echo "event-router at $URL, group $GROUP on ${#STREAMS[@]} shards${NAMESPACE:+ (namespace $NAMESPACE, service $SERVICE)}"

# 1. alive and ready
for probe in live ready; do
  if get "/health/$probe"; then pass "/health/$probe: $body"; else fail "/health/$probe: $http_error"; fi
done

# 2. an SSE stream opens. curl ends with 28 (timeout) on a stream that stays open, which is what we want;
# the status and content type are what tell success from a refusal.
sse_path="/events/channels/$CHANNEL"
sse_body="$(mktemp)"
sse_args=(-sS -N --max-time "$SSE_SECONDS" -o "$sse_body" -w '%{http_code}\t%{content_type}')
[ -n "$TOKEN" ] && sse_args+=(-H "Authorization: Bearer $TOKEN")
sse_err="$(mktemp)"
rc=0
sse_out="$(curl "${sse_args[@]}" "$URL$sse_path" 2>"$sse_err")" || rc=$?
IFS=$'\t' read -r sse_status sse_type <<<"$sse_out"
sse_message="$(jq -r '.message // empty' "$sse_body" 2>/dev/null || true)"
if [ "$rc" -ne 0 ] && [ "$rc" -ne 28 ]; then
  fail "SSE $sse_path: $(head -n 1 "$sse_err")"
elif [ "$sse_status" = 200 ] && [[ "$sse_type" == text/event-stream* ]]; then
  pass "SSE $sse_path: 200 $sse_type, held ${SSE_SECONDS} s (first line: $(head -n 1 "$sse_body"))"
elif [ "$sse_status" = 401 ]; then
  fail "SSE $sse_path: HTTP 401 (${sse_message:-unauthorized}); $TOKEN_HINT"
elif [ "$sse_status" = 403 ]; then
  fail "SSE $sse_path: HTTP 403 ${sse_message:-forbidden}: the token does not grant channel $CHANNEL (mint one with --channels $CHANNEL)"
elif [ "$sse_status" = 503 ]; then
  fail "SSE $sse_path: HTTP 503 ${sse_message}: with auth on the router needs SSE_JWT_SECRET; or it is at SSE_MAX_CONNECTIONS, or shutting down"
else
  fail "SSE $sse_path: HTTP ${sse_status:-?} ${sse_type:-no content type}${sse_message:+: $sse_message}, expected 200 text/event-stream"
fi
rm -f "$sse_body" "$sse_err"

# 3. the group on every chat shard
for stream in "${STREAMS[@]}"; do
  groups="$(rcli XINFO GROUPS "$stream" 2>&1)" || { fail "$stream: XINFO GROUPS failed: $groups"; continue; }
  if [[ "$groups" =~ ^(ERR|WRONGTYPE|Could\ not) ]]; then
    fail "$stream: XINFO GROUPS failed: $groups (the router creates the stream and group at start: is it running with this CHAT_EVENT_STREAMS?)"
  elif [ "$(group_field "$groups" name)" != "$GROUP" ]; then
    fail "$stream: group $GROUP does not exist (the router creates it at start: is it running with this CHAT_EVENT_STREAMS?)"
  else
    pass "$stream: group exists (consumers $(group_field "$groups" consumers), pending $(group_field "$groups" pending), lag $(group_field "$groups" lag))"
  fi
done

# 4. nothing pending longer than the reclaim time (a live replica would have claimed and routed it)
for stream in "${STREAMS[@]}"; do
  stuck="$(rcli XPENDING "$stream" "$GROUP" IDLE "$MAX_IDLE_MS" - + 10 2>&1)" || { fail "$stream: XPENDING failed: $stuck"; continue; }
  if [[ "$stuck" =~ ^(ERR|NOGROUP|WRONGTYPE|Could\ not) ]]; then
    fail "$stream: XPENDING failed: $stuck"
  elif [ -z "$stuck" ]; then
    pass "$stream: no entry pending longer than ${MAX_IDLE_MS} ms"
  else
    fail "$stream: entries pending longer than ${MAX_IDLE_MS} ms (id, consumer, idle ms, deliveries): $(paste -sd' ' <<< "$stuck") (is every replica routing? see its logs)"
  fi
done

# 5. what Prometheus scrapes
if get /metrics; then
  open="$(awk '/^sse_open_connections[{ ]/ { sum += $NF } END { print sum + 0 }' <<<"$body")"
  pass "/metrics: $(grep -cv '^#' <<<"$body") lines, $open SSE stream(s) open"
else
  fail "/metrics: $http_error"
fi

finish
