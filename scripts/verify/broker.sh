#!/usr/bin/env bash
# Checks a running broker the way an operator would by hand:
#   1. the process is alive and ready (/health/live, /health/ready on the HTTP port);
#   2. the Kafka port answers a Metadata request (kcat -L): this broker listed, the topics it holds;
#   3. `__consumer_offsets`, when the broker reports it (an INFO line otherwise, not a failure);
#   4. the coordinator's groups, read as the users' runbook does (`curl .../consumer-groups`), with
#      state, protocol, generation and members; optionally that given topics and groups exist;
#   5. /metrics answers (what Prometheus scrapes).
# Exit status 0 when every check passes, 1 otherwise (each failure is one FAIL line), 2 on bad usage.
#
# Localhost (default): curl against --url (http://127.0.0.1:9644), kcat against --bootstrap
# (KAFKA_BROKERS, default localhost:9092).
# Kubernetes: --namespace NS checks the StatefulSet's ready replicas and reaches the Service through
# `kubectl port-forward`, its HTTP port and its Kafka port (a Metadata request needs only the
# bootstrap connection, so the pod's advertised DNS name need not resolve here); or, with
# --kafka-exec, runs kcat through `kubectl exec` in a pod that has it, against that pod's
# KAFKA_BROKERS (default broker:9092).
set -euo pipefail

usage() {
  cat <<'EOF'
usage: scripts/verify/broker.sh [options]
  --url URL              localhost mode: the broker's HTTP base URL (default http://127.0.0.1:$BROKER_HTTP_PORT or :9644)
  --bootstrap HOST:PORT  localhost mode: the Kafka listener kcat asks (default $KAFKA_BROKERS or localhost:9092)
  --namespace NS         Kubernetes mode in namespace NS (port-forward to the Service)
  --service NAME         the Service and StatefulSet name in Kubernetes mode (default broker)
  --kafka-exec TARGET    Kubernetes mode: run kcat through kubectl exec in TARGET instead of a port-forward
  --kcat-option K=V      librdkafka property for kcat -X, e.g. security.protocol=SASL_PLAINTEXT (repeatable)
  --expect-topic TOPIC   fail unless TOPIC is in the broker's metadata (repeatable)
  --expect-group GROUP   fail unless the coordinator knows GROUP (repeatable)
  --timeout S            seconds kcat may take for the metadata (default 10)
  --limit N              topics and groups listed, by name (default 50)
Environment: BROKER_HTTP_PORT, KAFKA_BROKERS (localhost mode defaults, same names as the broker and services).
EOF
}

URL="http://127.0.0.1:${BROKER_HTTP_PORT:-9644}"
BOOTSTRAP="${KAFKA_BROKERS:-localhost:9092}"
NAMESPACE=""
SERVICE="broker"
KAFKA_EXEC=""
KCAT_OPTIONS=()
EXPECT_TOPICS=()
EXPECT_GROUPS=()
TIMEOUT=10
LIMIT=50
while [ $# -gt 0 ]; do
  case "$1" in
    --url) URL="${2:?--url needs a value}"; shift 2 ;;
    --bootstrap) BOOTSTRAP="${2:?--bootstrap needs a value}"; shift 2 ;;
    --namespace) NAMESPACE="${2:?--namespace needs a value}"; shift 2 ;;
    --service) SERVICE="${2:?--service needs a value}"; shift 2 ;;
    --kafka-exec) KAFKA_EXEC="${2:?--kafka-exec needs a value}"; shift 2 ;;
    --kcat-option) KCAT_OPTIONS+=(-X "${2:?--kcat-option needs a value}"); shift 2 ;;
    --expect-topic) EXPECT_TOPICS+=("${2:?--expect-topic needs a value}"); shift 2 ;;
    --expect-group) EXPECT_GROUPS+=("${2:?--expect-group needs a value}"); shift 2 ;;
    --timeout) TIMEOUT="${2:?--timeout needs a value}"; shift 2 ;;
    --limit) LIMIT="${2:?--limit needs a value}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
