#!/bin/sh
# Makes a self-signed certificate for the portal unless one is there: portal.crt and portal.key in
# NGINX_CERT_DIR (or $1). Run by nginx's image at start (/docker-entrypoint.d) and by scripts/proxy-check.sh.
# For a real certificate, put your portal.crt (full chain) and portal.key there instead: they are never replaced.
set -eu
dir="${1:-${NGINX_CERT_DIR:-/etc/nginx/certs}}"
host="${2:-${PORTAL_HOST:-localhost}}"
if [ -s "$dir/portal.crt" ] && [ -s "$dir/portal.key" ]; then
    exit 0
fi
command -v openssl >/dev/null || { echo "portal-certificate: openssl is needed to make a self-signed certificate" >&2; exit 1; }
mkdir -p "$dir"
umask 077
openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=$host" \
    -addext "subjectAltName=DNS:$host,DNS:localhost,IP:127.0.0.1" \
    -keyout "$dir/portal.key" -out "$dir/portal.crt" 2>/dev/null
chmod 644 "$dir/portal.crt"
echo "portal-certificate: made a self-signed certificate for $host in $dir (replace it with a real one)"
