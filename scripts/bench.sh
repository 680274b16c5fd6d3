#!/usr/bin/env bash
# The benchmark: key pages against the Fortunes baseline, at 1,000 and at 100,000 applications.
#   scripts/bench.sh                      # SCALES="1000 100000" ROUNDS=5 DURATION=10 CONNECTIONS=32
# Builds Release, starts a dedicated PostgreSQL (pg_stat_statements) in a temp folder on BENCH_PG_PORT, seeds each
# scale into its own database, starts the portal in Production with Benchmark__Enabled=true (pinned to core 0;
# wrk on core 1), signs in as each role through the real login form, then runs wrk on every page, pages interleaved,
# over ROUNDS rounds. Prints per page the median over the rounds of requests/s (and its ratio to the baseline),
# p50/p95/p99 latency, non-2xx responses, SQL statements per request (pg_stat_statements), the server's memory per
# round, and p95(largest scale)/p95(smallest scale); then each page's server time with one connection, SOLO_PASSES (5)
# passes of SOLO_SECONDS (1) per page with the baseline first in each pass, as milliseconds and as a multiple of the
# baseline's (medians over the passes); writes the same into docs/performance.md (RESULTS_FILE).
#   scripts/bench.sh --profile PAGE       # PAGE: a page name below (review = coordinator-application); SCALES="100000"
# Profiling mode: the same setup, then PROFILE_SECONDS (15) of CPU samples (dotnet-trace collect-linux, as root) of the
# portal under load on PAGE; writes .local/profile-PAGE.nettrace, its speedscope JSON and the top 20 methods by
# inclusive time (.local/profile-PAGE.top.txt), and the samples grouped by concern (.local/profile-PAGE.groups.txt,
# the tool's profile-groups). No rounds, and docs/performance.md is left as it is. Several pages:
# --profile "review coordinator-filtered applicant-application" (one setup, one trace per page).
#   KEEP_DB=1 scripts/bench.sh ...        # keeps the PostgreSQL cluster in BENCH_KEEP_DIR (/var/tmp/exchange-portal-bench-keep)
# and reuses a database seeded by an earlier KEEP_DB run at the same scale (seeding 100,000 takes a minute); the portal
# then applies any newer migrations at start. Without KEEP_DB every run seeds a fresh cluster in a temp folder.
set -euo pipefail
source "$(dirname "$0")/lib/bench.sh"
cd "$REPO_ROOT"

PROFILE_PAGE=""
if [ "${1:-}" = --profile ]; then
    PROFILE_PAGE="${2:?usage: scripts/bench.sh --profile PAGE}"
    PROFILE_PAGE="${PROFILE_PAGE//review/coordinator-application}"
    SCALES="${SCALES:-100000}"
fi
PROFILE_SECONDS="${PROFILE_SECONDS:-15}"
SCALES="${SCALES:-1000 100000}"
ROUNDS="${ROUNDS:-5}"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-32}"
SOLO_PASSES="${SOLO_PASSES:-5}"
SOLO_SECONDS="${SOLO_SECONDS:-1}"
APP_PORT="${APP_PORT:-5097}"
BENCH_PG_PORT="${BENCH_PG_PORT:-55493}"
RESULTS_FILE="${RESULTS_FILE:-$REPO_ROOT/docs/performance.md}"

bench_prepare bench
bench_start_postgres "$BENCH_PG_PORT" -c shared_buffers=512MB -c shared_preload_libraries=pg_stat_statements \
    -c pg_stat_statements.track=top -c pg_stat_statements.track_utility=off
"${PSQL[@]}" -d postgres -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"

# wrk prints one machine-readable line: requests, requests/s, p50, p95, p99 (ms), non-2xx/3xx, socket errors.
cat >"$WORK/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %.1f %.2f %.2f %.2f %d %d\n", summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, e.status,
    e.connect + e.read + e.write + e.timeout))
end
LUA

statements() {
    "${PSQL[@]}" -d postgres -c "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '$1'"
}

