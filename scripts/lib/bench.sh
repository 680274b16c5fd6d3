# Shared by scripts/bench.sh and scripts/bench-pool.sh: the Release build, a throwaway PostgreSQL in a temp folder,
# the portal in Production pinned to one core, wrk on another, and signing in through the real login form.
# shellcheck shell=bash
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PASSWORD="Portal-Demo-2026"

# bench_prepare NAME: installs wrk and the tools, makes $WORK (removed on exit, with the portal and PostgreSQL
# stopped), sets the cores (the app on the first, wrk on the last) and builds the portal and the seeding tool.
bench_prepare() {
    command -v wrk >/dev/null || apt_install wrk
    ensure_postgres_binaries
    ensure_certificate_font
    ensure_dotnet_tools
    WORK="$(mktemp -d "/var/tmp/exchange-portal-$1.XXXXXX")"
    chmod 755 "$WORK"
    PG_DIR="$WORK/postgres"
    # KEEP_DB=1: the cluster (and the databases seeded in it) lives in BENCH_KEEP_DIR and outlives the run.
    [ "${KEEP_DB:-0}" = 1 ] && PG_DIR="${BENCH_KEEP_DIR:-/var/tmp/exchange-portal-bench-keep}/postgres"
    APP_PID=""
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM
    CORES=$(nproc)
    APP_CPU=0
    WRK_CPU=$((CORES - 1))
    log "Building Release"
    dotnet build src/ExchangePortal.Web -c Release -nologo -v q >/dev/null
    dotnet build tools/ExchangePortal.Tools -c Release -nologo -v q >/dev/null
    DLL="bin/Release/net10.0/ExchangePortal.Web.dll"
    TOOLS="$REPO_ROOT/tools/ExchangePortal.Tools/bin/Release/net10.0/ExchangePortal.Tools.dll"
}

