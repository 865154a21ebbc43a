#!/usr/bin/env bash
# Steady-state CDC benchmark, PostgreSQL -> PostgreSQL: pgbench writes a constant rate of row
# changes (default 5,000/s: transactions of 6 updates, 2 inserts, 2 deletes) for a few minutes
# while `opendms migrate --migration-type cdc` replicates them; reports the p50/p99/max of
# CDCLatencyTarget sampled every second, the throughput reached, the task JVM's used heap over
# time (jstat) and whether the target ends identical. See bench/README.md ("CDC steady state").
#
# A warm-up at the same rate (default 30 s) runs first and is reported apart: it covers the JIT
# compiling the apply path, which a task that runs for days pays once.
#
#   bench/cdc-steady-pg.sh [--rate CHANGES_PER_S] [--seconds N] [--warmup N] [--batch]
set -euo pipefail
export LC_ALL=C

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"

SRC=opendms_steady_src
DST=opendms_steady_dst
WORK="$OPENDMS_ROOT/bench/work"
JAR="$OPENDMS_ROOT/opendms-server/target/opendms.jar"
TASK=steady-bench
SLOT=opendms_steady_bench
rate=5000
seconds=180
warmup=30
batch=false

while (($# > 0)); do
  case $1 in
    --rate) rate=${2:?}; shift 2 ;;
    --seconds) seconds=${2:?}; shift 2 ;;
    --warmup) warmup=${2:?}; shift 2 ;;
    --batch) batch=true; shift ;;
    -h | --help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1" ;;
  esac
done
[[ $rate =~ ^[1-9][0-9]*$ && $seconds =~ ^[1-9][0-9]*$ ]] || die "--rate and --seconds must be positive numbers"
[[ $warmup =~ ^[0-9]+$ ]] || die "--warmup must be a number of seconds"
[[ -f $JAR ]] || die "build first: mvn -q -B -DskipTests package"
mkdir -p "$WORK"
bash "$OPENDMS_ROOT/scripts/services.sh" up >/dev/null
wait_for_quiet_cpu

q() { pg_sql "$1" -Atc "$2"; }
migrate_pid=""
cleanup() {
  [[ -n $migrate_pid ]] && kill "$migrate_pid" 2>/dev/null && wait "$migrate_pid" 2>/dev/null || true
  q postgres "SELECT pg_drop_replication_slot('$SLOT') FROM pg_replication_slots WHERE slot_name = '$SLOT'" >/dev/null || true
  for db in $SRC $DST; do q postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null || true; done
}
trap cleanup EXIT
cleanup

log "setting up $SRC (100,000 rows) and its copy $DST"
q postgres "CREATE DATABASE $SRC" >/dev/null
pg_sql $SRC -q <<'SQL'
CREATE SEQUENCE steady_ids START 1000000;
CREATE TABLE steady_rows (id bigint PRIMARY KEY, qty integer NOT NULL, note text NOT NULL,
  updated timestamptz NOT NULL);
INSERT INTO steady_rows SELECT g, g % 1000, 'row ' || g || repeat('x', 40), '2026-01-01'
  FROM generate_series(1, 100000) g;
VACUUM (FREEZE, ANALYZE) steady_rows;
SQL
q postgres "CREATE DATABASE $DST TEMPLATE $SRC" >/dev/null

cat >"$WORK/steady.pgbench" <<'SQL'
\set r random(0, 1664) * 60 + 1
BEGIN;
UPDATE steady_rows SET qty = qty + 1, updated = now() WHERE id BETWEEN :r AND :r + 59;
INSERT INTO steady_rows SELECT nextval('steady_ids'), g, 'new', now() FROM generate_series(1, 20) g;
DELETE FROM steady_rows WHERE id BETWEEN currval('steady_ids') - 20019 AND currval('steady_ids') - 20000;
COMMIT;
SQL

settings="$WORK/steady-settings.json"
echo "{\"TargetMetadata\":{\"BatchApplyEnabled\":$batch}}" >"$settings"
rm -rf "$WORK/steady-data"
log "starting opendms migrate --migration-type cdc (batch apply: $batch)"
# through the launcher, as users run it (its JVM options for migrate, its class-data archive)
JAVA_OPTS="${JAVA_OPTS--Xmx512m} -Dopendms.cdc.metrics.seconds=1" "$OPENDMS_ROOT/bin/opendms" migrate \
  --source "postgresql://$PG_USER@$PG_HOST:$PG_PORT/$SRC?SlotName=$SLOT" \
  --target "postgresql://$PG_USER@$PG_HOST:$PG_PORT/$DST" --migration-type cdc --task-id $TASK \
  --data-dir "$WORK/steady-data" --task-settings "$settings" >"$WORK/steady-migrate.log" 2>&1 &
