#!/usr/bin/env bash
# The production setup for real on this machine, as docker-compose.production.yml runs it: one empty PostgreSQL
# migrated by the EF migrations bundle, two portal instances (Release, Production) and nginx (installed with apt
# when missing) running deploy/nginx/portal.conf.template with a self-signed certificate made by
# deploy/nginx/portal-certificate.sh. Then, with curl through nginx only: plain HTTP is sent to HTTPS, nobody's
# software is named, sign-in works, signed-in requests land on both instances (their logs) and are accepted by
# both (shared Data Protection keys), a calendar address made through one works through the other and says https.
#   scripts/proxy-check.sh        # NO_BUILD=1 when the Release build is current (scripts/test.sh)
# Stops nginx, the instances and PostgreSQL and removes its folder however it ends (PROXY_CHECK_KEEP=1 keeps the folder).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
ensure_certificate_font
cd "$REPO_ROOT"

PG_PORT="${PROXY_PG_PORT:-55495}"
WEB_PORTS=("${PROXY_WEB_PORT_1:-5191}" "${PROXY_WEB_PORT_2:-5192}")
HTTP_PORT="${PROXY_HTTP_PORT:-58080}"
HTTPS_PORT="${PROXY_HTTPS_PORT:-58443}"
HOST="portal.test" # not localhost: HSTS is never sent for localhost
BASE="https://$HOST:$HTTPS_PORT"
PASSWORD="Portal-Demo-2026"
STARTED=$SECONDS

command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || apt_install nginx
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
command -v envsubst >/dev/null || apt_install gettext-base
command -v openssl >/dev/null || apt_install openssl
ensure_postgres_binaries
ensure_dotnet_tools

