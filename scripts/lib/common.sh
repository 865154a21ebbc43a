# shellcheck shell=bash
# Shared by the scripts under scripts/ and bench/: messages, waiting, and the local PostgreSQL.
# Source it; it defines functions and variables only and runs nothing.

OPENDMS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export OPENDMS_ROOT

# The local PostgreSQL of this machine kind (see shared/SERVICES.md); override for another.
PG_HOST="${OPENDMS_PG_HOST:-127.0.0.1}"
PG_PORT="${OPENDMS_PG_PORT:-5432}"
PG_USER="${OPENDMS_PG_USER:-postgres}"
PG_VERSION="${OPENDMS_PG_VERSION:-15}"
# The test PostgreSQL also accepts TLS (scripts/enable-ssl-postgres.sh), and libpq prefers it
# when asked nothing: plain connections unless a caller names an sslmode, so that the tools a
# benchmark measures beside opendms (psql COPY, pg_recvlogical, pgbench) pay no encryption that
# opendms (SslMode none) does not.
export PGSSLMODE="${PGSSLMODE:-disable}"
PG_CLUSTER="${OPENDMS_PG_CLUSTER:-main}"

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# cpu_idle_percent: how idle the machine's CPUs were over the next second, in percent (from
# /proc/stat: idle and iowait against all time).
cpu_idle_percent() {
  local before after
  before=$(cpu_times)
  sleep 1
  after=$(cpu_times)
  awk -v b="$before" -v a="$after" 'BEGIN { split(b, x, " "); split(a, y, " ");
    t = y[1] - x[1]; printf "%d", (t > 0 ? 100 * (y[2] - x[2]) / t : 100) }'
}

# cpu_times: the CPUs' total and idle (with iowait) time so far, in ticks.
cpu_times() { awk '/^cpu / { print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9, $5 + $6 }' /proc/stat; }

# wait_for_quiet_cpu [SECONDS]: before a benchmark times anything, waits until the CPUs were at
# least 85% idle for a second, at most SECONDS (default 180). Services that have just started
# keep a core busy for a minute or more (OpenSearch, Kafka), and a load timed then was the
# slowest of its session (bench/README.md). Never fails: it says when it gives up waiting.
wait_for_quiet_cpu() {
  local deadline=$((SECONDS + ${1:-180})) idle waited=
  until idle=$(cpu_idle_percent); ((idle >= 85)); do
    if ((SECONDS >= deadline)); then
      log "the CPUs are still busy (${idle}% idle); timing anyway"
      return 0
    fi
    [[ -n $waited ]] || log "waiting for the CPUs to settle before timing (${idle}% idle)"
    waited=yes
  done
  [[ -z $waited ]] || log "CPUs ${idle}% idle"
}

# wait_until DESCRIPTION SECONDS COMMAND...: runs COMMAND every half second until it
# succeeds; fails after SECONDS.
wait_until() {
  local description=$1 seconds=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    if ((SECONDS >= deadline)); then
      printf 'error: %s did not happen within %ss\n' "$description" "$seconds" >&2
      return 1
    fi
    sleep 0.5
  done
}

pg_ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER"; }

# pg_sql DATABASE [psql args...]: psql without ~/.psqlrc, stopping at the first error.
pg_sql() {
  local database=$1
  shift
  PGOPTIONS="-c client_min_messages=warning" \
    psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$database" "$@"
}

# pg_value DATABASE SQL: the single value SQL returns, unaligned.
pg_value() { pg_sql "$1" -At -c "$2"; }

pg_uri() { printf 'postgresql://%s@%s:%s/%s?sslmode=%s' "$PG_USER" "$PG_HOST" "$PG_PORT" "$1" "$PGSSLMODE"; }

# pg_recreate_database NAME: drops NAME (ending its sessions) and creates it empty.
pg_recreate_database() {
  pg_sql postgres -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" -c "CREATE DATABASE \"$1\""
}

pg_cluster_log() { printf '/var/log/postgresql/postgresql-%s-%s.log' "$PG_VERSION" "$PG_CLUSTER"; }

# pg_wait_ready: waits until the server accepts connections, showing its log if it never does.
pg_wait_ready() {
  if ! wait_until "PostgreSQL accepting connections on $PG_HOST:$PG_PORT" 60 pg_ready; then
    tail -n 20 "$(pg_cluster_log)" >&2 2>/dev/null || true
    return 1
  fi
}