# profile_page NAME: CPU samples of the portal while wrk loads the page NAME (one of PAGES), into .local/.
profile_page() {
    local entry name role path out="$REPO_ROOT/.local/profile-$1"
    for entry in "${PAGES[@]}"; do
        IFS='|' read -r name role path <<<"$entry"
        [ "$name" = "$1" ] && break
        name=""
    done
    [ -n "$name" ] || { echo "No page named $1; pages: ${PAGES[*]%%|*}" >&2; exit 1; }
    [ "$(id -u)" = 0 ] || { echo "dotnet-trace collect-linux needs root (perf_events)" >&2; exit 1; }
    mkdir -p "$REPO_ROOT/.local"
    log "Profiling $name ($path) at $SCALE applications for $PROFILE_SECONDS s"
    run_wrk "$name" "$role" "$path" $((PROFILE_SECONDS + 6)) >"$WORK/profile-wrk.txt" &
    local wrk_pid=$!
    sleep 3
    dotnet dotnet-trace collect-linux -p "$SERVER_PID" --profile cpu-sampling --duration "00:00:$(printf '%02d' "$PROFILE_SECONDS")" \
        -o "$out.nettrace" >"$WORK/profile-collect.log" 2>&1 || { cat "$WORK/profile-collect.log" >&2; exit 1; }
    wait "$wrk_pid"
    dotnet dotnet-trace convert "$out.nettrace" --format Speedscope -o "$out" >/dev/null
    dotnet dotnet-trace report "$out.nettrace" topN -n 20 --inclusive >"$out.top.txt"
    # The samples grouped by concern (innermost group per sample, and inclusive), threads and the top managed methods.
    dotnet "$TOOLS" profile-groups "$out.nettrace" 60 >"$out.groups.txt"
    read -r _ requests rps p50 p95 _ _ _ <"$WORK/profile-wrk.txt"
    printf '%s under load: %s req/s, p50 %s ms, p95 %s ms\n' "$name" "$rps" "$p50" "$p95" | tee -a "$out.top.txt" >&2
    cat "$out.top.txt"
    head -22 "$out.groups.txt"
    log "Wrote $out.nettrace, $out.speedscope.json, $out.top.txt and $out.groups.txt"
}

RESULTS="$WORK/results.tsv"
MEMORY="$WORK/memory.tsv"
SOLO="$WORK/solo.tsv"
: >"$RESULTS"
: >"$MEMORY"
: >"$SOLO"

