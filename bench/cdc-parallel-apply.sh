#!/usr/bin/env bash
# CDC apply into OpenSearch with and without parallel apply threads (TargetMetadata.
# ParallelApplyThreads): one backlog of row changes (50% updates, 25% inserts, 25% deletes,
# transactions of 100 rows, as bench/cdc-pg.sh) drained by opendms migrate --migration-type cdc
# once per thread count, each from its own slot created at the same point, into its own index.
# See bench/README.md ("CDC into OpenSearch with parallel apply").
#
#   bench/cdc-parallel-apply.sh [--transactions N] [--threads "0 4"]
set -euo pipefail
export LC_ALL=C

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"

SRC=opendms_pabench_src
WORK="$OPENDMS_ROOT/bench/work/parallel-apply"
JAR="$OPENDMS_ROOT/opendms-server/target/opendms.jar"
OPENSEARCH=http://127.0.0.1:9200
transactions=1000
threads="0 4"

while (($# > 0)); do
  case $1 in
    --transactions) transactions=${2:?}; shift 2 ;;
    --threads) threads=${2:?}; shift 2 ;;
    -h | --help) sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1" ;;
  esac
done
[[ $transactions =~ ^[1-9][0-9]*$ ]] || die "--transactions must be a positive number"
[[ -f $JAR ]] || die "build first: mvn -q -B -DskipTests package"
mkdir -p "$WORK"
bash "$OPENDMS_ROOT/scripts/services.sh" up >/dev/null
wait_for_quiet_cpu

q() { pg_sql "$1" -Atc "$2"; }
slot() { echo "pabench_t$1"; }
index() { echo "pabench_t$1_cdc_rows"; }

# slots first: a database with a slot cannot be dropped
cleanup() {
  for n in $threads; do
    q postgres "SELECT pg_drop_replication_slot('$(slot "$n")') FROM pg_replication_slots
      WHERE slot_name = '$(slot "$n")'" >/dev/null || true
    curl -s -o /dev/null -X DELETE "$OPENSEARCH/$(index "$n")" || true
  done
  q postgres "DROP DATABASE IF EXISTS $SRC WITH (FORCE)" >/dev/null || true
}
trap cleanup EXIT
cleanup

log "setting up $SRC (300,000 rows)"
q postgres "CREATE DATABASE $SRC" >/dev/null
pg_sql $SRC -q <<'SQL'
CREATE TABLE cdc_rows (id bigint PRIMARY KEY, qty integer NOT NULL, note text NOT NULL,
  amount numeric(12,2) NOT NULL, updated timestamptz NOT NULL);
INSERT INTO cdc_rows SELECT g, g % 1000, 'row ' || g || repeat('x', 40), g * 0.01, '2026-01-01'
  FROM generate_series(1, 300000) g;
VACUUM (FREEZE, ANALYZE) cdc_rows;
SQL
for n in $threads; do
  q $SRC "CREATE PUBLICATION $(slot "$n") FOR TABLE cdc_rows" >/dev/null
  q $SRC "SELECT pg_create_logical_replication_slot('$(slot "$n")', 'pgoutput')" >/dev/null
done
start_lsn=$(q $SRC "SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = '$(slot "${threads%% *}")'")

log "generating the backlog: $transactions transactions of 50 updates, 25 inserts, 25 deletes"
pg_sql $SRC -q <<SQL
DO \$\$
BEGIN
  FOR i IN 0..$transactions - 1 LOOP
    UPDATE cdc_rows SET qty = qty + 1, updated = clock_timestamp()
      WHERE id BETWEEN 150001 + (i * 50) % 150000 AND 150000 + (i * 50) % 150000 + 50;
    INSERT INTO cdc_rows SELECT 1000000 + i * 25 + g, g, 'new', g, clock_timestamp()
      FROM generate_series(1, 25) g;
    DELETE FROM cdc_rows WHERE id BETWEEN 1 + (i * 25) % 150000 AND (i * 25) % 150000 + 25;
    COMMIT;
  END LOOP;
END
\$\$;
SQL
stop_time=$(q $SRC "SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US')")
sleep 1
# a later transaction: its commit time ends the apply runs (commit_time stop position)
q $SRC "UPDATE cdc_rows SET note = 'sentinel' WHERE id = 299999" >/dev/null
changes=$((transactions * 100))
# the documents the backlog leaves: every row it wrote and did not delete
expected=$(q $SRC "SELECT count(*) FROM cdc_rows WHERE updated > '2026-01-01'")

apply_run() { # threads; prints the seconds from opening the slot to the end of apply
  local n=$1 settings="$WORK/settings-$1.json" mappings="$WORK/mappings-$1.json"
  echo "{\"TargetMetadata\":{\"ParallelApplyThreads\":$n}}" >"$settings"
  cat >"$mappings" <<JSON
{"rules": [
  {"rule-type": "selection", "rule-id": "1", "rule-name": "1", "rule-action": "include",
   "object-locator": {"schema-name": "public", "table-name": "cdc_rows"}},
  {"rule-type": "transformation", "rule-id": "2", "rule-name": "2", "rule-target": "table",
   "rule-action": "add-prefix", "value": "pabench_t${n}_",
   "object-locator": {"schema-name": "public", "table-name": "%"}}]}
JSON
  rm -rf "$WORK/data-$n"
  java -Xmx512m -jar "$JAR" migrate \
    --source "postgresql://$PG_USER@$PG_HOST:$PG_PORT/$SRC?SlotName=$(slot "$n")" \
    --target "opensearch://127.0.0.1:9200" --migration-type cdc --task-id "pabench-$n" \
    --data-dir "$WORK/data-$n" --task-settings "$settings" --table-mappings "$mappings" \
    --cdc-start-position "$start_lsn" --cdc-stop-position "commit_time:$stop_time" \
    2>"$WORK/run-$n.log" >/dev/null
  local first last
  first=$(grep -m1 'CaptureOpener - capture:' "$WORK/run-$n.log" | cut -d' ' -f1)
  last=$(grep -m1 'change processing ended' "$WORK/run-$n.log" | cut -d' ' -f1)
  echo "$(date -d "$last" +%s.%N) - $(date -d "$first" +%s.%N)" | bc
}
documents() {
  curl -s -o /dev/null -X POST "$OPENSEARCH/$(index "$1")/_refresh"
  curl -s "$OPENSEARCH/$(index "$1")/_count" | sed -E 's/.*"count":([0-9]+).*/\1/'
}

report="$WORK/results-$(date +%Y%m%d-%H%M%S).txt"
{
  echo "CDC into OpenSearch: $changes row changes in $transactions transactions; $(nproc) cores"
  for n in $threads; do
    log "opendms migrate cdc, ParallelApplyThreads $n"
    load="$(cut -d' ' -f1-3 /proc/loadavg)"
    seconds=$(apply_run "$n")
    docs=$(documents "$n")
    printf 'ParallelApplyThreads %-3s %8.2f s %8.0f changes/s  documents %s (expected %s)  load average before: %s\n' \
      "$n" "$seconds" "$(echo "$changes / $seconds" | bc -l)" "$docs" "$expected" "$load"
  done
  echo "(times: from opening the slot to the end of apply, by the task log)"
} | tee "$report"
