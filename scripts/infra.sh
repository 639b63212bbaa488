#!/usr/bin/env bash
# Local PostgreSQL 15 (+ PostGIS, pg_trgm) and Redis for OneDay's tests and local runs.
#   scripts/infra.sh up [--observe | --prometheus] [--rabbitmq] [--chromium]|down|status
#     --observe  also Prometheus 2.42 (Debian) on 127.0.0.1:9090 with k8s/observability/local/prometheus.yml,
#                and ONEDAY_TEST_PROMETHEUS (its binary) for the end-to-end tests, which start their own
#     --prometheus  only installs Prometheus and promtool and prints ONEDAY_TEST_PROMETHEUS: what the tests need
#                (scripts/test.sh), without a server scraping ports nobody listens on for the whole run
#     --rabbitmq also RabbitMQ (Debian) on 127.0.0.1:5672, its management API on 15672, for the
#                components/rabbitmq broker layer; prints ONEDAY_TEST_RABBITMQ and ONEDAY_TEST_RABBITMQ_ADMIN
#     --chromium also Debian's chromium for tests/OneDay.Web.Tests, which drive it with Playwright (no browser
#                is ever downloaded); prints ONEDAY_TEST_CHROMIUM
# Installs what is missing with apt, runs both servers on 127.0.0.1 without systemd under a data
# directory this script owns, and prints the connection settings the tests read. Idempotent: a server
# that already answers on its port (e.g. the Redis of `dapr init`) is reused, not started twice.
set -euo pipefail

