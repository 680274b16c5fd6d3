#!/usr/bin/env bash
# Creates the first administrator and prints (and emails, through the outbox) a single-use link to choose the password:
#   scripts/create-admin.sh --email it.office@university.example [--name "IT Office"]
# Without ConnectionStrings__Portal it uses the project-local PostgreSQL of scripts/run.sh (started, migrated, and stopped
# again when this script started it). In the production compose the same command is
#   docker compose run --rm portal create-admin --email ...   (docs/operations.md "Going live").
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$REPO_ROOT"

ensure_dotnet_tools
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
if [ -z "${ConnectionStrings__Portal:-}" ]; then
    ensure_postgres_binaries
    PG_DIR="$(local_pg_dir)"
    PG_PORT="${LOCAL_PG_PORT:-55432}"
    start_local_postgres "$PG_DIR" "$PG_PORT"
    [ "$PG_STARTED_HERE" = 1 ] && trap 'stop_local_postgres "$PG_DIR"' EXIT
    "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname = 'exchange_portal'" | grep -q 1 \
        || "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres exchange_portal
    export ConnectionStrings__Portal="Host=127.0.0.1;Port=$PG_PORT;Database=exchange_portal;Username=postgres"
fi
dotnet run --project src/ExchangePortal.Web --no-launch-profile -- create-admin "$@"
