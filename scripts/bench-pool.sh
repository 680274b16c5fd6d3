#!/usr/bin/env bash
# Pool exhaustion: many more concurrent requests than pooled connections, then one request right after the load.
#   scripts/bench-pool.sh            # POOL=10 WAIT=3 CONNECTIONS=200 DURATION=10 APPLICATIONS=1000
# Builds Release, starts a PostgreSQL in a temp folder (BENCH_PG_PORT), seeds APPLICATIONS with the tool, starts the
# portal in Production with "Maximum Pool Size=$POOL;Timeout=$WAIT" (pinned to core 0, wrk on the last core), signs in
# as the coordinator, drives /Coordinator with wrk at CONNECTIONS for DURATION seconds, and prints the answers by
# status, latency percentiles and the slowest answer; then the status and time of one request right after the load.
set -euo pipefail
source "$(dirname "$0")/lib/bench.sh"
cd "$REPO_ROOT"

POOL="${POOL:-10}"
WAIT="${WAIT:-3}"
CONNECTIONS="${CONNECTIONS:-200}"
DURATION="${DURATION:-10}"
APPLICATIONS="${APPLICATIONS:-1000}"
APP_PORT="${APP_PORT:-5098}"
BENCH_PG_PORT="${BENCH_PG_PORT:-55494}"

bench_prepare pool
bench_start_postgres "$BENCH_PG_PORT"
"${PSQL[@]}" -d postgres -c "CREATE DATABASE pool_bench"
CS="Host=127.0.0.1;Port=$BENCH_PG_PORT;Database=pool_bench;Username=postgres"
log "Seeding $APPLICATIONS applications"
ConnectionStrings__Portal="$CS" dotnet "$TOOLS" seed --applications "$APPLICATIONS" | grep -E "done in|rror" || true

log "Starting the portal (Production) with Maximum Pool Size=$POOL;Timeout=$WAIT"
bench_start_portal "$WORK/app.log" ConnectionStrings__Portal="$CS;Maximum Pool Size=$POOL;Timeout=$WAIT"

COOKIE=$(sign_in coordinator@bench.local)
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
pin "$WRK_CPU" wrk -t1 -c32 -d3s --timeout 30s -H "Cookie: $COOKIE" "$URL" >/dev/null
log "$CONNECTIONS connections for $DURATION s against a pool of $POOL"
pin "$WRK_CPU" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s -s "$WORK/pool.lua" -H "Cookie: $COOKIE" "$URL" | grep '^POOL'
curl -s -o /dev/null -w 'AFTER status=%{http_code} time=%{time_total}s\n' -H "Cookie: $COOKIE" "$URL"
grep -c '"@l":"Warning"' "$WORK/app.log" | sed 's/^/warnings logged: /'
grep -c '"@l":"Error"' "$WORK/app.log" | sed 's/^/errors logged: /' || true
