# Shared by the verify scripts (sourced, not run): reach a service's HTTP API and read JSON from it.
# Expects `fail` and `finish` functions and, for get, TOKEN and TOKEN_HINT (what token to bring).

forward_pid=""
cleanup_forward() { [ -n "$forward_pid" ] && kill "$forward_pid" 2>/dev/null || true; }

# port_forward NS SERVICE PORT: `kubectl port-forward` to the Service on a free local port, URL set to it.
port_forward() {
  local namespace="$1" service="$2" remote_port="$3" forward_log port=""
  forward_log="$(mktemp)"
  kubectl -n "$namespace" port-forward "svc/$service" ":$remote_port" >"$forward_log" 2>&1 &
  forward_pid=$!
  trap cleanup_forward EXIT
  for _ in $(seq 50); do
    port="$(sed -n 's/^Forwarding from 127\.0\.0\.1:\([0-9]*\) .*/\1/p' "$forward_log" | head -1)"
    [ -n "$port" ] && break
    kill -0 "$forward_pid" 2>/dev/null || break
    sleep 0.2
  done
  if [ -z "$port" ]; then
    fail "kubectl port-forward svc/$service: $(tr '\n' ' ' <"$forward_log")"
    rm -f "$forward_log"
    finish
  fi
  rm -f "$forward_log"
  URL="http://127.0.0.1:$port"
}

# get PATH: the body in $body; non-zero unless 2xx, with the status and body in $http_error.
body=""
http_error=""
get() {
  local out status
  local args=(-sS --max-time 10 -w '\n%{http_code}')
  [ -n "$TOKEN" ] && args+=(-H "Authorization: Bearer $TOKEN")
  body=""
  if ! out="$(curl "${args[@]}" "${URL%/}$1" 2>&1)"; then
    http_error="${out%%$'\n'*}"
    return 1
  fi
  status="${out##*$'\n'}"
  out="${out%$'\n'*}"
  if [[ "$status" != 2* ]]; then
    http_error="HTTP $status $(jq -c . <<<"$out" 2>/dev/null || echo "$out")"
    [[ "$status" == 401 || "$status" == 403 ]] && http_error="$http_error ($TOKEN_HINT)"
    return 1
  fi
  body="$out"
}
