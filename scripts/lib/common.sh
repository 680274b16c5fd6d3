# Shared by scripts/run.sh and scripts/test.sh: install what is missing, run a project-local PostgreSQL.
# shellcheck shell=bash

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
    log "Installing $* (apt)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_postgres_binaries() {
    if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
        apt_install postgresql
        PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
    fi
}

# The certificate of completion's font (docs/operations.md "Certificates"): the portal does not start without it.
CERTIFICATE_FONT=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc

ensure_certificate_font() {
    [ -n "${Certificates__FontPath:-}" ] || [ -f "$CERTIFICATE_FONT" ] || apt_install fonts-wqy-microhei
}

ensure_dotnet_tools() {
    command -v dotnet >/dev/null || { echo "The .NET SDK 10 is required: https://dot.net" >&2; exit 1; }
    (cd "$REPO_ROOT" && dotnet tool restore >/dev/null)
}

# Runs a PostgreSQL command as the postgres user when we are root (initdb and postgres refuse root).
pg_run() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The folder for the project-local cluster: .local/postgres, or a folder under /var/tmp when the
# postgres user cannot reach the checkout (for example a clone under /root).
local_pg_dir() {
    local dir="$REPO_ROOT/.local/postgres"
    if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$REPO_ROOT"; then
        dir="/var/tmp/exchange-portal-$(printf '%s' "$REPO_ROOT" | md5sum | cut -c1-8)/postgres"
    fi
    echo "$dir"
}

# start_local_postgres DIR PORT: creates the cluster on first use, starts it unless it runs already.
# Sets PG_STARTED_HERE=1 when this call started it.
start_local_postgres() {
    local dir="$1" port="$2"
    PG_STARTED_HERE=0
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        log "Creating a PostgreSQL cluster in $dir"
        pg_run "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if pg_run "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        log "PostgreSQL already running in $dir"
        return
    fi
    log "Starting PostgreSQL on 127.0.0.1:$port"
    pg_run "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir" start >/dev/null
    PG_STARTED_HERE=1
}

stop_local_postgres() {
    local dir="$1"
    log "Stopping the PostgreSQL cluster in $dir"
    pg_run "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}
