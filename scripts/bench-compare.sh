#!/usr/bin/env bash
# Two builds side by side, one connection: this checkout against BASE (a commit), page by page.
#   scripts/bench-compare.sh BASE [PAGE...]   # SCALE=100000 PASSES=7 SOLO_SECONDS=1; pages as in scripts/bench.sh
# Builds Release here and BASE in a temporary worktree, uses the kept benchmark database of SCALE (as KEEP_DB=1 does,
# seeding it the first time), starts both portals on core 0 (BASE on APP_PORT + 1), and in each pass measures every page
# with one connection on both builds (which one first alternates by pass), the baseline first. Prints per page the median
# p50 of each build and the median of the per-pass ratios (here / BASE), and the same for the portal's CPU time per
# request (its process's user + system time over the pass), with this build's CPU per request as a multiple of the
# baseline page's. Both portals are left to settle after the warm-up (bench_wait_idle). This machine's one-connection
# latency moves by up to 2x within minutes: two benchmark runs minutes apart cannot tell a 10 % change, two builds
# measured in the same second can.
set -euo pipefail
source "$(dirname "$0")/lib/bench.sh"
cd "$REPO_ROOT"

BASE="${1:?usage: scripts/bench-compare.sh BASE [PAGE...]}"
shift
SCALE="${SCALE:-100000}"
PASSES="${PASSES:-7}"
SOLO_SECONDS="${SOLO_SECONDS:-1}"
APP_PORT="${APP_PORT:-5097}"
BENCH_PG_PORT="${BENCH_PG_PORT:-55493}"
export KEEP_DB=1

bench_prepare compare
log "Building $BASE in a worktree"
git worktree add --detach "$WORK/base" "$BASE" >/dev/null 2>&1
BASE_PID=""
trap 'kill $BASE_PID 2>/dev/null; git worktree remove --force "$WORK/base" 2>/dev/null; bench_cleanup' EXIT
dotnet build "$WORK/base/src/ExchangePortal.Web" -c Release -nologo -v q >/dev/null
bench_start_postgres "$BENCH_PG_PORT" -c shared_buffers=512MB
bench_seed "$SCALE"
bench_pages

SETTINGS=(ConnectionStrings__Portal="$CS" Benchmark__Enabled=true)
log "Starting both portals"
APP_PORT=$((APP_PORT + 1)) PORTAL_DIR="$WORK/base/src/ExchangePortal.Web" bench_start_portal "$WORK/base.log" "${SETTINGS[@]}"
BASE_PID=$APP_PID
bench_start_portal "$WORK/here.log" "${SETTINGS[@]}" Database__MigrateOnStartup=true

declare -A COOKIE PID
PID[$APP_PORT]=$APP_PID
PID[$((APP_PORT + 1))]=$BASE_PID
for port in "$APP_PORT" $((APP_PORT + 1)); do
    COOKIE[anonymous@$port]=""
    COOKIE[applicant@$port]="$(APP_PORT=$port sign_in "$APPLICANT")"
    COOKIE[coordinator@$port]="$(APP_PORT=$port sign_in coordinator@bench.local)"
    COOKIE[admin@$port]="$(APP_PORT=$port sign_in admin@bench.local)"
done

cat >"$WORK/p50.lua" <<'LUA'
done = function(summary, latency, requests) io.write(string.format("P50 %.3f %d\n", latency:percentile(50) / 1000, summary.requests)) end
LUA
# p50 PORT ROLE PATH SECONDS: the median latency in ms of one connection, and the portal's CPU time per request in ms
# (user + system time of its process over the run, from /proc, divided by the requests): the portal's own work, without
# PostgreSQL's or the wait for the network; on this machine it moves from pass to pass about as much as the latency.
p50() {
    local header=() before out
    [ -n "${COOKIE[$2@$1]}" ] && header=(-H "Cookie: ${COOKIE[$2@$1]}")
    before=$(cpu_ticks "${PID[$1]}")
    out=$(pin "$WRK_CPU" wrk -t1 -c1 -d"${4}s" --timeout 10s -s "$WORK/p50.lua" "${header[@]}" "http://127.0.0.1:$1$3" | awk '/^P50/ { print $2, $3 }')
    awk -v out="$out" -v ticks=$(($(cpu_ticks "${PID[$1]}") - before)) -v hz="$(getconf CLK_TCK)" \
        'BEGIN { split(out, f, " "); printf "%s\t%.3f\n", f[1], (f[2] > 0 ? 1000 * ticks / hz / f[2] : 0) }'
}

