#!/usr/bin/env bash
# CDC benchmark, PostgreSQL -> PostgreSQL: a backlog of 1,000,000 row changes (50% updates, 25%
# inserts, 25% deletes, transactions of 100 rows) drained from four slots created at the same
# point: pg_recvlogical to /dev/null (the raw limit), opendms capture only (decode and discard),
# and opendms migrate --migration-type cdc in transactional and in batch-optimized apply.
# See bench/README.md ("CDC").
#
#   bench/cdc-pg.sh [--transactions N]    (100 changes each; default 10000)
set -euo pipefail
export LC_ALL=C

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"

SRC=opendms_cdcbench_src
WORK="$OPENDMS_ROOT/bench/work"
JAR="$OPENDMS_ROOT/opendms-server/target/opendms.jar"
TEST_CLASSES="$OPENDMS_ROOT/opendms-connectors/target/test-classes"
SLOTS=(cdcbench_raw cdcbench_capture cdcbench_tx cdcbench_batch)
transactions=10000

while (($# > 0)); do
  case $1 in
    --transactions) transactions=${2:?}; shift 2 ;;
    -h | --help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1" ;;
  esac
done
[[ $transactions =~ ^[1-9][0-9]*$ ]] || die "--transactions must be a positive number"
[[ -f $JAR && -d $TEST_CLASSES/io/opendms/connector/postgres ]] \
  || die "build first: mvn -q -B -DskipTests package (and test-compile of opendms-connectors)"
mkdir -p "$WORK"
bash "$OPENDMS_ROOT/scripts/services.sh" up >/dev/null
wait_for_quiet_cpu

q() { pg_sql "$1" -Atc "$2"; }

# slots first: a database with a slot cannot be dropped
cleanup() {
  for slot in "${SLOTS[@]}"; do
    q postgres "SELECT pg_drop_replication_slot('$slot') FROM pg_replication_slots WHERE slot_name = '$slot'" >/dev/null || true
  done
  for db in $SRC ${SRC}_tx ${SRC}_batch; do q postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null || true; done
}
trap cleanup EXIT
cleanup

log "setting up $SRC (600,000 rows) and its copies"
q postgres "CREATE DATABASE $SRC" >/dev/null
pg_sql $SRC -q <<'SQL'
CREATE TABLE cdc_rows (id bigint PRIMARY KEY, qty integer NOT NULL, note text NOT NULL,
  amount numeric(12,2) NOT NULL, updated timestamptz NOT NULL);
INSERT INTO cdc_rows SELECT g, g % 1000, 'row ' || g || repeat('x', 40), g * 0.01, '2026-01-01'
  FROM generate_series(1, 600000) g;
VACUUM (FREEZE, ANALYZE) cdc_rows;
SQL
q postgres "CREATE DATABASE ${SRC}_tx TEMPLATE $SRC" >/dev/null
q postgres "CREATE DATABASE ${SRC}_batch TEMPLATE $SRC" >/dev/null
for slot in "${SLOTS[@]}"; do
  q $SRC "CREATE PUBLICATION $slot FOR TABLE cdc_rows" >/dev/null
  q $SRC "SELECT pg_create_logical_replication_slot('$slot', 'pgoutput')" >/dev/null
done
start_lsn=$(q $SRC "SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = 'cdcbench_tx'")

log "generating the backlog: $transactions transactions of 50 updates, 25 inserts, 25 deletes"
started=$(date +%s.%N)
pg_sql $SRC -q <<SQL
DO \$\$
BEGIN
  FOR i IN 0..$transactions - 1 LOOP
    UPDATE cdc_rows SET qty = qty + 1, updated = clock_timestamp()
      WHERE id BETWEEN 300001 + (i * 50) % 300000 AND 300000 + (i * 50) % 300000 + 50;
    INSERT INTO cdc_rows SELECT 1000000 + i * 25 + g, g, 'new', g, clock_timestamp()
      FROM generate_series(1, 25) g;
    DELETE FROM cdc_rows WHERE id BETWEEN 1 + (i * 25) % 300000 AND (i * 25) % 300000 + 25;
    COMMIT;
  END LOOP;
END
\$\$;
SQL
end_lsn=$(q $SRC "SELECT pg_current_wal_lsn()")
stop_time=$(q $SRC "SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US')")
sleep 1
# a later transaction: its commit time ends the apply runs (commit_time stop position)
q $SRC "UPDATE cdc_rows SET note = 'sentinel' WHERE id = 599999" >/dev/null
log "backlog ready in $(echo "$(date +%s.%N) - $started" | bc) s: $start_lsn .. $end_lsn"
changes=$((transactions * 100))
load="$(cut -d' ' -f1-3 /proc/loadavg)"

rate() { echo "scale=0; $changes / $1" | bc; }
timed() { local t0; t0=$(date +%s.%N); "$@"; echo "$(date +%s.%N) - $t0" | bc; }

log "pg_recvlogical draining cdcbench_raw"
raw=$(timed pg_recvlogical -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d $SRC --slot cdcbench_raw \
  --start --endpos "$end_lsn" --no-loop -o proto_version=1 -o publication_names=cdcbench_raw -f /dev/null)

log "opendms capture only (cdcbench_capture)"
java -Xmx512m -cp "$JAR:$TEST_CLASSES" io.opendms.connector.postgres.CaptureBench $SRC cdcbench_capture "$end_lsn" \
  >"$WORK/cdc-capture.log" 2>&1
capture_line=$(grep 'capture-only:' "$WORK/cdc-capture.log")

apply_run() { # mode slot target
  local settings="$WORK/cdc-$1-settings.json"
  echo "{\"TargetMetadata\":{\"BatchApplyEnabled\":$([[ $1 == batch ]] && echo true || echo false)}}" >"$settings"
  rm -rf "$WORK/cdc-data-$1"
  java -Xmx512m -jar "$JAR" migrate --source "postgresql://$PG_USER@$PG_HOST:$PG_PORT/$SRC?SlotName=$2" \
    --target "postgresql://$PG_USER@$PG_HOST:$PG_PORT/$3" --migration-type cdc --task-id "cdcbench-$1" \
    --data-dir "$WORK/cdc-data-$1" --task-settings "$settings" \
    --cdc-start-position "$start_lsn" --cdc-stop-position "commit_time:$stop_time" 2>"$WORK/cdc-$1.log" >/dev/null
  # from the slot being opened to the end of apply, by the task's own log: no JVM start
  local first last
  first=$(grep -m1 'CaptureOpener - capture:' "$WORK/cdc-$1.log" | cut -d' ' -f1)
  last=$(grep -m1 'change processing ended' "$WORK/cdc-$1.log" | cut -d' ' -f1)
  echo "$(date -d "$last" +%s.%N) - $(date -d "$first" +%s.%N)" | bc
}
fingerprint() { q "$1" "SELECT count(*) || ' ' || md5(string_agg(t::text, '|' ORDER BY id)) FROM cdc_rows t WHERE id <> 599999"; }

log "opendms migrate cdc, transactional apply (cdcbench_tx)"
tx=$(apply_run tx cdcbench_tx ${SRC}_tx)
log "opendms migrate cdc, batch apply (cdcbench_batch)"
batch=$(apply_run batch cdcbench_batch ${SRC}_batch)
expected=$(fingerprint $SRC)
tx_ok=$([[ $(fingerprint ${SRC}_tx) == "$expected" ]] && echo identical || echo DIFFERENT)
batch_ok=$([[ $(fingerprint ${SRC}_batch) == "$expected" ]] && echo identical || echo DIFFERENT)

report="$WORK/cdc-results-$(date +%Y%m%d-%H%M%S).txt"
{
  echo "CDC benchmark: $changes row changes in $transactions transactions; $(nproc) cores; load average before: $load"
  printf '%-34s %8.2f s %10s changes/s\n' "pg_recvlogical to /dev/null" "$raw" "$(rate "$raw")"
  echo "opendms $capture_line"
  printf '%-34s %8.2f s %10s changes/s  target %s\n' "opendms migrate cdc, transactional" "$tx" "$(rate "$tx")" "$tx_ok"
  printf '%-34s %8.2f s %10s changes/s  target %s\n' "opendms migrate cdc, batch apply" "$batch" "$(rate "$batch")" "$batch_ok"
  echo "(migrate times: from opening the slot to the end of apply, by the task log; load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
  grep -h 'opendms migrate: CDC' "$WORK/cdc-tx.log" "$WORK/cdc-batch.log" | tail -2
} | tee "$report"
