#!/usr/bin/env bash
# README's run command: the whole system on this machine, the web client on http://127.0.0.1:3007 and the
# public API (gateway) on http://127.0.0.1:3000.
#   scripts/run.sh [--seed] [--check] [--observe] [--rabbitmq] [--no-build]
#     --seed   demo accounts and jobs across Seoul (idempotent; LOCAL DEVELOPMENT ONLY)
#     --check  start, seed if asked, prove a client gets through the gateway, then stop (CI runs this)
#     --observe  Prometheus on http://127.0.0.1:9090 scraping every app and sidecar, with OneDay's rules
#     --rabbitmq events on RabbitMQ instead of Redis Streams: the apps read components/rabbitmq, nothing else changes
#     --no-build run what was last built (scripts/test.sh has just built the same tree)
# Starts PostgreSQL and Redis (scripts/infra.sh), creates local-development secrets when missing, builds
# once, then runs every app beside a sidecar: with the real Dapr CLI when it is installed and initialised
# (`dapr run -f .`), otherwise with the emulator in tools/OneDay.DaprEmulator. ONEDAY_SIDECAR=emulator|dapr
# forces one or the other. Waits until every app's /health/ready answers, says where to look, and stops
# everything on Ctrl-C.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

seed=0 check=0 observe=0 rabbitmq=0 build=1
for arg in "$@"; do
  case "$arg" in
    --seed) seed=1 ;;
    --check) check=1 ;;
    --observe) observe=1 ;;
    --rabbitmq) rabbitmq=1 ;;
    --no-build) build=0 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

servers=()
[ "$observe" = 1 ] && servers+=(--observe)
[ "$rabbitmq" = 1 ] && servers+=(--rabbitmq)
scripts/infra.sh up "${servers[@]}" >/dev/null
# The broker swap is one path: the same run file with the broker layer components/rabbitmq for components/redis.
runfile=dapr.yaml
if [ "$rabbitmq" = 1 ]; then
  runfile=.dapr.rabbitmq.yaml
  sed 's#\./components/redis\]#./components/rabbitmq]#' dapr.yaml >"$runfile"
fi
scripts/dev-secrets.sh
# The API tokens go to every sidecar and app (the Dapr CLI and the emulator pass the environment on):
# a process on this machine that reaches a sidecar or an app port without them is refused.
set -a; . .dev/api-tokens.env; set +a
if [ "$build" = 1 ]; then
  dotnet build OneDay.sln -p:UseSharedCompilation=true -v quiet -nologo -clp:ErrorsOnly
  dotnet build-server shutdown >/dev/null 2>&1 || true
fi

sidecar="${ONEDAY_SIDECAR:-}"
if [ -z "$sidecar" ]; then
  if command -v dapr >/dev/null 2>&1 && [ -x "$HOME/.dapr/bin/daprd" ]; then sidecar=dapr; else sidecar=emulator; fi
fi
mkdir -p .dev/logs
log=.dev/logs/oneday.log
: >"$log"
case "$sidecar" in
  dapr) dapr run -f "$runfile" >>"$log" 2>&1 & ;;
  # The built emulator itself, not `dotnet run`, so the SIGTERM below reaches it and it stops every app.
  emulator) dotnet tools/OneDay.DaprEmulator/bin/Debug/net10.0/OneDay.DaprEmulator.dll run -f "$runfile" >>"$log" 2>&1 & ;;
  *) echo "ONEDAY_SIDECAR must be emulator or dapr" >&2; exit 2 ;;
esac
runner=$!

stop() {
  trap - INT TERM EXIT
  if kill -0 "$runner" 2>/dev/null; then
    echo "stopping OneDay…"
    kill -TERM "$runner" 2>/dev/null || true
    wait "$runner" 2>/dev/null || true
  fi
}
trap 'stop; exit 130' INT TERM
trap stop EXIT

# An HTTP status line without curl (not on every fresh machine): bash's /dev/tcp.
http_status() {
  local port=$1 path=$2 line
  { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&3
  IFS= read -r -t 5 line <&3 || true
  exec 3<&- 3>&-
  printf '%s' "${line:-}" | awk '{print $2}'
}

ports=$(sed -n 's/^ *appPort: *\([0-9]*\).*/\1/p' dapr.yaml)
deadline=$((SECONDS + 240))
for port in $ports; do
  until [ "$(http_status "$port" /health/ready || true)" = 200 ]; do
    if ! kill -0 "$runner" 2>/dev/null; then
      echo "run.sh: the apps stopped while starting; the end of $log:" >&2; tail -n 40 "$log" >&2; exit 1
    fi
    # A sidecar or app that could not start is reported in the log; waiting longer would not help.
    if grep -E "sidecar failed to start|== APP - [a-z-]+ == (cannot start|exited with code)" "$log" >&2; then
      echo "run.sh: an app could not start (above); the whole log is $log" >&2; exit 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "run.sh: the app on :$port was not ready within four minutes; the end of $log:" >&2; tail -n 40 "$log" >&2; exit 1
    fi
    sleep 0.5
  done
done

cat <<EOF
OneDay is running ($sidecar sidecars).
  web       http://127.0.0.1:3007  (open this in a browser)
  gateway   http://127.0.0.1:3000
  API docs  http://127.0.0.1:3000/docs
  logs      $log  (JSON lines from every app and sidecar: tail -f $log)
  traces    Zipkin at http://localhost:9411 when one runs there (\`dapr init\` starts it); Telemetry__ZipkinEndpoint moves it
  e-mail/SMS/push  files under .dev/outbox/ (the email, sms and push bindings)
EOF

if [ "$seed" = 1 ]; then
  dotnet tools/OneDay.DemoData/bin/Debug/net10.0/OneDay.DemoData.dll http://127.0.0.1:3000 .dev/outbox/email $([ "$check" = 1 ] && echo --check)
fi
if [ "$check" = 1 ]; then
  docs=$(http_status 3000 /docs/ || true)
  [ "$docs" = 200 ] || { echo "check: GET /docs/ answered '${docs}', not 200" >&2; exit 1; }
  web=$(http_status 3007 /login || true)
  [ "$web" = 200 ] || { echo "check: GET :3007/login answered '${web}', not 200" >&2; exit 1; }
  echo "check: every app ready, /docs and the web client's log-in page served"
  exit 0
fi
echo "Ctrl-C stops everything."
wait "$runner"