WANTED=("$@")
SELECTED=()
for entry in "${PAGES[@]}"; do
    name="${entry%%|*}"
    if [ "$name" = baseline ] || [ ${#WANTED[@]} -eq 0 ] || [[ " ${WANTED[*]} " == *" $name "* ]]; then SELECTED+=("$entry"); fi
done

log "Warming up"
for entry in "${SELECTED[@]}"; do
    IFS='|' read -r name role path <<<"$entry"
    for port in $((APP_PORT + 1)) "$APP_PORT"; do
        bench_expect_200 "$name" "$path" "$port" "${COOKIE[$role@$port]}"
        p50 "$port" "$role" "$path" 2 >/dev/null
    done
done

log "Waiting for both portals to settle"
bench_wait_idle "$APP_PID" "$BASE_PID"

: >"$WORK/passes.tsv"
for pass in $(seq 1 "$PASSES"); do
    log "Pass $pass of $PASSES"
    for entry in "${SELECTED[@]}"; do
        IFS='|' read -r name role path <<<"$entry"
        # The build measured second did better in a trial of identical pages (0.83 on the baseline): the order alternates.
        if [ $((pass % 2)) = 1 ]; then
            base=$(p50 $((APP_PORT + 1)) "$role" "$path" "$SOLO_SECONDS")
            here=$(p50 "$APP_PORT" "$role" "$path" "$SOLO_SECONDS")
        else
            here=$(p50 "$APP_PORT" "$role" "$path" "$SOLO_SECONDS")
            base=$(p50 $((APP_PORT + 1)) "$role" "$path" "$SOLO_SECONDS")
        fi
        # name, p50 base, p50 here, CPU base, CPU here
        printf '%s\t%s\t%s\t%s\t%s\n' "$name" "${base%%$'\t'*}" "${here%%$'\t'*}" "${base#*$'\t'}" "${here#*$'\t'}" >>"$WORK/passes.tsv"
    done
done

echo
echo "One connection at $SCALE applications, $PASSES passes of ${SOLO_SECONDS} s; $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' (changed)') against $(git rev-parse --short "$BASE"):"
echo
echo "| page | p50 base (ms) | p50 here (ms) | here / base | CPU/request base (ms) | CPU/request here (ms) | here / base | CPU here × baseline |"
echo "|---|---|---|---|---|---|---|---|"
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
BASELINE_CPU=$(awk -F'\t' '$1 == "baseline" { print $5 }' "$WORK/passes.tsv" | median)
for entry in "${SELECTED[@]}"; do
    name="${entry%%|*}"
    printf '| %s | %s | %s | %.2f | %s | %s | %.2f | %s |\n' "$name" \
        "$(awk -F'\t' -v p="$name" '$1 == p { print $2 }' "$WORK/passes.tsv" | median)" \
        "$(awk -F'\t' -v p="$name" '$1 == p { print $3 }' "$WORK/passes.tsv" | median)" \
        "$(awk -F'\t' -v p="$name" '$1 == p && $2 > 0 { print $3 / $2 }' "$WORK/passes.tsv" | median)" \
        "$(awk -F'\t' -v p="$name" '$1 == p { print $4 }' "$WORK/passes.tsv" | median)" \
        "$(awk -F'\t' -v p="$name" '$1 == p { print $5 }' "$WORK/passes.tsv" | median)" \
        "$(awk -F'\t' -v p="$name" '$1 == p && $4 > 0 { print $5 / $4 }' "$WORK/passes.tsv" | median)" \
        "$(awk -F'\t' -v p="$name" '$1 == p { print $5 }' "$WORK/passes.tsv" | median | awk -v b="$BASELINE_CPU" '{ printf "%.2f", (b > 0 ? $1 / b : 0) }')"
done