bench_cleanup() {
    [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
    if [ "${KEEP_DB:-0}" = 1 ]; then
        pg_run "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    else
        pg_run "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
}

# pin CPU COMMAND...: runs COMMAND on that core when there is more than one.
pin() { local cpu="$1"; shift; if [ "$CORES" -gt 1 ] && command -v taskset >/dev/null; then taskset -c "$cpu" "$@"; else "$@"; fi; }

# cpu_ticks PID: the user + system CPU time a process has used, in clock ticks (getconf CLK_TCK a second).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# bench_wait_idle PID...: waits (at most 60 s each) until each process used under 5 % of a core over one second. After a
# load the runtime goes on compiling the hot methods at its higher tier on the portal's core: measured here, 5 s of the
# queue under one connection left 2.8 s of CPU over the next 5 s (about 0.05 s when settled), which a measurement would share.
bench_wait_idle() {
    local pid before hz
    hz=$(getconf CLK_TCK)
    for pid in "$@"; do
        for _ in $(seq 1 60); do
            before=$(cpu_ticks "$pid")
            sleep 1
            [ $(($(cpu_ticks "$pid") - before)) -le $((hz / 20)) ] && break
        done
    done
}

# bench_start_postgres PORT [OPTIONS]: a new cluster in $WORK without durability, listening on 127.0.0.1:PORT;
# OPTIONS are more "-c name=value" server settings. Sets PSQL (an array) for queries.
bench_start_postgres() {
    local port="$1"
    shift
    log "Starting PostgreSQL on 127.0.0.1:$port"
    mkdir -p "$PG_DIR"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$PG_DIR"
    [ -f "$PG_DIR/data/PG_VERSION" ] \
        || pg_run "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
    pg_run "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR \
        -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 $*" start >/dev/null
    PSQL=("$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qAt)
}

# bench_start_portal LOG [NAME=VALUE...]: the portal in Production on core APP_CPU at APP_PORT, with the given settings
# (at least ConnectionStrings__Portal), over plain loopback HTTP; waits until it is live. Sets APP_PID. PORTAL_DIR: the
# project folder whose Release build runs (src/ExchangePortal.Web).
# Waived for the measurement: the key ring's certificate and staff two-factor (the seeded staff have no authenticator).
bench_start_portal() {
    local log_file="$1"
    shift
    (cd "${PORTAL_DIR:-src/ExchangePortal.Web}" && exec env ASPNETCORE_ENVIRONMENT=Production DataProtection__AllowUnprotectedKeys=true \
        Portal__PublicUrl="http://127.0.0.1:$APP_PORT/" Email__Enabled=false Offers__LapseEnabled=false \
        RateLimits__FormPostsPerMinute=100000 Security__RequireStaffTwoFactor=false "$@" \
        taskset -c "$APP_CPU" dotnet "$DLL" --urls "http://127.0.0.1:$APP_PORT" >"$log_file" 2>&1) &
    APP_PID=$!
    for _ in $(seq 1 60); do
        curl -sf "http://127.0.0.1:$APP_PORT/health/live" >/dev/null && return
        sleep 0.5
    done
}

# sign_in EMAIL: signs in through the login form; prints the Cookie header value.
sign_in() {
    local jar="$WORK/$1.jar" token status
    rm -f "$jar"
    token=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$APP_PORT/Identity/Account/Login" \
        | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
    status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
        --data-urlencode "Input.Email=$1" --data-urlencode "Input.Password=$PASSWORD" \
        --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$APP_PORT/Identity/Account/Login")
    [ "$status" = 302 ] || { echo "Sign-in as $1 failed (HTTP $status)" >&2; exit 1; }
    sed 's/^#HttpOnly_//' "$jar" | awk -F'\t' 'NF >= 7 && $1 !~ /^#/ { printf "%s%s=%s", sep, $6, $7; sep = "; " }'
}

# bench_seed SCALE: the database bench_SCALE with SCALE applications (DB and CS set). With KEEP_DB=1 a database seeded by an
# earlier run is reused (seeding 100,000 takes a minute); otherwise it is seeded afresh.
bench_seed() {
    DB="bench_$1"
    CS="Host=127.0.0.1;Port=$BENCH_PG_PORT;Database=$DB;Username=postgres;Maximum Pool Size=100"
    # A kept database counts as seeded once the seeder finished (it records that in a comment on the database).
    if [ "${KEEP_DB:-0}" = 1 ] && [ "$("${PSQL[@]}" -d postgres -c "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$DB'")" = seeded ]; then
        log "Reusing $DB (KEEP_DB=1, seeded by an earlier run)"
    else
        log "Seeding $1 applications into $DB"
        "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB"
        "${PSQL[@]}" -d postgres -c "CREATE DATABASE $DB"
        ConnectionStrings__Portal="$CS" dotnet "$TOOLS" seed --applications "$1" | grep -E "done in|rror" || true
        [ "$("${PSQL[@]}" -d "$DB" -c 'SELECT count(*) > 0 FROM "Applications"')" = t ] \
            && "${PSQL[@]}" -d postgres -c "COMMENT ON DATABASE $DB IS 'seeded'"
    fi
    "${PSQL[@]}" -d "$DB" -c "CHECKPOINT"
}

# bench_pages: PAGES ("name|role|path") and APPLICANT, the seeded doctor with the most applications, for the database DB.
bench_pages() {
    APPLICANT=$("${PSQL[@]}" -d "$DB" -c "SELECT d.\"Email\" FROM \"Applications\" a JOIN \"Doctors\" d ON d.\"Id\" = a.\"DoctorId\"
        GROUP BY d.\"Email\" ORDER BY count(*) DESC, d.\"Email\" LIMIT 1")
    local mine review clearance
    mine=$("${PSQL[@]}" -d "$DB" -c "SELECT max(a.\"Id\") FROM \"Applications\" a JOIN \"Doctors\" d ON d.\"Id\" = a.\"DoctorId\" WHERE d.\"Email\" = '$APPLICANT'")
    review=$("${PSQL[@]}" -d "$DB" -c "SELECT \"Id\" FROM \"Applications\" WHERE \"Status\" = 'UnderReview' ORDER BY \"SubmittedAt\", \"Id\" LIMIT 1")
    # The clearance board of the cohort with the most confirmed and arrived doctors.
    clearance=$("${PSQL[@]}" -d "$DB" -c "SELECT \"CohortId\" FROM \"Applications\" WHERE \"Status\" IN ('Confirmed', 'InProgress')
        GROUP BY \"CohortId\" ORDER BY count(*) DESC, \"CohortId\" LIMIT 1")
    PAGES=(
        "baseline|anonymous|/bench/fortunes"
        "home|anonymous|/"
        "labs|anonymous|/Labs"
        "applicant|applicant|/Applicant"
        "applicant-application|applicant|/Applicant/Applications/$mine"
        "coordinator|coordinator|/Coordinator"
        "coordinator-filtered|coordinator|/Coordinator?Filter.Status=UnderReview&Filter.Q=wang&Filter.Sort=Name"
        "coordinator-application|coordinator|/Coordinator/Applications/$review"
        "admin|admin|/Admin"
        "admin-reports|admin|/Admin/Reports"
        "clearance|coordinator|/Coordinator/Cohorts/$clearance/Clearance"
        "own-data|applicant|/Account/Privacy"
    )
}

# bench_expect_200 NAME PATH PORT [COOKIE]: stops the run unless the page answers 200 (signed in with COOKIE when given).
bench_expect_200() {
    local header=() status
    [ -n "${4:-}" ] && header=(-H "Cookie: $4")
    status=$(curl -s -o /dev/null -w '%{http_code}' "${header[@]}" "http://127.0.0.1:$3$2")
    [ "$status" = 200 ] || { echo "$1 ($2) answered $status on port $3" >&2; exit 1; }
}
