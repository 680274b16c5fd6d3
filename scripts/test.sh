#!/usr/bin/env bash
# Installs what is missing, builds, checks formatting, migrations and both compose files, runs every test and
# scripts/proxy-check.sh (counted as one test), and prints "N passed, N failed, N skipped" as its last line.
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$REPO_ROOT"

RESULTS="$REPO_ROOT/TestResults"
rm -rf "$RESULTS" && mkdir -p "$RESULTS"

fail_setup() {
    echo "Setup step failed: $1" >&2
    echo "0 passed, 1 failed, 0 skipped"
    exit 1
}

ensure_postgres_binaries || fail_setup "PostgreSQL binaries"
missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v docker-compose >/dev/null || missing+=(docker-compose)
# Chinese names and pages need a CJK font in the browser tests' screenshots.
[ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
# The certificate PDF embeds a TrueType CJK font (PDFsharp cannot embed Noto's OpenType/CFF outlines).
[ -f "$CERTIFICATE_FONT" ] || missing+=(fonts-wqy-microhei)
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}" || fail_setup "apt-get install ${missing[*]}"
ensure_dotnet_tools || fail_setup "dotnet tool restore"

log "Building (Release, warnings as errors)"
dotnet build ExchangePortal.sln -c Release -nologo -v q || fail_setup "build"

log "Checking formatting"
dotnet format ExchangePortal.sln --verify-no-changes --no-restore || fail_setup "dotnet format (run 'dotnet format' to fix)"

log "Checking that the model has no pending migration changes"
dotnet ef migrations has-pending-model-changes -p src/ExchangePortal.Core -s src/ExchangePortal.Web \
    --configuration Release --no-build >/dev/null || fail_setup "pending model changes: add a migration"

log "Checking docker-compose.yml"
docker-compose -f docker-compose.yml config -q || fail_setup "docker-compose config"
docker-compose --env-file .env.example -f docker-compose.production.yml config -q || fail_setup "docker-compose config (production)"

log "Running the tests"
export SCREENSHOT_DIR="$RESULTS/screenshots"
dotnet test ExchangePortal.sln -c Release --no-build --results-directory "$RESULTS" \
    --logger "trx" --logger "console;verbosity=normal" 2>&1 | tee "$RESULTS/test-output.log"
rc=${PIPESTATUS[0]}

passed=0 failed=0 skipped=0
for trx in "$RESULTS"/*.trx; do
    [ -f "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx")
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${p:-0} - ${f:-0}))
done
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "dotnet test exited with $rc without a failed test (a test host crashed?)" >&2
    failed=1
fi
# nginx in front of two real instances (docs/operations.md "Behind a proxy"): one more test.
log "Checking two portal instances behind nginx (scripts/proxy-check.sh)"
if NO_BUILD=1 scripts/proxy-check.sh 2>&1 | tee "$RESULTS/proxy-check.log"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED scripts/proxy-check.sh"; fi
# Name the failed tests so the tail of a CI log says what broke (their messages are in test-output.log).
grep -ho '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$RESULTS"/*.trx 2>/dev/null \
    | sed -n 's/.* testName="\([^"]*\)".*/FAILED \1/p' || true
echo "Screenshots: $RESULTS/screenshots"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$rc" -eq 0 ] && [ "$failed" -eq 0 ]
