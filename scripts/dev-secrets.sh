#!/usr/bin/env bash
# Creates components/secrets.dev.json (read by the `secretstore` component, secretstores.local.file)
# when it is missing. LOCAL DEVELOPMENT ONLY: fresh keys per machine, never committed (.gitignore).
# Keys use ":" nesting, so "ConnectionStrings:users" reads like an ASP.NET Core configuration key.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
file="$root/components/secrets.dev.json"
[ -s "$file" ] && { echo "dev-secrets: $file exists" >&2; exit 0; }
command -v openssl >/dev/null || { echo "dev-secrets: openssl is required" >&2; exit 1; }

pg="Host=127.0.0.1;Port=${ONEDAY_PG_PORT:-5432};Username=postgres;Password=oneday-dev"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# ES256 signing key for the JWT access tokens that users issues.
openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -out "$tmp/jwt.key"
openssl ec -in "$tmp/jwt.key" -pubout -out "$tmp/jwt.pub" 2>/dev/null
json_escape() { awk '{printf "%s\\n", $0}' "$1"; }

cat >"$file" <<JSON
{
  "ConnectionStrings": {
    "users": "$pg;Database=oneday_users",
    "jobs": "$pg;Database=oneday_jobs",
    "payments": "$pg;Database=oneday_payments",
    "search": "$pg;Database=oneday_search",
    "notifications": "$pg;Database=oneday_notifications",
    "chat": "$pg;Database=oneday_chat",
    "redis": "127.0.0.1:${ONEDAY_REDIS_PORT:-6379}"
  },
  "Jwt": {
    "SigningKey": "$(json_escape "$tmp/jwt.key")",
    "PublicKey": "$(json_escape "$tmp/jwt.pub")"
  },
  "PaymentProvider": {
    "SecretKey": "sandbox_sk_$(openssl rand -hex 16)"
  },
  "BootstrapAdmin": {
    "Email": "admin@oneday.dev",
    "Password": "oneday-admin-$(openssl rand -hex 6)"
  }
}
JSON
chmod 600 "$file"
echo "dev-secrets: wrote $file (local development only)" >&2