migrate_pid=$!
for _ in $(seq 60); do grep -q 'CDCLatencyTarget' "$WORK/steady-migrate.log" && break; sleep 1; done
grep -q 'CDCLatencyTarget' "$WORK/steady-migrate.log" || die "migrate did not start: $(tail -5 "$WORK/steady-migrate.log")"

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
tps=$((rate / 100))
# 8 clients so that one slow commit does not put pgbench behind its schedule (with 4 it reached
# only ~48 of 50 transactions/s on the quiet 2-core machine)
write_changes() {
  pgbench -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -n -c 8 -j 2 -R "$tps" -T "$1" \
    -f "$WORK/steady.pgbench" $SRC >"$2" 2>&1
}
jstat -gc "$migrate_pid" 5000 >"$WORK/steady-heap.txt" &
jstat_pid=$!
mark=$(wc -l <"$WORK/steady-migrate.log")
if ((warmup > 0)); then
  log "warm-up: $rate changes/s for $warmup s"
  write_changes "$warmup" "$WORK/steady-pgbench-warmup.txt"
fi
warm_mark=$(wc -l <"$WORK/steady-migrate.log")
log "writing $rate changes/s ($tps transactions/s of 100 changes) for $seconds s"
write_changes "$seconds" "$WORK/steady-pgbench.txt"
sleep 5
kill "$jstat_pid" 2>/dev/null || true
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

log "waiting for the target to catch up"
fingerprint() { q "$1" "SELECT count(*) || ' ' || md5(string_agg(t::text, '|' ORDER BY id)) FROM steady_rows t"; }
expected=$(fingerprint $SRC)
same=DIFFERENT
for _ in $(seq 120); do [[ $(fingerprint $DST) == "$expected" ]] && { same=identical; break; }; sleep 1; done
kill "$migrate_pid"; wait "$migrate_pid" 2>/dev/null || true; migrate_pid=""

# the metric lines (one a second) of the warm-up and of the measured run
latencies() { tail -n +"$(($1 + 1))" "$WORK/steady-migrate.log" | grep -o 'CDCLatencyTarget [0-9.]* s' | awk '{print $2}' | head -n "$2"; }
latencies "$mark" "$warmup" | sort -n >"$WORK/steady-latency-warmup.txt"
latencies "$warm_mark" "$seconds" | sort -n >"$WORK/steady-latency.txt"
pct() { local n; n=$(wc -l <"$2"); ((n > 0)) || { echo "-"; return; }; sed -n "$(( ($1 * n + 99) / 100 ))p" "$2"; }
summary() { echo "$(wc -l <"$1") samples: p50 $(pct 50 "$1") s, p99 $(pct 99 "$1") s, max $(tail -1 "$1") s"; }
throughput=$(tail -n +"$((warm_mark + 1))" "$WORK/steady-migrate.log" | grep -o 'CDCThroughputRowsTarget [0-9]*' \
  | head -n "$seconds" | awk '{s += $2; c++} END {if (c) printf "%.0f", s / c}')
written=$(awk -v s="$seconds" '/number of transactions actually processed/ {printf "%.0f", $NF * 100 / s}' \
  "$WORK/steady-pgbench.txt")
# used heap in MB per jstat sample: S0U + S1U + EU + OU (KB)
heap=$(awk 'NR > 1 {printf "%.0f ", ($3 + $4 + $6 + $8) / 1024}' "$WORK/steady-heap.txt")
heap_max=$(echo "$heap" | tr ' ' '\n' | sort -n | tail -1)

report="$WORK/steady-results-$(date +%Y%m%d-%H%M%S).txt"
{
  echo "CDC steady state: $rate changes/s asked for $warmup s of warm-up and $seconds s measured (batch apply: $batch); $(nproc) cores;" \
    "load average before $load_before, after $load_after"
  grep -E 'tps = |number of transactions actually processed' "$WORK/steady-pgbench.txt" | sed 's/^/pgbench: /'
  echo "changes written in the measured $seconds s: $written/s"
  echo "CDCThroughputRowsTarget mean: $throughput changes/s"
  echo "CDCLatencyTarget, warm-up ($warmup s), $(summary "$WORK/steady-latency-warmup.txt")"
  echo "CDCLatencyTarget, measured ($seconds s), $(summary "$WORK/steady-latency.txt")"
  echo "used heap (MB, every 5 s, warm-up included): $heap"
  echo "max used heap: $heap_max MB (-Xmx512m); target: $same"
} | tee "$report"
