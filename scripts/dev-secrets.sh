#!/usr/bin/env bash
# Creates components/secrets.dev.json (read by the `secretstore` component, secretstores.local.file)
# when it is missing, and .dev/api-tokens.env: DAPR_API_TOKEN (every call to a sidecar's API must carry it)
# and APP_API_TOKEN (every sidecar's call to its app carries it; internal routes refuse calls without it),
# which scripts/run.sh exports to the sidecars and apps. LOCAL DEVELOPMENT ONLY: fresh keys per machine,
# never committed (.gitignore). Secret keys use ":" nesting, so "ConnectionStrings:users" reads like an
# ASP.NET Core configuration key.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
file="$root/components/secrets.dev.json"
command -v openssl >/dev/null || { echo "dev-secrets: openssl is required" >&2; exit 1; }
tokens="$root/.dev/api-tokens.env"
if [ ! -s "$tokens" ]; then
  mkdir -p "$root/.dev"
  printf 'DAPR_API_TOKEN=%s\nAPP_API_TOKEN=%s\n' "$(openssl rand -hex 24)" "$(openssl rand -hex 24)" >"$tokens"
  chmod 600 "$tokens"
  echo "dev-secrets: wrote $tokens (local development only)" >&2
fi
# A file from before secrets were split per service (no "shared" secret), from before the components
# read their brokers from the secret store (no "redis" or "rabbitmq" secret), or from before jobs signed
# check-in codes (no "Attendance" key), or from before payments sealed resident numbers (no "ResidentNumbers" key),
# or with Redis without a password, is replaced.
if [ -s "$file" ] && grep -q '"shared"' "$file" && grep -q '"redis": {' "$file" && grep -q '"rabbitmq": {' "$file" \
  && grep -q '"Attendance"' "$file" && grep -q '"ResidentNumbers"' "$file" && ! grep -q '"password": ""' "$file"; then echo "dev-secrets: $file exists" >&2; exit 0; fi

pg="Host=127.0.0.1;Port=${ONEDAY_PG_PORT:-5432};Username=postgres;Password=oneday-dev"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# ES256 signing key for the JWT access tokens that users issues.
openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -out "$tmp/jwt.key"
openssl ec -in "$tmp/jwt.key" -pubout -out "$tmp/jwt.pub" 2>/dev/null
json_escape() { awk '{printf "%s\\n", $0}' "$1"; }

redis_host="127.0.0.1:${ONEDAY_REDIS_PORT:-6379}"
redis_password="${ONEDAY_REDIS_PASSWORD:-oneday-dev}"   # scripts/infra.sh starts Redis with it
redis="$redis_host,password=$redis_password"
# One secret per service (its app id) plus "shared": each service reads only "shared" and its own.
# "redis" and "rabbitmq" are read by the pubsub and statestore components (the sidecars), never by the services.
cat >"$file" <<JSON
{
  "shared": {
    "Jwt": { "PublicKey": "$(json_escape "$tmp/jwt.pub")" }
  },
  "redis": { "host": "$redis_host", "password": "$redis_password" },
  "rabbitmq": { "connectionString": "amqp://guest:guest@127.0.0.1:${ONEDAY_RABBITMQ_PORT:-5672}" },
  "users": {
    "ConnectionStrings": { "users": "$pg;Database=oneday_users" },
    "Jwt": { "SigningKey": "$(json_escape "$tmp/jwt.key")" },
    "BootstrapAdmin": { "Email": "admin@oneday.dev", "Password": "oneday-admin-$(openssl rand -hex 6)" }
  },
  "jobs": {
    "ConnectionStrings": { "jobs": "$pg;Database=oneday_jobs" },
    "Attendance": { "SigningKey": "$(openssl rand -base64 32)" }
  },
  "payments": {
    "ConnectionStrings": { "payments": "$pg;Database=oneday_payments" },
    "PaymentProvider": { "SecretKey": "sandbox_sk_$(openssl rand -hex 16)" },
    "ResidentNumbers": { "CurrentKeyId": "dev-1", "Keys": { "dev-1": "$(openssl rand -base64 32)" } }
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
