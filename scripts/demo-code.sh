#!/usr/bin/env bash
# Prints the current authenticator code of a demo staff account (the keys of README "Demo accounts"), for signing in
# without an authenticator app. Demo data only: real accounts have keys nobody but their app knows.
set -euo pipefail
case "${1:-}" in
    admin@demo.local) key=4J7QGCCF54BFKBADEUVGFEM2WNV5CDL3 ;;
    coordinator@demo.local) key=KARENUPOAB6ROOYNEXUFECIWOBSD4NGB ;;
    hospital@demo.local) key=JOOVZO4X2JA3RVJ63MNVCPRSPBDYE4ZQ ;;
    hospital2@demo.local) key=6GZQNZK26MSEGVBHMP5KPQE5Y27RA6EH ;;
    *) echo "usage: scripts/demo-code.sh admin@demo.local|coordinator@demo.local|hospital@demo.local|hospital2@demo.local" >&2; exit 2 ;;
esac
# RFC 6238: HMAC-SHA1 over the 30-second step, 6 digits. Each code signs in once; the next one comes within 30 seconds.
python3 - "$key" <<'PY'
import base64, hmac, struct, sys, time
digest = hmac.new(base64.b32decode(sys.argv[1]), struct.pack(">Q", int(time.time()) // 30), "sha1").digest()
offset = digest[-1] & 0x0F
print(f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000:06d}")
PY