for number in "$TIMEOUT" "$LIMIT"; do
  [[ "$number" =~ ^[0-9]+$ ]] || { echo "not a number: $number" >&2; exit 2; }
done
[ "$TIMEOUT" -ge 1 ] || { echo "--timeout must be at least 1" >&2; exit 2; }
[ -n "$KAFKA_EXEC" ] && [ -z "$NAMESPACE" ] && { echo "--kafka-exec needs --namespace" >&2; exit 2; }
for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y $tool" >&2; exit 2; }
done
if [ -z "$KAFKA_EXEC" ]; then
  command -v kcat >/dev/null || { echo "missing kcat: apt-get install -y kcat" >&2; exit 2; }
fi

# shellcheck source=scripts/verify/lib/checks.sh
source "$(dirname "$0")/lib/checks.sh"
# The broker's HTTP side has no authentication.
TOKEN=""
TOKEN_HINT=""
# shellcheck source=scripts/verify/lib/http.sh
source "$(dirname "$0")/lib/http.sh"

# metadata: kcat's Metadata answer as JSON on stdout (-m bounds the wait; -L never consumes).
metadata() { kcat -b "$BOOTSTRAP" ${KCAT_OPTIONS[@]+"${KCAT_OPTIONS[@]}"} -L -J -m "$TIMEOUT"; }

if [ -n "$NAMESPACE" ]; then
  command -v kubectl >/dev/null || { echo "missing kubectl" >&2; exit 2; }
  replicas="$(kubectl -n "$NAMESPACE" get statefulset "$SERVICE" -o jsonpath='{.status.readyReplicas}/{.spec.replicas}' 2>&1)" || true
  if [[ "$replicas" =~ ^[1-9][0-9]*/ ]]; then pass "statefulset $SERVICE ready replicas $replicas"; else fail "statefulset $SERVICE ready replicas: ${replicas:-0}"; fi
  port_forward "$NAMESPACE" "$SERVICE" 9644
  HTTP_URL="$URL"
  if [ -n "$KAFKA_EXEC" ]; then
    BOOTSTRAP="KAFKA_BROKERS in $KAFKA_EXEC"
    metadata() {
      kubectl -n "$NAMESPACE" exec "$KAFKA_EXEC" -- sh -c 'exec kcat -b "${KAFKA_BROKERS:-broker:9092}" "$@"' kcat \
        ${KCAT_OPTIONS[@]+"${KCAT_OPTIONS[@]}"} -L -J -m "$TIMEOUT"
    }
  else
    # A second port-forward for the Kafka port: the lib keeps one pid, so both are stopped on exit here.
    http_forward_pid="$forward_pid"
    cleanup_forward() {
      kill "$http_forward_pid" 2>/dev/null || true
      [ -n "$forward_pid" ] && kill "$forward_pid" 2>/dev/null || true
    }
    port_forward "$NAMESPACE" "$SERVICE" 9092
    BOOTSTRAP="${URL#http://}"
    URL="$HTTP_URL"
  fi
fi
URL="${URL%/}"

echo "broker at $URL, Kafka at $BOOTSTRAP${NAMESPACE:+ (namespace $NAMESPACE, service $SERVICE)}"

# 1. alive and ready
for probe in live ready; do
  if get "/health/$probe"; then pass "/health/$probe: $body"; else fail "/health/$probe: $http_error"; fi
done

