#!/bin/sh
# Makes the certificate that encrypts the portal's Data Protection key ring unless one is there: keyring.crt and
# keyring.key in $1 (default /keyring), readable by the portal's user ($2, default 1654: $APP_UID of the .NET images).
# Run once by the production compose (service "keyring") before the portal starts. Keep this folder: without it the
# stored keys cannot be read, and everyone has to sign in again (docs/operations.md, "Key ring").
set -eu
dir="${1:-/keyring}"
owner="${2:-1654}"
if [ -s "$dir/keyring.crt" ] && [ -s "$dir/keyring.key" ]; then
    exit 0
fi
command -v openssl >/dev/null || { echo "keyring-certificate: openssl is needed to make the key ring certificate" >&2; exit 1; }
mkdir -p "$dir"
umask 077
openssl req -x509 -newkey rsa:3072 -nodes -days 36500 -subj "/CN=Exchange Portal key ring" \
    -keyout "$dir/keyring.key" -out "$dir/keyring.crt" 2>/dev/null
chmod 644 "$dir/keyring.crt"
chown "$owner" "$dir/keyring.key" "$dir/keyring.crt"
echo "keyring-certificate: made the key ring certificate in $dir (back it up with the database)"
