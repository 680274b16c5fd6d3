#!/usr/bin/env bash
# Pool exhaustion: many more concurrent requests than pooled connections, then one request right after the load.
#   scripts/bench-pool.sh            # POOL=10 WAIT=3 CONNECTIONS=200 DURATION=10 APPLICATIONS=1000
# Builds Release, starts a PostgreSQL in a temp folder (BENCH_PG_PORT), seeds APPLICATIONS with the tool, starts the
# portal in Production with "Maximum Pool Size=$POOL;Timeout=$WAIT" (pinned to core 0, wrk on the last core), signs in
# as the coordinator, drives /Coordinator with wrk at CONNECTIONS for DURATION seconds, and prints the answers by
# status, latency percentiles and the slowest answer; then the status and time of one request right after the load.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
ensure_certificate_font
cd "$REPO_ROOT"

POOL="${POOL:-10}"
WAIT="${WAIT:-3}"
CONNECTIONS="${CONNECTIONS:-200}"
DURATION="${DURATION:-10}"
APPLICATIONS="${APPLICATIONS:-1000}"
APP_PORT="${APP_PORT:-5098}"
BENCH_PG_PORT="${BENCH_PG_PORT:-55494}"
PASSWORD="Portal-Demo-2026"

command -v wrk >/dev/null || apt_install wrk
ensure_postgres_binaries
ensure_dotnet_tools

WORK="$(mktemp -d /var/tmp/exchange-portal-pool.XXXXXX)"
chmod 755 "$WORK"
PG_DIR="$WORK/postgres"
APP_PID=""
cleanup() {
    [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
    pg_run "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
CORES=$(nproc)
pin() { local cpu="$1"; shift; if [ "$CORES" -gt 1 ] && command -v taskset >/dev/null; then taskset -c "$cpu" "$@"; else "$@"; fi; }

log "Building Release"
dotnet build src/ExchangePortal.Web -c Release -nologo -v q >/dev/null
dotnet build tools/ExchangePortal.Tools -c Release -nologo -v q >/dev/null
DLL="bin/Release/net10.0/ExchangePortal.Web.dll"
TOOLS="$REPO_ROOT/tools/ExchangePortal.Tools/bin/Release/net10.0/ExchangePortal.Tools.dll"

log "Starting PostgreSQL on 127.0.0.1:$BENCH_PG_PORT"
mkdir -p "$PG_DIR"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$PG_DIR"
pg_run "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
pg_run "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 -o "-c listen_addresses=127.0.0.1 -p $BENCH_PG_PORT -k $PG_DIR \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
"$PG_BIN/psql" -h 127.0.0.1 -p "$BENCH_PG_PORT" -U postgres -qAt -d postgres -c "CREATE DATABASE pool_bench"
CS="Host=127.0.0.1;Port=$BENCH_PG_PORT;Database=pool_bench;Username=postgres"
log "Seeding $APPLICATIONS applications"
ConnectionStrings__Portal="$CS" dotnet "$TOOLS" seed --applications "$APPLICATIONS" | grep -E "done in|rror" || true

log "Starting the portal (Production) with Maximum Pool Size=$POOL;Timeout=$WAIT"
(cd src/ExchangePortal.Web && exec env ConnectionStrings__Portal="$CS;Maximum Pool Size=$POOL;Timeout=$WAIT" ASPNETCORE_ENVIRONMENT=Production DataProtection__AllowUnprotectedKeys=true \
    Portal__PublicUrl="http://127.0.0.1:$APP_PORT/" Email__Enabled=false Offers__LapseEnabled=false RateLimits__FormPostsPerMinute=100000 \
    taskset -c 0 dotnet "$DLL" --urls "http://127.0.0.1:$APP_PORT" >"$WORK/app.log" 2>&1) &
APP_PID=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$APP_PORT/health/live" >/dev/null && break; sleep 0.5; done

jar="$WORK/jar"
token=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$APP_PORT/Identity/Account/Login" \
    | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.Email=coordinator@bench.local" \
    --data-urlencode "Input.Password=$PASSWORD" --data-urlencode "__RequestVerificationToken=$token" \
    "http://127.0.0.1:$APP_PORT/Identity/Account/Login"
COOKIE=$(sed 's/^#HttpOnly_//' "$jar" | awk -F'\t' 'NF >= 7 && $1 !~ /^#/ { printf "%s%s=%s", sep, $6, $7; sep = "; " }')
URL="http://127.0.0.1:$APP_PORT/Coordinator"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$URL")" = 200 ] || { echo "/Coordinator did not answer 200" >&2; exit 1; }

# Counts answers by status (wrk's response hook), then prints them with the latency figures.
cat >"$WORK/pool.lua" <<'LUA'
counts = {}
local threads = {}
setup = function(thread) table.insert(threads, thread) end
init = function() counts = {} end
response = function(status) counts[status] = (counts[status] or 0) + 1 end
done = function(summary, latency, requests)
  local byStatus = {}
  for _, t in ipairs(threads) do
    for s, n in pairs(t:get("counts")) do byStatus[s] = (byStatus[s] or 0) + n end
  end
  local parts = {}
  for s, n in pairs(byStatus) do table.insert(parts, s .. "=" .. n) end
  io.write(string.format("POOL requests=%d rps=%.1f p50=%.0fms p95=%.0fms p99=%.0fms max=%.0fms timeouts=%d statuses=%s\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.errors.timeout, table.concat(parts, ",")))
end
LUA
log "Warming up (32 connections, 3 s)"
pin $((CORES - 1)) wrk -t1 -c32 -d3s --timeout 30s -H "Cookie: $COOKIE" "$URL" >/dev/null
log "$CONNECTIONS connections for $DURATION s against a pool of $POOL"
pin $((CORES - 1)) wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s -s "$WORK/pool.lua" -H "Cookie: $COOKIE" "$URL" | grep '^POOL'
curl -s -o /dev/null -w 'AFTER status=%{http_code} time=%{time_total}s\n' -H "Cookie: $COOKIE" "$URL"
grep -c '"@l":"Warning"' "$WORK/app.log" | sed 's/^/warnings logged: /'
grep -c '"@l":"Error"' "$WORK/app.log" | sed 's/^/errors logged: /' || true