# 2. the Kafka port answers Metadata, with this broker and the topics
kcat_err="$(mktemp)"
if meta="$(metadata 2>"$kcat_err")" && jq -e '.brokers | length > 0' <<<"$meta" >/dev/null 2>&1; then
  brokers="$(jq -r '[.brokers[] | "id \(.id) at \(.name)"] | join(", ")' <<<"$meta")"
  topic_count="$(jq '[.topics[] | select(.topic | startswith("__") | not)] | length' <<<"$meta")"
  pass "Kafka metadata from $BOOTSTRAP: broker(s) $brokers; $topic_count topic(s) besides internal ones"
  if [ "$topic_count" -gt 0 ]; then
    printf '  %-48s %10s\n' TOPIC PARTITIONS
    jq -r --argjson n "$LIMIT" '[.topics[] | select(.topic | startswith("__") | not)] | sort_by(.topic) | .[:$n][] | [.topic, (.partitions | length)] | @tsv' <<<"$meta" |
      awk -F'\t' '{ printf "  %-48s %10s\n", $1, $2 }'
  fi
  while IFS=$'\t' read -r topic error; do
    fail "topic $topic: metadata error $error"
  done < <(jq -r '.topics[] | select(.err != null) | [.topic, .err] | @tsv' <<<"$meta")
  # 3. __consumer_offsets: reported by brokers that keep it; its absence is not a fault of this check.
  offsets_partitions="$(jq -r '.topics[] | select(.topic == "__consumer_offsets") | .partitions | length' <<<"$meta")"
  if [ -n "$offsets_partitions" ]; then
    pass "__consumer_offsets present ($offsets_partitions partitions)"
  else
    info "__consumer_offsets not reported by this broker (committed offsets are read through /consumer-groups)"
  fi
  for expected in ${EXPECT_TOPICS[@]+"${EXPECT_TOPICS[@]}"}; do
    partitions="$(jq -r --arg t "$expected" '.topics[] | select(.topic == $t) | .partitions | length' <<<"$meta")"
    if [ -n "$partitions" ]; then pass "topic $expected exists ($partitions partitions)"; else fail "topic $expected is not in the broker's metadata (create it, or produce to it with BROKER_AUTO_CREATE_TOPICS=true)"; fi
  done
else
  # kcat names the cause on stderr (connection refused, SASL, timeout); keep its last lines.
  cause="$(grep -m1 '^% ERROR' "$kcat_err" || tail -n 1 "$kcat_err")"
  fail "Kafka metadata from $BOOTSTRAP: no answer within ${TIMEOUT} s: ${cause#% ERROR: } (is the broker listening there? with SASL on, pass --kcat-option)"
  for expected in ${EXPECT_TOPICS[@]+"${EXPECT_TOPICS[@]}"}; do fail "topic $expected: not checked, no metadata"; done
fi
rm -f "$kcat_err"

# 4. the coordinator's groups, as the runbook's group inspection reads them
if get /consumer-groups; then
  groups="$body"
  count="$(jq '.groups | length' <<<"$groups")"
  pass "/consumer-groups: $count group(s)"
  if [ "$count" -gt 0 ]; then
    printf '  %-40s %-20s %-10s %-12s %10s %7s\n' GROUP STATE TYPE PROTOCOL GENERATION MEMBERS
    jq -r --argjson n "$LIMIT" '.groups[:$n][] | [.group_id, .state, (.protocol_type // "-"), (.protocol_name // "-"), .generation_id, .member_count] | @tsv' <<<"$groups" |
      awk -F'\t' '{ printf "  %-40s %-20s %-10s %-12s %10s %7s\n", $1, $2, $3, $4, $5, $6 }'
  fi
  for expected in ${EXPECT_GROUPS[@]+"${EXPECT_GROUPS[@]}"}; do
    encoded="$(jq -rn --arg v "$expected" '$v|@uri')"
    if get "/consumer-groups/$encoded/assignments"; then
      assigned="$(jq '[.assignments // {} | .[] | length] | add // 0' <<<"$body")"
      state="$(jq -r --arg g "$expected" '.groups[] | select(.group_id == $g) | "\(.state), generation \(.generation_id), \(.member_count) member(s)"' <<<"$groups")"
      pass "group $expected: ${state:-known}; $assigned partition(s) assigned"
    else
      fail "group $expected: $http_error (has a consumer with group.id $expected joined this broker?)"
    fi
  done
else
  fail "/consumer-groups: $http_error"
fi

# 5. what Prometheus scrapes
if get /metrics; then
  connections="$(awk '/^broker_kafka_connections[{ ]/ { sum += $NF } END { print sum + 0 }' <<<"$body")"
  pass "/metrics: $(grep -cv '^#' <<<"$body") lines, $connections Kafka connection(s) open"
else
  fail "/metrics: $http_error"
fi

finish
