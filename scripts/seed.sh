#!/usr/bin/env bash
# Fills an empty database with a large, deterministic data set for performance work (tools/ExchangePortal.Tools):
#   scripts/seed.sh --applications 100000 [--reset]
# Without ConnectionStrings__Portal it uses the database exchange_portal_bench (SEED_DATABASE) of the
# project-local PostgreSQL cluster (started like scripts/run.sh, on LOCAL_PG_PORT, and stopped again when this
# script started it); --reset drops and recreates that database first. With ConnectionStrings__Portal set it
# seeds that database, which must be empty. Sign in as doctor1@bench.local, coordinator@bench.local,
# hospital@bench.local or admin@bench.local with the password Portal-Demo-2026.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$REPO_ROOT"

APPLICATIONS=1000
RESET=0
while [ $# -gt 0 ]; do
    case "$1" in
        --applications) APPLICATIONS="$2"; shift 2 ;;
        --applications=*) APPLICATIONS="${1#*=}"; shift ;;
        --reset) RESET=1; shift ;;
        *) echo "Usage: scripts/seed.sh [--applications N] [--reset]" >&2; exit 2 ;;
    esac
done
CONFIGURATION="${CONFIGURATION:-Release}"
ensure_dotnet_tools

if [ -z "${ConnectionStrings__Portal:-}" ]; then
    ensure_postgres_binaries
    PG_DIR="$(local_pg_dir)"
    PG_PORT="${LOCAL_PG_PORT:-55432}"
    DATABASE="${SEED_DATABASE:-exchange_portal_bench}"
    start_local_postgres "$PG_DIR" "$PG_PORT"
    [ "$PG_STARTED_HERE" = 1 ] && trap 'stop_local_postgres "$PG_DIR"' EXIT
    PSQL=("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -q)
    if [ "$RESET" = 1 ]; then
        log "Dropping the database $DATABASE"
        "${PSQL[@]}" -c "DROP DATABASE IF EXISTS \"$DATABASE\" WITH (FORCE)"
    fi
    "${PSQL[@]}" -Atc "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'" | grep -q 1 \
        || "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$DATABASE"
    export ConnectionStrings__Portal="Host=127.0.0.1;Port=$PG_PORT;Database=$DATABASE;Username=postgres"
elif [ "$RESET" = 1 ]; then
    echo "--reset works only on the project-local cluster; drop the database yourself." >&2
    exit 2
fi

log "Building the tools ($CONFIGURATION)"
dotnet build tools/ExchangePortal.Tools -c "$CONFIGURATION" -nologo -v q >/dev/null
log "Seeding $APPLICATIONS applications"
dotnet "tools/ExchangePortal.Tools/bin/$CONFIGURATION/net10.0/ExchangePortal.Tools.dll" seed --applications "$APPLICATIONS"
