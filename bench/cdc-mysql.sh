#!/usr/bin/env bash
# CDC benchmark with a MariaDB source: a backlog of 1,000,000 row changes (50% updates, 25%
# inserts, 25% deletes, transactions of 100 rows) in the binlog, drained by
# mariadb-binlog --read-from-remote-server to /dev/null (the raw limit), opendms binlog capture
# only (decode and discard), and opendms migrate --migration-type cdc into MariaDB (transactional
# and batch apply) and into PostgreSQL (batch apply). See bench/README.md ("CDC, MySQL source").
#
#   bench/cdc-mysql.sh [--transactions N]    (100 changes each; default 10000)
set -euo pipefail
export LC_ALL=C

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"

SRC=opendms_cdcbench_my
WORK="$OPENDMS_ROOT/bench/work"
JAR="$OPENDMS_ROOT/opendms-server/target/opendms.jar"
TEST_CLASSES="$OPENDMS_ROOT/opendms-connectors/target/test-classes"
MY_URI="mysql://root@127.0.0.1:3306"
transactions=10000

while (($# > 0)); do
  case $1 in
    --transactions) transactions=${2:?}; shift 2 ;;
    -h | --help) sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1" ;;
  esac
done
[[ $transactions =~ ^[1-9][0-9]*$ ]] || die "--transactions must be a positive number"
[[ -f $JAR && -d $TEST_CLASSES/io/opendms/connector/mysql ]] \
  || die "build first: mvn -q -B -DskipTests package (and test-compile of opendms-connectors)"
mkdir -p "$WORK"
bash "$OPENDMS_ROOT/scripts/services.sh" up >/dev/null
wait_for_quiet_cpu

my() { mariadb -uroot -h 127.0.0.1 -P 3306 "$@"; }
my_value() { my -N -B -e "$1"; }
position() { my_value "SHOW MASTER STATUS" | awk '{ print $1 ":" $2 }'; }

cleanup() {
  for db in $SRC ${SRC}_tx ${SRC}_batch; do my -e "DROP DATABASE IF EXISTS $db"; done
  pg_sql postgres -qc "DROP DATABASE IF EXISTS ${SRC}_pg WITH (FORCE)" >/dev/null || true
}
trap cleanup EXIT
cleanup

log "setting up $SRC (600,000 rows) and its copies in MariaDB and PostgreSQL"
my -e "CREATE DATABASE $SRC CHARACTER SET utf8mb4"
my $SRC <<'SQL'
CREATE TABLE cdc_rows (id bigint PRIMARY KEY, qty int NOT NULL, note varchar(100) NOT NULL,
  amount decimal(12,2) NOT NULL, updated datetime(6) NOT NULL);
INSERT INTO cdc_rows SELECT seq, seq % 1000, CONCAT('row ', seq, REPEAT('x', 40)), seq * 0.01,
  '2026-01-01' FROM seq_1_to_600000;
DELIMITER ;;
CREATE PROCEDURE backlog(n int)
BEGIN
  DECLARE i int DEFAULT 0;
  WHILE i < n DO
    START TRANSACTION;
    UPDATE cdc_rows SET qty = qty + 1, updated = NOW(6)
      WHERE id BETWEEN 300001 + (i * 50) % 300000 AND 300000 + (i * 50) % 300000 + 50;
    INSERT INTO cdc_rows SELECT 1000000 + i * 25 + seq, seq, 'new', seq, NOW(6) FROM seq_1_to_25;
    DELETE FROM cdc_rows WHERE id BETWEEN 1 + (i * 25) % 300000 AND (i * 25) % 300000 + 25;
    COMMIT;
    SET i = i + 1;
  END WHILE;
END;;
DELIMITER ;
SQL
for copy in ${SRC}_tx ${SRC}_batch; do
  my -e "CREATE DATABASE $copy; CREATE TABLE $copy.cdc_rows LIKE $SRC.cdc_rows; INSERT INTO $copy.cdc_rows SELECT * FROM $SRC.cdc_rows"
done
pg_sql postgres -qc "CREATE DATABASE ${SRC}_pg" >/dev/null
java -Xmx512m -jar "$JAR" migrate --source "$MY_URI/$SRC" --target "$(pg_uri ${SRC}_pg)" \
  --migration-type full-load --data-dir "$WORK/cdc-my-data-load" >"$WORK/cdc-my-load.log" 2>&1

start=$(position)
log "generating the backlog from $start: $transactions transactions of 50 updates, 25 inserts, 25 deletes"
started=$(date +%s.%N)
my $SRC -e "CALL backlog($transactions)"
end=$(position)
sleep 1.2
stop_time=$(date -u +%Y-%m-%dT%H:%M:%S.%N | cut -c1-26)
sleep 1.2
# a later transaction: its commit time ends the apply runs (commit_time stop position)
my $SRC -e "UPDATE cdc_rows SET note = 'sentinel' WHERE id = 599999"
log "backlog ready in $(echo "$(date +%s.%N) - $started" | bc) s: $start .. $end"
changes=$((transactions * 100))
load="$(cut -d' ' -f1-3 /proc/loadavg)"

