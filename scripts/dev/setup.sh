#!/usr/bin/env bash
# Makes a fresh clone ready to run and test: Node packages, Debian packages the tests use,
# Redis and Postgres running, the Prisma client generated, the database created and migrated.
# Safe to run again: each step does nothing when its work is already done.
set -euo pipefail
cd "$(dirname "$0")/../.."

log() { printf '[setup] %s\n' "$*" >&2; }
fail() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
[ "$node_major" -ge 20 ] || fail "Node.js 20.19 or newer is required (found $(node --version 2>/dev/null || echo none)); install Debian package nodejs or use nvm"

# npm packages: reinstall only when the lockfile changed since the last install.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -d node_modules ] || [ "$(cat node_modules/.lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  log "installing npm packages (npm ci)"
  # The registry mirror these machines use does not serve some other platforms' optional native
  # packages, so npm cannot record them in the lockfile and `npm ci` calls the lock out of sync.
  # `npm install --no-save` then installs the same locked versions without rewriting the lock.
  if ! npm ci --no-audit --no-fund --loglevel=error 2>tmp-npm-ci.log; then
    if grep -q 'Missing: .* from lock file' tmp-npm-ci.log; then
      log "npm ci refused the lockfile (optional packages of other platforms missing); installing the locked versions with npm install --no-save"
      npm install --no-save --no-audit --no-fund --loglevel=error
    else
      cat tmp-npm-ci.log >&2
      rm -f tmp-npm-ci.log
      fail "npm ci failed"
    fi
  fi
  rm -f tmp-npm-ci.log
  echo "$lock_hash" > node_modules/.lock-hash
fi

# Debian packages the test suite drives (real Kafka clients, a browser): listed one per line.
missing=()
while read -r pkg; do
  [ -z "$pkg" ] || [[ "$pkg" == \#* ]] && continue
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done < <(cat scripts/dev/debian-packages.txt 2>/dev/null || true)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    fail "missing Debian packages: sudo apt-get install ${missing[*]}"
  fi
fi

# Redis: start the installed server if it is not answering.
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  command -v redis-server >/dev/null || fail "Redis is not installed: apt-get install redis-server"
  log "starting Redis on 127.0.0.1:6379"
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 50); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.1; done
  redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 || fail "Redis did not start; see /var/log/redis/ci.log"
fi

# Postgres: start the installed cluster if it is not accepting connections.
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ] || fail "PostgreSQL is not installed: apt-get install postgresql"
  log "starting PostgreSQL on 127.0.0.1:5432"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start
  for _ in $(seq 100); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.1; done
  pg_isready -q -h 127.0.0.1 -p 5432 || fail "PostgreSQL did not start; see /var/log/postgresql/"
fi

# Prisma client: regenerate when the schema changed.
schema_hash=$(sha256sum prisma/schema.prisma | cut -d' ' -f1)
if [ "$(cat libs/db/src/generated/.schema-hash 2>/dev/null)" != "$schema_hash" ]; then
  log "generating the Prisma client"
  node scripts/db/generate.js >/dev/null
  echo "$schema_hash" > libs/db/src/generated/.schema-hash
fi

log "applying migrations to ${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/streaming}"
npx --no-install tsx scripts/db/migrate.ts >/dev/null
log "ready"