WORK="$(mktemp -d /var/tmp/exchange-portal-proxy.XXXXXX)"
chmod 755 "$WORK"
PG_DIR="$WORK/postgres"
WEB_PIDS=()
cleanup() {
    local rc=$?
    [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null
    for pid in "${WEB_PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
    pg_run "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    if [ "$rc" -ne 0 ]; then
        for f in "$WORK"/web*.log "$WORK"/nginx-error.log; do
            [ -f "$f" ] && { echo "--- last lines of $f" >&2; tail -5 "$f" >&2; }
        done
    fi
    if [ "${PROXY_CHECK_KEEP:-0}" = 1 ]; then echo "Kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() { echo "proxy-check FAILED: $*" >&2; exit 1; }
pass() { printf '  ok  %s\n' "$*"; }

if [ "${NO_BUILD:-0}" != 1 ]; then
    log "Building (Release)"
    dotnet build src/ExchangePortal.Web -c Release -nologo -v q >/dev/null
    dotnet build tools/ExchangePortal.Tools -c Release -nologo -v q >/dev/null
fi
DLL="bin/Release/net10.0/ExchangePortal.Web.dll"
TOOLS="$REPO_ROOT/tools/ExchangePortal.Tools/bin/Release/net10.0/ExchangePortal.Tools.dll"

log "Starting PostgreSQL on 127.0.0.1:$PG_PORT"
mkdir -p "$PG_DIR"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$PG_DIR"
pg_run "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
pg_run "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off" start >/dev/null
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres exchange_portal
CS="Host=127.0.0.1;Port=$PG_PORT;Database=exchange_portal;Username=postgres"

log "Migrating the empty database with the EF migrations bundle (as the production 'migrate' service does)"
dotnet ef migrations bundle -p src/ExchangePortal.Core -s src/ExchangePortal.Web --configuration Release --no-build \
    -o "$WORK/efbundle" >/dev/null
ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Portal="$CS" "$WORK/efbundle" --connection "$CS" >"$WORK/migrate.log"
log "Adding accounts to sign in with (the performance seeder's, 20 applications)"
ConnectionStrings__Portal="$CS" dotnet "$TOOLS" seed --applications 20 >"$WORK/seed.log"

log "Making the key ring certificate (as the production 'keyring' service does)"
sh deploy/keyring/keyring-certificate.sh "$WORK/keyring" "$(id -u)" >/dev/null

# One instance at a time: on an empty database the first one makes the Data Protection key the second one reads.
# The seeded administrator has no authenticator: the check is about the proxy, so staff two-factor is waived here
# (Security__RequireStaffTwoFactor=false; the two-factor tests cover it).
for i in 0 1; do
    port="${WEB_PORTS[$i]}"
    log "Starting portal instance $((i + 1)) (Production) on 127.0.0.1:$port"
    (cd src/ExchangePortal.Web && exec env ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Portal="$CS" \
        Proxy__KnownProxies__0=127.0.0.1 Portal__PublicUrl="$BASE" Email__Enabled=false Reminders__Enabled=false \
        DataProtection__CertificatePath="$WORK/keyring/keyring.crt" DataProtection__CertificateKeyPath="$WORK/keyring/keyring.key" \
        Offers__LapseEnabled=false Security__RequireStaffTwoFactor=false dotnet "$DLL" --urls "http://127.0.0.1:$port" >"$WORK/web$((i + 1)).log" 2>&1) &
    WEB_PIDS+=($!)
    for _ in $(seq 1 120); do
        curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break
        kill -0 "${WEB_PIDS[$i]}" 2>/dev/null || fail "instance $((i + 1)) exited"
        sleep 0.25
    done
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || fail "instance $((i + 1)) is not ready"
done

log "Starting nginx ($("$NGINX" -v 2>&1 | sed 's/.*: //')) with deploy/nginx/portal.conf.template on $BASE"
mkdir -p "$WORK/certs" "$WORK/nginx-temp"
chmod 1777 "$WORK/nginx-temp"
deploy/nginx/portal-certificate.sh "$WORK/certs" "$HOST" >/dev/null
PORTAL_INSTANCE_1="127.0.0.1:${WEB_PORTS[0]}" PORTAL_INSTANCE_2="127.0.0.1:${WEB_PORTS[1]}" \
    NGINX_HTTP_LISTEN="127.0.0.1:$HTTP_PORT" NGINX_HTTPS_LISTEN="127.0.0.1:$HTTPS_PORT" NGINX_CERT_DIR="$WORK/certs" \
    envsubst '${PORTAL_INSTANCE_1} ${PORTAL_INSTANCE_2} ${NGINX_HTTP_LISTEN} ${NGINX_HTTPS_LISTEN} ${NGINX_CERT_DIR}' \
    <deploy/nginx/portal.conf.template >"$WORK/portal.conf"
# The rest of what nginx's image provides around the template: one worker, its files in this folder.
cat >"$WORK/nginx.conf" <<EOF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    access_log $WORK/nginx-access.log;
    client_body_temp_path $WORK/nginx-temp/body;
    proxy_temp_path $WORK/nginx-temp/proxy;
    fastcgi_temp_path $WORK/nginx-temp/fastcgi;
    uwsgi_temp_path $WORK/nginx-temp/uwsgi;
    scgi_temp_path $WORK/nginx-temp/scgi;
    include $WORK/portal.conf;
}
EOF
"$NGINX" -t -q -p "$WORK" -e "$WORK/nginx-error.log" -c "$WORK/nginx.conf" || fail "nginx does not accept the configuration"
"$NGINX" -p "$WORK" -e "$WORK/nginx-error.log" -c "$WORK/nginx.conf"

CURL=(curl -s --max-time 20 --cacert "$WORK/certs/portal.crt" --resolve "$HOST:$HTTPS_PORT:127.0.0.1" --resolve "$HOST:$HTTP_PORT:127.0.0.1")
JAR="$WORK/cookies.txt"
# requests PATH-PATTERN INSTANCE: how many requests to that path the instance logged.
requests() { grep -c "\"RequestPath\":\"$1" "$WORK/web$2.log" || true; }

log "Checking through nginx"
location=$("${CURL[@]}" -o /dev/null -w '%{http_code} %{redirect_url}' "http://$HOST:$HTTP_PORT/Labs")
[ "$location" = "301 https://$HOST/Labs" ] || fail "plain HTTP answered '$location', not a redirect to https"
pass "plain HTTP is redirected to HTTPS"

headers=$("${CURL[@]}" -D - -o /dev/null "$BASE/Labs")
grep -qi '^HTTP/[0-9.]* 200' <<<"$headers" || fail "/Labs did not answer 200 through nginx"
grep -qi '^strict-transport-security: max-age=31536000; includeSubDomains' <<<"$headers" || fail "no HSTS of a year with subdomains"
server=$(grep -i '^server:' <<<"$headers" | tr -d '\r' || true)
[ -z "$server" ] || [ "$(tr '[:upper:]' '[:lower:]' <<<"$server")" = "server: nginx" ] || fail "the response names its server: $server"
pass "HTTPS answers with HSTS (max-age=31536000; includeSubDomains); ${server:-no Server header} (no version, no Kestrel)"

token=$("${CURL[@]}" -c "$JAR" -b "$JAR" "$BASE/Identity/Account/Login" \
    | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
[ -n "$token" ] || fail "no sign-in form"
status=$("${CURL[@]}" -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" --data-urlencode "Input.Email=admin@bench.local" \
    --data-urlencode "Input.Password=$PASSWORD" --data-urlencode "__RequestVerificationToken=$token" "$BASE/Identity/Account/Login")
[ "$status" = 302 ] || fail "signing in through nginx answered $status"
# Netscape jar: host, subdomains too (FALSE: no Domain attribute), path, Secure, expiry, name.
grep -q $'^#HttpOnly_'"$HOST"$'\tFALSE\t/\tTRUE\t[0-9]*\t__Host-Identity.Application\t' "$JAR" \
    || fail "the session cookie is not an HttpOnly, Secure, host-only __Host- cookie for path /"
pass "signed in through nginx; the session cookie is __Host-Identity.Application: HttpOnly, Secure, no Domain, path /"

before=("$(requests /Admin 1)" "$(requests /Admin 2)")
for _ in 1 2 3 4 5 6; do
    status=$("${CURL[@]}" -o /dev/null -w '%{http_code}' -b "$JAR" "$BASE/Admin")
    [ "$status" = 200 ] || fail "a signed-in request to /Admin answered $status"
done
served=($(($(requests /Admin 1) - before[0])) $(($(requests /Admin 2) - before[1])))
[ "${served[0]}" -gt 0 ] && [ "${served[1]}" -gt 0 ] || fail "/Admin was served ${served[0]} times by instance 1 and ${served[1]} by instance 2"
pass "6 signed-in requests to /Admin answered 200: ${served[0]} by instance 1, ${served[1]} by instance 2 (one session, both instances)"

page=$("${CURL[@]}" -c "$JAR" -b "$JAR" "$BASE/Calendar")
token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$page" | head -1 | sed 's/.*value="//; s/"$//')
made=$("${CURL[@]}" -c "$JAR" -b "$JAR" --data-urlencode "__RequestVerificationToken=$token" "$BASE/Calendar")
feed=$(grep -o 'id="feed-url"[^>]*value="[^"]*"' <<<"$made" | sed 's/.*value="//; s/"$//' || true)
[ -n "$feed" ] || feed=$(grep -o 'value="https\?://[^"]*\.ics"' <<<"$made" | head -1 | sed 's/value="//; s/"$//' || true)
[[ "$feed" == "$BASE/calendar/"*.ics ]] || fail "the calendar address is '$feed', not $BASE/calendar/….ics"
maker=$([ "$(grep -c '"RequestMethod":"POST","RequestPath":"/Calendar"' "$WORK/web1.log")" -gt 0 ] && echo 1 || echo 2)
before=("$(requests /calendar/ 1)" "$(requests /calendar/ 2)")
for _ in 1 2 3 4; do
    status=$("${CURL[@]}" -o "$WORK/feed.ics" -w '%{http_code}' "$feed")
    [ "$status" = 200 ] && grep -q BEGIN:VCALENDAR "$WORK/feed.ics" || fail "the new calendar address answered $status"
done
served=($(($(requests /calendar/ 1) - before[0])) $(($(requests /calendar/ 2) - before[1])))
[ "${served[0]}" -gt 0 ] && [ "${served[1]}" -gt 0 ] || fail "the feed was served ${served[0]} times by instance 1 and ${served[1]} by instance 2"
pass "a calendar address made through instance $maker says $BASE/calendar/… and works on both (${served[0]} + ${served[1]} requests)"

log "proxy-check passed in $((SECONDS - STARTED)) s"
