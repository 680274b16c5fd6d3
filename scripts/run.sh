#!/usr/bin/env bash
# Runs the portal with demo data on http://127.0.0.1:${PORT:-5080}.
# Without ConnectionStrings__Portal it starts (and on exit stops) a project-local PostgreSQL.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$REPO_ROOT"

PORT="${PORT:-5080}"
ensure_dotnet_tools
ensure_certificate_font

if [ -z "${ConnectionStrings__Portal:-}" ]; then
    ensure_postgres_binaries
    PG_DIR="$(local_pg_dir)"
    PG_PORT="${LOCAL_PG_PORT:-55432}"
    start_local_postgres "$PG_DIR" "$PG_PORT"
    if [ "$PG_STARTED_HERE" = 1 ]; then
        trap 'stop_local_postgres "$PG_DIR"' EXIT
        trap 'exit 130' INT TERM
    fi
    "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname = 'exchange_portal'" | grep -q 1 \
        || "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres exchange_portal
    export ConnectionStrings__Portal="Host=127.0.0.1;Port=$PG_PORT;Database=exchange_portal;Username=postgres"
fi

cat <<INFO

  Exchange Portal: http://127.0.0.1:$PORT
  Demo accounts (password Portal-Demo-2026; staff then give an authenticator code: add the key to an
  authenticator app, or run scripts/demo-code.sh EMAIL for the current code):
    admin@demo.local        Administrator           key 4J7Q GCCF 54BF KBAD EUVG FEM2 WNV5 CDL3
    coordinator@demo.local  University coordinator  key KARE NUPO AB6R OOYN EXUF ECIW OBSD 4NGB
    hospital@demo.local     Hospital coordinator (Beijing Capital Teaching Hospital)  key JOOV ZO4X 2JA3 RVJ6 3MNV CPRS PBDY E4ZQ
    hospital2@demo.local    Hospital coordinator (Shanghai Riverside Hospital)        key 6GZQ NZK2 6MSE GVBH MP5K PQE5 Y27R A6EH
    doctor@demo.local       Applicant
    doctor2@demo.local      Applicant
    doctor03..doctor22@demo.local  more applicants, applications in every status

INFO

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
dotnet run --project src/ExchangePortal.Web --no-launch-profile --urls "http://127.0.0.1:$PORT"
