#!/usr/bin/env bash
# README's run command: the whole system on this machine, the gateway on http://127.0.0.1:3000.
# Starts PostgreSQL and Redis (scripts/infra.sh), creates local-development secrets when missing,
# builds once, then runs every app beside a sidecar: with the real Dapr CLI when it is installed and
# initialised (`dapr run -f .`), otherwise with the emulator in tests/OneDay.DaprEmulator.
# ONEDAY_SIDECAR=emulator|dapr forces one or the other. Ctrl-C stops everything.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

scripts/infra.sh up >/dev/null
scripts/dev-secrets.sh
dotnet build OneDay.sln -p:UseSharedCompilation=true -v quiet -nologo
dotnet build-server shutdown >/dev/null 2>&1 || true

sidecar="${ONEDAY_SIDECAR:-}"
if [ -z "$sidecar" ]; then
  if command -v dapr >/dev/null 2>&1 && [ -x "$HOME/.dapr/bin/daprd" ]; then sidecar=dapr; else sidecar=emulator; fi
fi
case "$sidecar" in
  dapr) exec dapr run -f . ;;
  # The built emulator itself, not `dotnet run`, so a SIGTERM reaches it and it stops every app.
  emulator) exec dotnet tests/OneDay.DaprEmulator/bin/Debug/net10.0/OneDay.DaprEmulator.dll run -f dapr.yaml ;;
  *) echo "ONEDAY_SIDECAR must be emulator or dapr" >&2; exit 2 ;;
esac