PG_PORT="${ONEDAY_PG_PORT:-5432}"
REDIS_PORT="${ONEDAY_REDIS_PORT:-6379}"
# Under /tmp: the postgres user must be able to write the data and socket directories.
DATA_DIR="${ONEDAY_INFRA_DIR:-/tmp/oneday-infra}"
PG_DATA="$DATA_DIR/postgres"
REDIS_DATA="$DATA_DIR/redis"
# Local-development credentials only; never used outside a developer machine or CI.
PG_USER=postgres
PG_PASSWORD=oneday-dev
# Redis asks for a password too: events, actor state and the SignalR backplane live there, and any local
# process could otherwise read or forge them.
REDIS_PASSWORD="${ONEDAY_REDIS_PASSWORD:-oneday-dev}"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# PostgreSQL 15 only: the PostGIS package installed beside it is built for 15.
pg_bin() { [ -x /usr/lib/postgresql/15/bin/initdb ] && echo /usr/lib/postgresql/15/bin; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

install_missing() {
  local wanted=()
  pg_bin >/dev/null || wanted+=(postgresql-15)
  [ -f /usr/share/postgresql/15/extension/postgis.control ] || wanted+=(postgresql-15-postgis-3)
  command -v redis-server >/dev/null || wanted+=(redis-server)
  command -v redis-cli >/dev/null || wanted+=(redis-tools)
  command -v psql >/dev/null || wanted+=(postgresql-client-15)
  command -v runuser >/dev/null || wanted+=(util-linux)
  # scripts/dev-secrets.sh makes the local signing key and passwords with it.
  command -v openssl >/dev/null || wanted+=(openssl)
  # jobs' labour contracts and payments' pay slips are PDFs in Noto Sans CJK (OneDay.Documents' default font path).
  [ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || wanted+=(fonts-noto-cjk)
  if [ "${#wanted[@]}" -gt 0 ]; then
    echo "infra: installing ${wanted[*]}" >&2
    apt_install "${wanted[@]}"
  fi
}

pg_answers() { PGPASSWORD="$PG_PASSWORD" psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc 'select 1' >/dev/null 2>&1; }
redis_answers() { [ "$(REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli --no-auth-warning -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]; }
redis_open() { [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]; }
as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else as_root runuser -u postgres -- "$@"; fi; }

# Installing Debian's package may create and start its own cluster on the same port (where no
# policy-rc.d forbids it); that server does not know our password, so it is stopped, not reused.
stop_debian_cluster_on_our_port() {
  command -v pg_lsclusters >/dev/null || return 0
  pg_lsclusters -h 2>/dev/null | awk -v port="$PG_PORT" '$3 == port && $4 ~ /online/ { print $1, $2 }' |
    while read -r version name; do
      echo "infra: stopping Debian's PostgreSQL cluster $version/$name, which holds port $PG_PORT" >&2
      as_root pg_ctlcluster "$version" "$name" stop
    done
}

pg_up() {
  if pg_answers; then echo "infra: PostgreSQL already answers on 127.0.0.1:$PG_PORT" >&2; return; fi
  stop_debian_cluster_on_our_port
  local bin; bin=$(pg_bin)
  as_root mkdir -p "$DATA_DIR"; as_root chmod 755 "$DATA_DIR"
  if [ ! -s "$PG_DATA/PG_VERSION" ]; then
    as_root mkdir -p "$PG_DATA"; as_root chown postgres:postgres "$PG_DATA"; as_root chmod 700 "$PG_DATA"
    local pwfile; pwfile=$(mktemp); echo "$PG_PASSWORD" >"$pwfile"; chmod 644 "$pwfile"
    # C.UTF-8: Hangul must count as word characters for pg_trgm and bigram indexes.
    as_postgres "$bin/initdb" -D "$PG_DATA" -U "$PG_USER" -E UTF8 --locale=C.UTF-8 \
      --auth-host=scram-sha-256 --auth-local=trust --pwfile="$pwfile" >/dev/null
    rm -f "$pwfile"
  fi
  as_postgres "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$PG_DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null
  # Extensions in template1 so every database created later (one per service, one per test) has them.
  PGPASSWORD="$PG_PASSWORD" psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d template1 -qtA \
    -c 'CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS postgis;' >/dev/null
  echo "infra: PostgreSQL started on 127.0.0.1:$PG_PORT ($PG_DATA)" >&2
}

redis_up() {
  # A Redis reused without a password (one started before, or `dapr init`'s) is given ours, for as long as it runs.
  if redis_open; then
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" config set requirepass "$REDIS_PASSWORD" >/dev/null
    echo "infra: Redis on 127.0.0.1:$REDIS_PORT answered without a password; it now asks for the local one" >&2
  fi
  if redis_answers; then echo "infra: Redis already answers on 127.0.0.1:$REDIS_PORT" >&2; return; fi
  mkdir -p "$REDIS_DATA"
  # Append-only persistence: streams, actor state and reminders survive a Redis restart.
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly yes --daemonize yes --requirepass "$REDIS_PASSWORD" \
    --dir "$REDIS_DATA" --pidfile "$REDIS_DATA/redis.pid" --logfile "$REDIS_DATA/redis.log"
  for _ in $(seq 1 50); do redis_answers && break; sleep 0.1; done
  redis_answers || { echo "infra: Redis did not start, see $REDIS_DATA/redis.log" >&2; exit 1; }
  echo "infra: Redis started on 127.0.0.1:$REDIS_PORT" >&2
}

print_env() {
  echo "ONEDAY_TEST_POSTGRES=Host=127.0.0.1;Port=$PG_PORT;Username=$PG_USER;Password=$PG_PASSWORD"
  echo "ONEDAY_TEST_REDIS=127.0.0.1:$REDIS_PORT,password=$REDIS_PASSWORD"
}

down() {
  local bin
  if [ -s "$PG_DATA/postmaster.pid" ] && bin=$(pg_bin); then
    as_postgres "$bin/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null && echo "infra: PostgreSQL stopped" >&2
  fi
  if [ -s "$REDIS_DATA/redis.pid" ]; then
    REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli --no-auth-warning -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    rm -f "$REDIS_DATA/redis.pid"; echo "infra: Redis stopped" >&2
  fi
}

status() {
  local rc=0
  if pg_answers; then echo "postgres: up (127.0.0.1:$PG_PORT)"; else echo "postgres: down"; rc=1; fi
  if redis_answers; then echo "redis: up (127.0.0.1:$REDIS_PORT)"; else echo "redis: down"; rc=1; fi
  [ "$rc" -eq 0 ] && print_env
  return "$rc"
}

# Prometheus beside `scripts/run.sh --observe`: scrapes the apps on dapr.yaml's ports and evaluates OneDay's rules.
PROM_PORT="${ONEDAY_PROMETHEUS_PORT:-9090}"
PROM_DATA="$DATA_DIR/prometheus"
prometheus_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$PROM_PORT") 2>/dev/null; }
prometheus_installed() {
  command -v prometheus >/dev/null && command -v promtool >/dev/null || { echo "infra: installing prometheus" >&2; apt_install prometheus; }
}
prometheus_up() {
  prometheus_installed
  if prometheus_answers; then echo "infra: something already answers on 127.0.0.1:$PROM_PORT; Prometheus not started" >&2; return; fi
  mkdir -p "$PROM_DATA"
  local root; root=$(cd "$(dirname "$0")/.." && pwd)
  nohup prometheus --config.file="$root/k8s/observability/local/prometheus.yml" --storage.tsdb.path="$PROM_DATA" \
    --web.listen-address="127.0.0.1:$PROM_PORT" >"$PROM_DATA/prometheus.log" 2>&1 &
  echo $! >"$PROM_DATA/prometheus.pid"
  for _ in $(seq 1 50); do prometheus_answers && break; sleep 0.2; done
  prometheus_answers || { echo "infra: Prometheus did not start, see $PROM_DATA/prometheus.log" >&2; exit 1; }
  echo "infra: Prometheus started on http://127.0.0.1:$PROM_PORT" >&2
}
prometheus_down() {
  if [ -s "$PROM_DATA/prometheus.pid" ]; then
    kill "$(cat "$PROM_DATA/prometheus.pid")" 2>/dev/null && echo "infra: Prometheus stopped" >&2
    rm -f "$PROM_DATA/prometheus.pid"
  fi
}

# RabbitMQ for the components/rabbitmq layer. The Debian wrapper switches user and wants systemd, so the
# server runs directly, its node, ports, data and plugins under this script's directory.
RABBIT_PORT="${ONEDAY_RABBITMQ_PORT:-5672}"
RABBIT_ADMIN_PORT="${ONEDAY_RABBITMQ_ADMIN_PORT:-15672}"
RABBIT_DATA="$DATA_DIR/rabbitmq"
# The broker's own default account; it accepts connections from loopback only. Local development only.
RABBIT_USER=guest
RABBIT_PASSWORD=guest
rabbit_env() {
  env HOME="$RABBIT_DATA" RABBITMQ_NODENAME="oneday@localhost" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$RABBIT_PORT" RABBITMQ_DIST_PORT="$((RABBIT_PORT + 20000))" \
    RABBITMQ_MNESIA_BASE="$RABBIT_DATA/mnesia" RABBITMQ_LOG_BASE="$RABBIT_DATA/log" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$RABBIT_DATA/enabled_plugins" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-rabbitmq_management tcp_config [{ip,\"127.0.0.1\"},{port,$RABBIT_ADMIN_PORT}]" "$@"
}
rabbit_answers() { curl -fs -u "$RABBIT_USER:$RABBIT_PASSWORD" "http://127.0.0.1:$RABBIT_ADMIN_PORT/api/overview" >/dev/null 2>&1; }
rabbitmq_up() {
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || { echo "infra: installing rabbitmq-server" >&2; apt_install rabbitmq-server; }
  command -v curl >/dev/null || apt_install curl
  if rabbit_answers; then echo "infra: RabbitMQ already answers on 127.0.0.1:$RABBIT_PORT" >&2; return; fi
  mkdir -p "$RABBIT_DATA"
  rabbit_env /usr/lib/rabbitmq/bin/rabbitmq-plugins --offline enable rabbitmq_management >/dev/null
  rabbit_env nohup /usr/lib/rabbitmq/bin/rabbitmq-server >"$RABBIT_DATA/server.log" 2>&1 &
  echo $! >"$RABBIT_DATA/rabbitmq.pid"
  for _ in $(seq 1 120); do rabbit_answers && break; sleep 0.5; done
  rabbit_answers || { echo "infra: RabbitMQ did not start, see $RABBIT_DATA/server.log" >&2; exit 1; }
  echo "infra: RabbitMQ started on 127.0.0.1:$RABBIT_PORT (management on $RABBIT_ADMIN_PORT)" >&2
}
rabbitmq_down() {
  if [ -s "$RABBIT_DATA/rabbitmq.pid" ]; then
    rabbit_env /usr/lib/rabbitmq/bin/rabbitmqctl stop >/dev/null 2>&1 || kill "$(cat "$RABBIT_DATA/rabbitmq.pid")" 2>/dev/null || true
    rm -f "$RABBIT_DATA/rabbitmq.pid"; echo "infra: RabbitMQ stopped" >&2
  fi
}

# dapr.yaml's ports inside the kernel's ephemeral range (the sidecars' gRPC ports, 5010x) can be taken as the local
# port of any outgoing connection, and a sidecar then fails to start with "address already in use" (seen in CI, with
# tests running beside the run check). Reserved ports are never handed out that way; where /proc/sys cannot be
# written (an unprivileged container) it is only said.
reserve_app_ports() {
  local low high wanted reserved
  read -r low high </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || return 0
  wanted=$(sed -n 's/^ *[A-Za-z]*[Pp]ort: *\([0-9][0-9]*\).*/\1/p' "$(cd "$(dirname "$0")/.." && pwd)/dapr.yaml" \
    | awk -v lo="$low" -v hi="$high" '$1 >= lo && $1 <= hi' | sort -n -u | paste -sd, -)
  [ -n "$wanted" ] || return 0
  reserved=$(cat /proc/sys/net/ipv4/ip_local_reserved_ports)
  if ! echo "${reserved:+$reserved,}$wanted" | as_root tee /proc/sys/net/ipv4/ip_local_reserved_ports >/dev/null 2>&1; then
    echo "infra: could not reserve dapr.yaml's ports $wanted from the ephemeral range; a sidecar may find one taken" >&2
  fi
}

case "${1:-}" in
  up)
    install_missing; pg_up; redis_up; reserve_app_ports
    for option in "${@:2}"; do
      case "$option" in
        --observe) prometheus_up; echo "ONEDAY_TEST_PROMETHEUS=$(command -v prometheus)" ;;
        --prometheus) prometheus_installed; echo "ONEDAY_TEST_PROMETHEUS=$(command -v prometheus)" ;;
        --rabbitmq)
          rabbitmq_up
          echo "ONEDAY_TEST_RABBITMQ=amqp://$RABBIT_USER:$RABBIT_PASSWORD@127.0.0.1:$RABBIT_PORT"
          echo "ONEDAY_TEST_RABBITMQ_ADMIN=http://127.0.0.1:$RABBIT_ADMIN_PORT" ;;
        --chromium)
          [ -x /usr/bin/chromium ] || { echo "infra: installing chromium" >&2; apt_install chromium; }
          echo "ONEDAY_TEST_CHROMIUM=/usr/bin/chromium" ;;
        *) echo "usage: $0 up [--observe | --prometheus] [--rabbitmq] [--chromium]" >&2; exit 2 ;;
      esac
    done
    print_env ;;
  down) down; prometheus_down; rabbitmq_down ;;
  status) status ;;
  *) echo "usage: $0 up [--observe | --prometheus] [--rabbitmq] [--chromium]|down|status" >&2; exit 2 ;;
esac
