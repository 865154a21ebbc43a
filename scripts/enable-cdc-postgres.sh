#!/usr/bin/env bash
# Prepares the local PostgreSQL for logical replication (CDC): wal_level=logical, at least
# 32 replication slots and WAL senders (integration tests of several features run at once and
# each CDC test holds a slot) and 300 connections. Idempotent: settings are written with ALTER SYSTEM,
# and the server is restarted only when a value in force differs from what is wanted (these
# settings take effect on restart only). A restart ends every open session on the server.
set -euo pipefail

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

MIN_SLOTS=32
MIN_SENDERS=32
MIN_CONNECTIONS=300

in_force() { pg_value postgres "SHOW $1"; }

pg_wait_ready || die "PostgreSQL is not running; run scripts/services.sh up first"

changes=()
if [[ "$(in_force wal_level)" != logical ]]; then
  changes+=("wal_level = logical")
fi
if (("$(in_force max_replication_slots)" < MIN_SLOTS)); then
  changes+=("max_replication_slots = $MIN_SLOTS")
fi
if (("$(in_force max_wal_senders)" < MIN_SENDERS)); then
  changes+=("max_wal_senders = $MIN_SENDERS")
fi
if (("$(in_force max_connections)" < MIN_CONNECTIONS)); then
  changes+=("max_connections = $MIN_CONNECTIONS")
fi

if ((${#changes[@]} == 0)); then
  echo "postgres: CDC settings already in force (wal_level=logical," \
    "max_replication_slots=$(in_force max_replication_slots)," \
    "max_wal_senders=$(in_force max_wal_senders))"
  exit 0
fi

for change in "${changes[@]}"; do
  log "postgres: ALTER SYSTEM SET $change"
  pg_value postgres "ALTER SYSTEM SET $change" >/dev/null
done

log "postgres: restarting cluster $PG_VERSION/$PG_CLUSTER for the new settings"
pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" restart
pg_wait_ready

# The proof: what the restarted server has in force, not what was asked for.
[[ "$(in_force wal_level)" == logical ]] ||
  die "wal_level is still $(in_force wal_level) after the restart; see $(pg_cluster_log)"
(("$(in_force max_replication_slots)" >= MIN_SLOTS)) ||
  die "max_replication_slots is below $MIN_SLOTS after the restart"
(("$(in_force max_wal_senders)" >= MIN_SENDERS)) ||
  die "max_wal_senders is below $MIN_SENDERS after the restart"
(("$(in_force max_connections)" >= MIN_CONNECTIONS)) ||
  die "max_connections is below $MIN_CONNECTIONS after the restart"
echo "postgres: CDC settings in force after restart (wal_level=logical," \
  "max_replication_slots=$(in_force max_replication_slots)," \
  "max_wal_senders=$(in_force max_wal_senders))"
