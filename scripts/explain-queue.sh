#!/usr/bin/env bash
# EXPLAIN (ANALYZE, BUFFERS) of the SQL the coordinator review queue sends (default view, each filter alone, sort by
# name, deep pages) on a seeded database; prints a table of execution times and sequential scans, and writes every
# plan to .local/explain-queue.md (PLANS_FILE).
#   scripts/seed.sh --applications 100000 --reset && scripts/explain-queue.sh
# Database: ConnectionStrings__Portal, or exchange_portal_bench (SEED_DATABASE) on the project-local cluster.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$REPO_ROOT"
CONFIGURATION="${CONFIGURATION:-Release}"
PLANS_FILE="${PLANS_FILE:-$REPO_ROOT/.local/explain-queue.md}"

if [ -z "${ConnectionStrings__Portal:-}" ]; then
    ensure_postgres_binaries
    PG_DIR="$(local_pg_dir)"
    PG_PORT="${LOCAL_PG_PORT:-55432}"
    start_local_postgres "$PG_DIR" "$PG_PORT"
    [ "$PG_STARTED_HERE" = 1 ] && trap 'stop_local_postgres "$PG_DIR"' EXIT
    export ConnectionStrings__Portal="Host=127.0.0.1;Port=$PG_PORT;Database=${SEED_DATABASE:-exchange_portal_bench};Username=postgres"
fi

log "Building the tools ($CONFIGURATION)"
dotnet build tools/ExchangePortal.Tools -c "$CONFIGURATION" -nologo -v q >/dev/null
mkdir -p "$(dirname "$PLANS_FILE")"
dotnet "tools/ExchangePortal.Tools/bin/$CONFIGURATION/net10.0/ExchangePortal.Tools.dll" explain-queue --plans "$PLANS_FILE"
log "Plans: $PLANS_FILE"