for SCALE in $SCALES; do
    bench_seed "$SCALE"

    log "Starting the portal (Production, benchmark on) on 127.0.0.1:$APP_PORT"
    bench_start_portal "$WORK/app-$SCALE.log" ConnectionStrings__Portal="$CS" Benchmark__Enabled=true Database__MigrateOnStartup=true
    # The dotnet process itself (the subshell execs into taskset, which execs dotnet).
    SERVER_PID=$APP_PID

    bench_pages
    # Fresh cookies every round: the portal revalidates the security stamp of a cookie older than 5 minutes (and
    # reissues it, which wrk does not keep), which would add the user's queries to every request of later rounds.
    declare -A COOKIE
    sign_in_all() {
        COOKIE[anonymous]=""
        COOKIE[applicant]="$(sign_in "$APPLICANT")"
        COOKIE[coordinator]="$(sign_in coordinator@bench.local)"
        COOKIE[admin]="$(sign_in admin@bench.local)"
    }
    sign_in_all

    run_wrk() { # NAME ROLE PATH SECONDS -> "BENCH ..." line
        local header=()
        [ -n "${COOKIE[$2]}" ] && header=(-H "Cookie: ${COOKIE[$2]}")
        pin "$WRK_CPU" wrk -t1 -c"$CONNECTIONS" -d"${4}s" --timeout 10s -s "$WORK/report.lua" "${header[@]}" \
            "http://127.0.0.1:$APP_PORT$3" | grep '^BENCH'
    }

    log "Checking every page answers 200, then warming up"
    for entry in "${PAGES[@]}"; do
        IFS='|' read -r name role path <<<"$entry"
        bench_expect_200 "$name" "$path" "$APP_PORT" "${COOKIE[$role]}"
        run_wrk "$name" "$role" "$path" 2 >/dev/null
    done
    bench_wait_idle "$SERVER_PID"
    if [ -n "$PROFILE_PAGE" ]; then
        for page in $PROFILE_PAGE; do profile_page "$page"; done
        kill "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null || true
        APP_PID=""
        unset COOKIE
        continue
    fi

    for round in $(seq 1 "$ROUNDS"); do
        log "Scale $SCALE, round $round of $ROUNDS"
        sign_in_all
        for entry in "${PAGES[@]}"; do
            IFS='|' read -r name role path <<<"$entry"
            "${PSQL[@]}" -d postgres -c "SELECT pg_stat_statements_reset()" >/dev/null
            read -r _ requests rps p50 p95 p99 non2xx errors < <(run_wrk "$name" "$role" "$path" "$DURATION")
            calls=$(statements "$DB")
            sql=$(awk -v c="$calls" -v r="$requests" 'BEGIN { printf "%.1f", (r > 0 ? c / r : 0) }')
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$SCALE" "$round" "$name" "$rps" "$p50" "$p95" "$p99" "$non2xx" "$errors" "$sql" >>"$RESULTS"
            printf '  %-24s %9s req/s  p95 %7s ms  non-2xx %s  SQL/request %s\n' "$name" "$rps" "$p95" "$non2xx" "$sql" >&2
        done
        rss=$(awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$SERVER_PID/status")
        printf '%s\t%s\t%s\n' "$SCALE" "$round" "$rss" >>"$MEMORY"
    done
    # Server time: one connection, one request at a time (no queueing), after the rounds. SOLO_PASSES passes of
    # SOLO_SECONDS per page, the baseline first in each pass: this machine's one-connection latency moves by up to 2x
    # within minutes, so each page is compared with the baseline measured just before it (the ratio per pass), and the
    # report gives the medians over the passes.
    log "Scale $SCALE, server time per page (1 connection, $SOLO_PASSES passes)"
    sign_in_all
    bench_wait_idle "$SERVER_PID"
    for pass in $(seq 1 "$SOLO_PASSES"); do
        for entry in "${PAGES[@]}"; do
            IFS='|' read -r name role path <<<"$entry"
            header=()
            [ -n "${COOKIE[$role]}" ] && header=(-H "Cookie: ${COOKIE[$role]}")
            read -r _ _ _ p50 _ _ _ _ < <(pin "$WRK_CPU" wrk -t1 -c1 -d"${SOLO_SECONDS}s" --timeout 10s -s "$WORK/report.lua" "${header[@]}" \
                "http://127.0.0.1:$APP_PORT$path" | grep '^BENCH')
            printf '%s\t%s\t%s\t%s\n' "$SCALE" "$pass" "$name" "$p50" >>"$SOLO"
        done
    done
    peak=$(awk '/VmHWM/ { print int($2 / 1024) }' "/proc/$SERVER_PID/status")
    printf '%s\tpeak\t%s\n' "$SCALE" "$peak" >>"$MEMORY"

    kill "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
    unset COOKIE
done

[ -n "$PROFILE_PAGE" ] && exit 0

# Medians over the rounds, per scale and page.
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { awk -F'\t' -v s="$1" -v p="$2" -v c="$3" '$1 == s && $3 == p { print $c }' "$RESULTS" | median; }
# One-connection p50: the median over the passes, and the median over the passes of the page's p50 / the baseline's.
solo() { awk -F'\t' -v s="$1" -v p="$2" '$1 == s && $3 == p { print $4 }' "$SOLO" | median; }
solo_ratio() {
    awk -F'\t' -v s="$1" -v p="$2" '$1 == s && $3 == "baseline" { b[$2] = $4 } $1 == s && $3 == p { v[$2] = $4 }
        END { for (k in v) if (b[k] > 0) printf "%.2f\n", v[k] / b[k] }' "$SOLO" | median
}
sumcol() { awk -F'\t' -v s="$1" -v p="$2" -v c="$3" '$1 == s && $3 == p { t += $c } END { print t + 0 }' "$RESULTS"; }
PAGE_NAMES=$(awk -F'\t' '!seen[$3]++ { print $3 }' "$RESULTS")
FIRST_SCALE=${SCALES%% *}
LAST_SCALE=${SCALES##* }

REPORT="$WORK/report.md"
{
    echo "Run on $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(lscpu | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print $2; exit }')), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo);"
    echo "$ROUNDS rounds of ${DURATION} s per page, pages interleaved, $CONNECTIONS connections, wrk on core $WRK_CPU, the portal on core $APP_CPU."
    echo "Medians over the rounds; non-2xx summed over the rounds; SQL statements per request from pg_stat_statements;"
    echo "server ms: the median latency with one connection (one request at a time, no queueing), after the rounds: the median"
    echo "over $SOLO_PASSES passes of ${SOLO_SECONDS} s per page; × baseline: the median over the passes of the page's figure / the baseline's of the same pass."
    for SCALE in $SCALES; do
        base=$(col "$SCALE" baseline 4)
        echo
        echo "### $SCALE applications"
        echo
        echo "| page | requests/s | vs baseline | p50 ms | p95 ms | p99 ms | non-2xx | SQL/request | server ms (1 connection, p50) | server ms × baseline |"
        echo "|---|---|---|---|---|---|---|---|---|---|"
        for page in $PAGE_NAMES; do
            rps=$(col "$SCALE" "$page" 4)
            ratio=$(awk -v r="$rps" -v b="$base" 'BEGIN { printf "%.2f", (b > 0 ? r / b : 0) }')
            echo "| $page | $rps | $ratio | $(col "$SCALE" "$page" 5) | $(col "$SCALE" "$page" 6) | $(col "$SCALE" "$page" 7) | $(sumcol "$SCALE" "$page" 8) | $(col "$SCALE" "$page" 10) | $(solo "$SCALE" "$page") | $(solo_ratio "$SCALE" "$page") |"
        done
        echo
        echo "Server memory (RSS, MB) after each round: $(awk -F'\t' -v s="$SCALE" '$1 == s && $2 != "peak" { printf "%s%s", sep, $3; sep = ", " }' "$MEMORY"); peak $(awk -F'\t' -v s="$SCALE" '$1 == s && $2 == "peak" { print $3 }' "$MEMORY") MB."
    done
    if [ "$FIRST_SCALE" != "$LAST_SCALE" ]; then
        echo
        echo "### p95 at $LAST_SCALE / p95 at $FIRST_SCALE applications"
        echo
        echo "| page | p95 $FIRST_SCALE (ms) | p95 $LAST_SCALE (ms) | ratio | SQL/request $FIRST_SCALE → $LAST_SCALE |"
        echo "|---|---|---|---|---|"
        for page in $PAGE_NAMES; do
            a=$(col "$FIRST_SCALE" "$page" 6); b=$(col "$LAST_SCALE" "$page" 6)
            echo "| $page | $a | $b | $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }') | $(col "$FIRST_SCALE" "$page" 10) → $(col "$LAST_SCALE" "$page" 10) |"
        done
    fi
} >"$REPORT"

echo
cat "$REPORT"

# Into the results file, between the markers (added at its end the first time).
if [ -n "$RESULTS_FILE" ]; then
    touch "$RESULTS_FILE"
    if ! grep -q '<!-- bench:start -->' "$RESULTS_FILE"; then
        printf '\n## Benchmark results (`scripts/bench.sh`)\n\n<!-- bench:start -->\n<!-- bench:end -->\n' >>"$RESULTS_FILE"
    fi
    awk -v report="$REPORT" '
        /<!-- bench:start -->/ { print; while ((getline line < report) > 0) print line; skip = 1; next }
        /<!-- bench:end -->/ { skip = 0 }
        !skip { print }' "$RESULTS_FILE" >"$WORK/results.md"
    cp "$WORK/results.md" "$RESULTS_FILE"
    log "Results written to $RESULTS_FILE"
fi