rate() { echo "scale=0; $changes / $1" | bc; }
timed() { local t0; t0=$(date +%s.%N); "$@"; echo "$(date +%s.%N) - $t0" | bc; }

log "mariadb-binlog --read-from-remote-server to /dev/null"
# every file from the start's to the end's (the binlog may rotate during the backlog); the stop
# position applies to the last
mapfile -t files < <(my_value "SHOW BINARY LOGS" | awk -v a="${start%%:*}" -v b="${end%%:*}" '$1 >= a && $1 <= b { print $1 }')
raw=$(timed mariadb-binlog --read-from-remote-server -h 127.0.0.1 -P 3306 -u root \
  --start-position="${start#*:}" --stop-position="${end#*:}" --result-file=/dev/null "${files[@]}")

log "opendms capture only"
java -Xmx512m -cp "$JAR:$TEST_CLASSES" io.opendms.connector.mysql.BinlogCaptureBench $SRC "$start" "$end" \
  >"$WORK/cdc-my-capture.log" 2>&1
capture_line=$(grep 'capture-only:' "$WORK/cdc-my-capture.log")

apply_run() { # name batch target-uri
  local settings="$WORK/cdc-my-$1-settings.json"
  echo "{\"TargetMetadata\":{\"BatchApplyEnabled\":$2}}" >"$settings"
  rm -rf "$WORK/cdc-my-data-$1"
  java -Xmx512m -jar "$JAR" migrate --source "$MY_URI/$SRC" --target "$3" --migration-type cdc \
    --task-id "cdcbench-my-$1" --data-dir "$WORK/cdc-my-data-$1" --task-settings "$settings" \
    --cdc-start-position "$start" --cdc-stop-position "commit_time:$stop_time" 2>"$WORK/cdc-my-$1.log" >/dev/null
  # from opening the binlog to the end of apply, by the task's own log: no JVM start
  local first last
  first=$(grep -m1 'BinlogCaptureOpener - capture:' "$WORK/cdc-my-$1.log" | cut -d' ' -f1)
  last=$(grep -m1 'change processing ended' "$WORK/cdc-my-$1.log" | cut -d' ' -f1)
  echo "$(date -d "$last" +%s.%N) - $(date -d "$first" +%s.%N)" | bc
}
my_fingerprint() { my_value "SET SESSION group_concat_max_len = 1 << 30; SELECT COUNT(*), SUM(qty), SUM(amount), MD5(GROUP_CONCAT(id, note ORDER BY id SEPARATOR '|')) FROM $1.cdc_rows WHERE id <> 599999"; }
pg_fingerprint() { pg_value "$1" "SELECT count(*) || E'\t' || sum(qty) || E'\t' || sum(amount) FROM \"$SRC\".cdc_rows WHERE id <> 599999"; }

log "opendms migrate cdc into MariaDB, transactional apply"
tx=$(apply_run tx false "$MY_URI/${SRC}_tx")
log "opendms migrate cdc into MariaDB, batch apply"
batch=$(apply_run batch true "$MY_URI/${SRC}_batch")
log "opendms migrate cdc into PostgreSQL, batch apply"
pg=$(apply_run pg true "$(pg_uri ${SRC}_pg)")
expected=$(my_fingerprint $SRC)
same() { [[ $1 == "$2" ]] && echo identical || echo DIFFERENT; }
tx_ok=$(same "$(my_fingerprint ${SRC}_tx)" "$expected")
batch_ok=$(same "$(my_fingerprint ${SRC}_batch)" "$expected")
pg_ok=$(same "$(pg_fingerprint ${SRC}_pg)" "$(echo "$expected" | cut -f1-3)")

report="$WORK/cdc-mysql-results-$(date +%Y%m%d-%H%M%S).txt"
{
  echo "CDC benchmark, MariaDB source: $changes row changes in $transactions transactions; $(nproc) cores; load average before: $load"
  printf '%-44s %8.2f s %10s changes/s\n' "mariadb-binlog --read-from-remote-server" "$raw" "$(rate "$raw")"
  echo "opendms $capture_line"
  printf '%-44s %8.2f s %10s changes/s  target %s\n' "opendms migrate cdc -> MariaDB, transactional" "$tx" "$(rate "$tx")" "$tx_ok"
  printf '%-44s %8.2f s %10s changes/s  target %s\n' "opendms migrate cdc -> MariaDB, batch apply" "$batch" "$(rate "$batch")" "$batch_ok"
  printf '%-44s %8.2f s %10s changes/s  target %s\n' "opendms migrate cdc -> PostgreSQL, batch" "$pg" "$(rate "$pg")" "$pg_ok"
  echo "(migrate times: from opening the binlog to the end of apply, by the task log; load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
} | tee "$report"
