#!/usr/bin/env bash
# Checks a running monitor-api the way an operator would by hand:
#   1. the service is alive and ready (/health/live, /health/ready);
#   2. every cluster it watches was swept recently and without error;
#   3. the consumer groups it sees, with state, members, lag (total, P95, max time lag), SLO
#      compliance and status; optionally that given groups are among them;
#   4. the governance alerts that are firing.
# Exit status 0 when every check passes, 1 otherwise (each failure is one FAIL line), 2 on bad usage.
#
# Localhost (default): curl against --url (http://127.0.0.1:3000).
# Kubernetes: --namespace NS checks the Deployment's ready replicas and reaches the Service through
# `kubectl port-forward` (nothing needs to be installed in the pod).
set -euo pipefail

usage() {
  cat <<'EOF'
usage: scripts/verify/monitor-api.sh [options]
  --url URL              localhost mode: the service's base URL (default http://127.0.0.1:3000)
  --namespace NS         Kubernetes mode in namespace NS (port-forward to the Service)
  --service NAME         the Service and Deployment name in Kubernetes mode (default monitor-api)
  --cluster ID           check only this cluster_id (default: every cluster the service watches)
  --token TOKEN          bearer token with monitor:read (default: $MONITOR_API_TOKEN; none with API auth off)
  --expect-group GROUP   fail unless GROUP is seen (repeatable; in --cluster, or in any cluster)
  --min-groups N         fail when fewer groups are seen in all (default 1)
  --max-sweep-age S      fail when a cluster's last sweep is older than S seconds (default 120)
  --limit N              groups listed per cluster, largest total lag first (default 50)
EOF
}

URL="http://127.0.0.1:3000"
NAMESPACE=""
SERVICE="monitor-api"
CLUSTER=""
TOKEN="${MONITOR_API_TOKEN:-}"
EXPECT=()
MIN_GROUPS=1
MAX_SWEEP_AGE=120
LIMIT=50
while [ $# -gt 0 ]; do
  case "$1" in
    --url) URL="${2:?--url needs a value}"; shift 2 ;;
    --namespace) NAMESPACE="${2:?--namespace needs a value}"; shift 2 ;;
    --service) SERVICE="${2:?--service needs a value}"; shift 2 ;;
    --cluster) CLUSTER="${2:?--cluster needs a value}"; shift 2 ;;
    --token) TOKEN="${2:?--token needs a value}"; shift 2 ;;
    --expect-group) EXPECT+=("${2:?--expect-group needs a value}"); shift 2 ;;
    --min-groups) MIN_GROUPS="${2:?--min-groups needs a value}"; shift 2 ;;
    --max-sweep-age) MAX_SWEEP_AGE="${2:?--max-sweep-age needs a value}"; shift 2 ;;
    --limit) LIMIT="${2:?--limit needs a value}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
for number in "$MIN_GROUPS" "$MAX_SWEEP_AGE" "$LIMIT"; do
  [[ "$number" =~ ^[0-9]+$ ]] || { echo "not a number: $number" >&2; exit 2; }
done
[ "$LIMIT" -ge 1 ] && [ "$LIMIT" -le 500 ] || { echo "--limit must be from 1 to 500" >&2; exit 2; }
for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y $tool" >&2; exit 2; }
done

# shellcheck source=scripts/verify/lib/checks.sh
source "$(dirname "$0")/lib/checks.sh"
TOKEN_HINT="pass a token with monitor:read: --token or MONITOR_API_TOKEN"
# shellcheck source=scripts/verify/lib/http.sh
source "$(dirname "$0")/lib/http.sh"

if [ -n "$NAMESPACE" ]; then
  command -v kubectl >/dev/null || { echo "missing kubectl" >&2; exit 2; }
  replicas="$(kubectl -n "$NAMESPACE" get deploy "$SERVICE" -o jsonpath='{.status.readyReplicas}/{.spec.replicas}' 2>&1)" || true
  if [[ "$replicas" =~ ^[1-9][0-9]*/ ]]; then pass "deployment $SERVICE ready replicas $replicas"; else fail "deployment $SERVICE ready replicas: ${replicas:-0}"; fi
  port_forward "$NAMESPACE" "$SERVICE" 3000
fi
URL="${URL%/}"

urlencode() { jq -rn --arg v "$1" '$v|@uri'; }

echo "monitor-api at $URL${NAMESPACE:+ (namespace $NAMESPACE, service $SERVICE)}"

# 1. alive and ready
for probe in live ready; do
  if get "/health/$probe"; then pass "/health/$probe: $body"; else fail "/health/$probe: $http_error"; fi
done

# 2. the clusters it watches, each swept recently
if get /api/v1/consumers/clusters; then
  clusters="$body"
else
  fail "/api/v1/consumers/clusters: $http_error"
  finish
