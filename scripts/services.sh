#!/usr/bin/env bash
# Starts, checks and stops the local services that the tests and the demo use.
#
#   scripts/services.sh up       start what is not running, then wait until each one answers
#   scripts/services.sh status   say what is running
#   scripts/services.sh down     stop the services this script started (and nothing else)
#
# Idempotent: "up" twice starts nothing the second time. Services of the machine itself
# (PostgreSQL, MariaDB, Redis) are only started when stopped and are never stopped here.
# Services this script launches as processes of its own record their PID under the run
# directory, and "down" kills only those recorded PIDs.
#
# Adding a service: write NAME_up, NAME_status (and NAME_down when the script launches it
# with start_recorded), then add NAME to SERVICES.
set -euo pipefail

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

SERVICES=(postgres)

# Machine-wide rather than per clone: the services listen on fixed ports, so a second clone
# of the repository must find, not start again, what the first one started.
RUN_DIR="${OPENDMS_RUN_DIR:-/var/tmp/opendms-services}"

# --- PostgreSQL: the machine's own cluster ---------------------------------------------------

postgres_up() {
  if ! pg_ready; then
    if pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" status >/dev/null 2>&1; then
      log "postgres: running but not answering yet; waiting"
    else
      log "postgres: starting cluster $PG_VERSION/$PG_CLUSTER"
      pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" start || return 1
    fi
  fi
  pg_wait_ready || return 1
  echo "postgres: up at $PG_HOST:$PG_PORT"
}

postgres_status() {
  if pg_ready; then
    echo "postgres: up at $PG_HOST:$PG_PORT"
  else
    echo "postgres: down"
    return 1
  fi
}

postgres_down() {
  echo "postgres: machine service, left running"
}

# --- processes this script starts itself -----------------------------------------------------
# start_recorded NAME COMMAND...: runs COMMAND in the background, output to RUN_DIR/NAME.log,
# and records its PID with the process start time (so a reused PID is never mistaken for it).

process_start_time() { awk '{ print $22 }' "/proc/$1/stat" 2>/dev/null; }

start_recorded() {
  local name=$1
  shift
  mkdir -p "$RUN_DIR"
  nohup "$@" >"$RUN_DIR/$name.log" 2>&1 </dev/null &
  local pid=$!
  echo "$pid $(process_start_time "$pid")" >"$RUN_DIR/$name.pid"
}

# recorded_pid NAME: prints the recorded PID when that very process is still alive.
recorded_pid() {
  local file="$RUN_DIR/$1.pid" pid started
  [[ -f $file ]] || return 1
  read -r pid started <"$file" || return 1
  [[ -n $pid && "$(process_start_time "$pid")" == "$started" ]] || return 1
  echo "$pid"
}

stop_recorded() {
  local name=$1 pid
  if pid=$(recorded_pid "$name"); then
    kill "$pid" 2>/dev/null || true
    if ! wait_until "$name (pid $pid) exiting" 30 process_gone "$pid"; then
      log "$name: killing pid $pid"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    echo "$name: stopped"
  else
    echo "$name: not started by this script"
  fi
  rm -f "$RUN_DIR/$name.pid"
}

process_gone() { ! kill -0 "$1" 2>/dev/null; }

# --- command ---------------------------------------------------------------------------------

main() {
  local command=${1:-}
  local service status=0
  case $command in
    up)
      # Stops at the first service that cannot be started (set -e).
      for service in "${SERVICES[@]}"; do
        "${service}_up"
      done
      ;;
    status)
      for service in "${SERVICES[@]}"; do
        "${service}_status" || status=1
      done
      ;;
    down)
      # Reverse order: whatever depends on an earlier service stops first.
      local index
      for ((index = ${#SERVICES[@]} - 1; index >= 0; index--)); do
        "${SERVICES[index]}_down" || status=1
      done
      ;;
    *)
      echo "usage: $0 up|down|status" >&2
      return 2
      ;;
  esac
  return "$status"
}

main "$@"
