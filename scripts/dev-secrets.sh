#!/usr/bin/env bash
# Creates components/secrets.dev.json (read by the `secretstore` component, secretstores.local.file)
# when it is missing. LOCAL DEVELOPMENT ONLY: fresh keys per machine, never committed (.gitignore).
# Keys use ":" nesting, so "ConnectionStrings:users" reads like an ASP.NET Core configuration key.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
file="$root/components/secrets.dev.json"
# A file from before secrets were split per service (no "shared" secret) is replaced.
if [ -s "$file" ] && grep -q '"shared"' "$file"; then echo "dev-secrets: $file exists" >&2; exit 0; fi
command -v openssl >/dev/null || { echo "dev-secrets: openssl is required" >&2; exit 1; }

pg="Host=127.0.0.1;Port=${ONEDAY_PG_PORT:-5432};Username=postgres;Password=oneday-dev"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# ES256 signing key for the JWT access tokens that users issues.
openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -out "$tmp/jwt.key"
openssl ec -in "$tmp/jwt.key" -pubout -out "$tmp/jwt.pub" 2>/dev/null
json_escape() { awk '{printf "%s\\n", $0}' "$1"; }

redis="127.0.0.1:${ONEDAY_REDIS_PORT:-6379}"
# One secret per service (its app id) plus "shared": each service reads only "shared" and its own.
cat >"$file" <<JSON
{
  "shared": {
    "Jwt": { "PublicKey": "$(json_escape "$tmp/jwt.pub")" }
  },
  "users": {
    "ConnectionStrings": { "users": "$pg;Database=oneday_users" },
    "Jwt": { "SigningKey": "$(json_escape "$tmp/jwt.key")" },
    "BootstrapAdmin": { "Email": "admin@oneday.dev", "Password": "oneday-admin-$(openssl rand -hex 6)" }
  },
  "jobs": {
    "ConnectionStrings": { "jobs": "$pg;Database=oneday_jobs" }
  },
  "payments": {
    "ConnectionStrings": { "payments": "$pg;Database=oneday_payments" },
    "PaymentProvider": { "SecretKey": "sandbox_sk_$(openssl rand -hex 16)" }
  },
  "search": {
    "ConnectionStrings": { "search": "$pg;Database=oneday_search", "redis": "$redis" }
  },
  "notifications": {
    "ConnectionStrings": { "notifications": "$pg;Database=oneday_notifications", "redis": "$redis" }
  },
  "chat": {
    "ConnectionStrings": { "chat": "$pg;Database=oneday_chat", "redis": "$redis" }
  }
}
JSON
chmod 600 "$file"
echo "dev-secrets: wrote $file (local development only)" >&2