fi
if [ -n "$CLUSTER" ]; then
  if ! jq -e --arg c "$CLUSTER" '.clusters | any(.cluster_id == $c)' <<<"$clusters" >/dev/null; then
    fail "cluster $CLUSTER is not watched; known: $(jq -r '[.clusters[].cluster_id] | join(", ")' <<<"$clusters")"
  fi
  cluster_ids=("$CLUSTER")
else
  mapfile -t cluster_ids < <(jq -r '.clusters[].cluster_id' <<<"$clusters")
fi
now="$(date +%s)"
for cluster in "${cluster_ids[@]}"; do
  row="$(jq -c --arg c "$cluster" '.clusters[] | select(.cluster_id == $c)' <<<"$clusters")"
  [ -z "$row" ] && continue
  swept="$(jq -r '.last_sweep_at // empty' <<<"$row")"
  error="$(jq -r '.last_error // empty' <<<"$row")"
  summary="$(jq -r '"\(.kind), \(.groups_count) groups (stable \(.state_counts.stable), rebalancing \(.state_counts.rebalancing), other \(.state_counts.other)), total lag \(.total_lag)"' <<<"$row")"
  if [ -z "$swept" ]; then
    fail "cluster $cluster: never swept${error:+: $error}"
  elif [ -n "$error" ]; then
    fail "cluster $cluster: the last sweep failed: $error"
  else
    age=$(( now - $(date -d "$swept" +%s) ))
    if [ "$age" -le "$MAX_SWEEP_AGE" ]; then pass "cluster $cluster: swept ${age} s ago; $summary"; else fail "cluster $cluster: last sweep ${age} s ago (more than ${MAX_SWEEP_AGE} s); $summary"; fi
  fi
done

# 3. the groups it sees, with lag, state and SLO
total_groups=0
seen_groups=()
for cluster in "${cluster_ids[@]}"; do
  if ! get "/api/v1/consumers/groups?cluster_id=$(urlencode "$cluster")&page_size=500"; then
    fail "cluster $cluster: /groups: $http_error"
    continue
  fi
  groups="$body"
  count="$(jq '.total' <<<"$groups")"
  total_groups=$((total_groups + count))
  mapfile -t names < <(jq -r '.items[].group_id' <<<"$groups")
  seen_groups+=("${names[@]/#/$cluster/}")
  echo "cluster $cluster: $count group(s)$([ "$count" -gt "$LIMIT" ] && echo ", the $LIMIT with the most lag:")"
  printf '  %-40s %-20s %7s %12s %10s %12s %7s %6s\n' GROUP STATE MEMBERS TOTAL_LAG P95_LAG MAX_TIME_LAG SLO STATUS
  while IFS=$'\t' read -r group; do
    if ! get "/api/v1/consumers/groups/$(urlencode "$group")/health?cluster_id=$(urlencode "$cluster")"; then
      fail "group $group: /health: $http_error"
      continue
    fi
    health="$body"
    jq -r '[.group_id, .state, .members_count, (.total_lag // "-"), (.lag_p95 // "-"),
            (if .time_lag_max_ms == null then "-" else "\(.time_lag_max_ms / 1000 | floor) s" end),
            (if .slo_compliance == null then "-" else "\(.slo_compliance * 100 | floor)%" end), .status] | @tsv' <<<"$health" |
      awk -F'\t' '{ printf "  %-40s %-20s %7s %12s %10s %12s %7s %6s\n", $1, $2, $3, $4, $5, $6, $7, $8 }'
  done < <(jq -r --argjson n "$LIMIT" '.items | sort_by(-(.total_lag // 0)) | .[:$n][] | .group_id' <<<"$groups")
done
if [ "$total_groups" -ge "$MIN_GROUPS" ]; then pass "$total_groups consumer group(s) seen"; else fail "$total_groups consumer group(s) seen, expected at least $MIN_GROUPS"; fi
for expected in ${EXPECT[@]+"${EXPECT[@]}"}; do
  found=""
  for seen in ${seen_groups[@]+"${seen_groups[@]}"}; do [ "${seen#*/}" = "$expected" ] && found="${seen%%/*}"; done
  if [ -n "$found" ]; then pass "group $expected seen (cluster $found)"; else fail "group $expected not seen in ${CLUSTER:-any cluster}"; fi
done

# 4. firing governance alerts
alerts_total=0
for cluster in "${cluster_ids[@]}"; do
  if ! get "/api/v1/consumers/alerts?cluster_id=$(urlencode "$cluster")"; then
    fail "cluster $cluster: /alerts: $http_error"
    continue
  fi
  alerts="$body"
  n="$(jq '[.alerts[] | select(.state == "firing")] | length' <<<"$alerts")"
  alerts_total=$((alerts_total + n))
  jq -r '.alerts[] | select(.state == "firing") | "ALERT \(.severity) \(.type) group \(.group_id)\(if .topic then " topic \(.topic)" else "" end)\(if .partition != null then "/\(.partition)" else "" end): \(.message) (since \(.opened_at))"' <<<"$alerts"
done
info "$alerts_total firing alert(s)"
finish
