# Shared by the verify scripts that read Redis (sourced, not run): `rcli` runs redis-cli against REDIS_URL, or, with
# NAMESPACE set, through `kubectl exec` in REDIS_EXEC with that pod's own REDIS_URL (a Redis pod has none and answers
# on localhost). Exits 2 when the tool it needs is missing.
if [ -z "$NAMESPACE" ]; then
  command -v redis-cli >/dev/null || { echo "missing redis-cli: apt-get install -y redis-tools" >&2; exit 2; }
  rcli() { redis-cli -u "$REDIS_URL" "$@"; }
else
  command -v kubectl >/dev/null || { echo "missing kubectl" >&2; exit 2; }
  rcli() { kubectl -n "$NAMESPACE" exec -i "$REDIS_EXEC" -- sh -c 'exec redis-cli -u "${REDIS_URL:-redis://127.0.0.1:6379}" "$@"' redis-cli "$@"; }
fi
