#!/usr/bin/env bash
# Full-load benchmark, PostgreSQL -> PostgreSQL: opendms migrate against the raw limit of
# binary COPY piped from one psql into another, on the same 1,000,000-row table, in one run.
# See bench/README.md for the method.
#
#   bench/full-load-pg.sh [--runs N] [--rows N] [--regenerate] [--only raw|opendms]
#
# Work files (GC logs, /usr/bin/time output, logs, results) go to bench/work/.
set -euo pipefail
export LC_ALL=C # decimal points in sort, awk and printf

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"

SOURCE_DB=opendms_bench_src
RAW_DB=opendms_bench_raw
TARGET_DB=opendms_bench_dst
# Bump when the generated data changes, so that an old table is regenerated.
GENERATOR_VERSION=1
WORK="$OPENDMS_ROOT/bench/work"
JAR="$OPENDMS_ROOT/opendms-server/target/opendms.jar"

runs=3
rows=1000000
regenerate=false
only=all

usage() {
  sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

while (($# > 0)); do
  case $1 in
    --runs) runs=${2:?--runs needs a number}; shift 2 ;;
    --rows) rows=${2:?--rows needs a number}; shift 2 ;;
    --regenerate) regenerate=true; shift ;;
    --only) only=${2:?--only needs raw or opendms}; shift 2 ;;
    -h | --help) usage 0 ;;
    *) echo "unknown argument: $1" >&2; usage 2 ;;
  esac
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive number, not '$runs'"
[[ $rows =~ ^[1-9][0-9]*$ ]] || die "--rows must be a positive number, not '$rows'"
[[ $only =~ ^(all|raw|opendms)$ ]] || die "--only must be raw or opendms, not '$only'"
run_raw() { [[ $only != opendms ]]; }
run_opendms() { [[ $only != raw ]]; }

# --- the table --------------------------------------------------------------------------------

# bench_ddl with_pk|without_pk
bench_ddl() {
  local key="bigint NOT NULL"
  [[ $1 == with_pk ]] && key="bigint PRIMARY KEY"
  cat <<SQL
CREATE TABLE bench_rows (
  id          $key,
  quantity    integer NOT NULL,
  code        varchar(50) NOT NULL,
  amount      numeric(12, 2) NOT NULL,
  created_at  timestamptz NOT NULL,
  description text NOT NULL,
  attributes  jsonb NOT NULL,
  active      boolean NOT NULL,
  payload     bytea NOT NULL
)
SQL
}

generator_mark() { echo "opendms bench generator v$GENERATOR_VERSION, $rows rows"; }

source_is_current() {
  [[ "$(pg_value postgres "SELECT count(*) FROM pg_database WHERE datname = '$SOURCE_DB'")" == 1 ]] &&
    [[ "$(pg_value "$SOURCE_DB" "SELECT obj_description(to_regclass('public.bench_rows'), 'pg_class')")" == "$(generator_mark)" ]] &&
    [[ "$(pg_value "$SOURCE_DB" "SELECT count(*) FROM bench_rows")" == "$rows" ]]
}

generate_source() {
  log "generating $rows rows in $SOURCE_DB.bench_rows"
  pg_recreate_database "$SOURCE_DB"
  pg_sql "$SOURCE_DB" -c "$(bench_ddl without_pk)" -f - <<SQL
SELECT setseed(0.5) \\g /dev/null
INSERT INTO bench_rows
SELECT g,
       ((g * 2654435761) % 2147483647)::integer,
       'item-' || g || '-' || left(md5((g * 3)::text), 16),
       round((random() * 1e9)::numeric, 2),
       timestamptz '2020-01-01 00:00:00+00' + g * interval '31.7 seconds' + random() * interval '1 second',
       left(md5(g::text) || ' ' || md5((g + 1)::text) || ' ' || md5((g + 2)::text) || ' ' || md5((g + 3)::text), 100),
       jsonb_build_object(
         'sku', 'SKU-' || lpad((g % 100000)::text, 6, '0'),
         'category', (ARRAY['books', 'garden', 'toys', 'kitchen', 'sports', 'music'])[1 + g % 6],
         'price', round((g % 100000) / 100.0, 2),
         'in_stock', g % 3 <> 0,
         'tags', jsonb_build_array('tag' || g % 17, 'tag' || g % 23),
         'dimensions', jsonb_build_object('w', g % 100, 'h', g % 50, 'd', g % 30),
         'supplier', jsonb_build_object('id', g % 5000, 'name', 'Supplier ' || left(md5((g % 5000)::text), 8))),
       g % 3 = 0,
       sha256(int8send(g)) || sha256(int8send(-g))
FROM generate_series(1, $rows) AS g;
ALTER TABLE bench_rows ADD PRIMARY KEY (id);
COMMENT ON TABLE bench_rows IS '$(generator_mark)';
VACUUM (FREEZE, ANALYZE) bench_rows;
SQL
}

# --- helpers ----------------------------------------------------------------------------------

now() { date +%s.%N; }
seconds_since() { awk -v start="$1" -v end="$(now)" 'BEGIN { printf "%.3f", end - start }'; }

# stats VALUE...: "median min max" of the values.
stats() {
  printf '%s\n' "$@" | sort -g | awk '
    { v[NR] = $1 }
    END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf "%.3f %.3f %.3f", m, v[1], v[NR] }'
}

# settle: every measurement starts from the same state, with no dirty buffers of the one
# before it left for PostgreSQL's checkpointer or the kernel to write during it.
settle() {
  pg_sql postgres -c CHECKPOINT
  sync
}

checksum_sql="SELECT md5(string_agg(md5(t::text), '' ORDER BY id)) FROM bench_rows AS t"

ensure_time_tool() {
  [[ -x /usr/bin/time ]] && return
  log "installing the time package (for /usr/bin/time -v)"
  apt-get install -y -qq time >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get install -y -qq time >/dev/null; } ||
    die "cannot install the time package; install it (apt-get install time) and run again"
}

ensure_jar() {
  if [[ ! -f $JAR ]]; then
    log "building $JAR (mvn -q -B -DskipTests package)"
    (cd "$OPENDMS_ROOT" && mvn -q -B -DskipTests package) >&2
  fi
  local newer
  newer=$(find "$OPENDMS_ROOT" -path "$OPENDMS_ROOT/.git" -prune -o \
    \( -name '*.java' -o -name pom.xml \) -newer "$JAR" -print -quit)
  if [[ -n $newer ]]; then
    log "WARNING: $JAR is older than $newer; the figures are for the old build." \
      "Rebuild with: mvn -q -B -DskipTests package"
  fi
}

# --- measurements -----------------------------------------------------------------------------

# raw_copy with_pk|without_pk: seconds for binary COPY out of the source into an empty table.
raw_copy() {
  pg_sql "$RAW_DB" -c "DROP TABLE IF EXISTS bench_rows" -c "$(bench_ddl "$1")"
  settle
  local start elapsed copied
  start=$(now)
  pg_sql "$SOURCE_DB" -c "COPY bench_rows TO STDOUT (FORMAT binary)" |
    pg_sql "$RAW_DB" -c "COPY bench_rows FROM STDIN (FORMAT binary)"
  elapsed=$(seconds_since "$start")
  copied=$(pg_value "$RAW_DB" "SELECT count(*) FROM bench_rows")
  [[ $copied == "$rows" ]] || die "raw COPY ($1) left $copied rows instead of $rows"
  echo "$elapsed"
}

# opendms_migrate RUN: seconds for bin/opendms migrate; leaves gc, time and log files in WORK.
opendms_migrate() {
  local run=$1 start elapsed status=0
  pg_recreate_database "$TARGET_DB"
  rm -rf "$WORK/opendms-data" "$WORK/gc-run$run.log"
  settle
  start=$(now)
  JAVA_OPTS="-Xmx512m -Xlog:gc:file=$WORK/gc-run$run.log" \
    /usr/bin/time -v -o "$WORK/time-run$run.txt" \
    "$OPENDMS_ROOT/bin/opendms" migrate \
    --source "$(pg_uri "$SOURCE_DB")" \
    --target "$(pg_uri "$TARGET_DB")" \
    --migration-type full-load \
    --task-id "bench-run$run" \
    --data-dir "$WORK/opendms-data" \
    >"$WORK/opendms-run$run.log" 2>&1 || status=$?
  elapsed=$(seconds_since "$start")
  if ((status != 0)); then
    tail -n 20 "$WORK/opendms-run$run.log" >&2
    die "bin/opendms migrate exited with $status in run $run (log: $WORK/opendms-run$run.log)"
  fi
  local copied checksum
  copied=$(pg_value "$TARGET_DB" "SELECT count(*) FROM bench_rows")
  [[ $copied == "$rows" ]] || die "opendms left $copied rows instead of $rows in run $run"
  checksum=$(pg_value "$TARGET_DB" "$checksum_sql")
  [[ $checksum == "$source_checksum" ]] ||
    die "run $run: target rows differ from the source (checksum $checksum, source $source_checksum)"
  echo "$elapsed"
}

# max_rss_mb RUN: the process's maximum resident set size, from /usr/bin/time -v.
max_rss_mb() {
  awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$WORK/time-run$1.txt"
}

# heap_mb RUN: "peak-before-GC peak-after-GC committed" in MB from a -Xlog:gc log, whose pauses
# read "... 120M->30M(256M) 4.2ms"; "- - -" when no collection happened.
heap_mb() {
  grep -oE '[0-9]+[KMG]->[0-9]+[KMG]\([0-9]+[KMG]\)' "$WORK/gc-run$1.log" 2>/dev/null | awk '
    function mb(v) { u = substr(v, length(v)); n = substr(v, 1, length(v) - 1)
                     return u == "K" ? n / 1024 : u == "G" ? n * 1024 : n + 0 }
    { split($0, a, /->|\(|\)/); b = mb(a[1]); f = mb(a[2]); c = mb(a[3])
      if (b > before) before = b; if (f > after) after = f; if (c > committed) committed = c; n++ }
    END { if (n) printf "%.0f %.0f %.0f", before, after, committed; else print "- - -" }'
}

# --- run --------------------------------------------------------------------------------------

mkdir -p "$WORK"
bash "$OPENDMS_ROOT/scripts/services.sh" up >/dev/null
wait_for_quiet_cpu
if run_opendms; then
  ensure_time_tool
  ensure_jar
fi

if [[ $regenerate == true ]] || ! source_is_current; then
  generate_source
else
  log "reusing $SOURCE_DB.bench_rows ($(generator_mark)); --regenerate to make it anew"
fi

log "measuring the binary COPY stream (this also warms the cache)"
stream_bytes=$(pg_sql "$SOURCE_DB" -c "COPY bench_rows TO STDOUT (FORMAT binary)" | wc -c)
relation_bytes=$(pg_value "$SOURCE_DB" "SELECT pg_total_relation_size('bench_rows')")
source_checksum=""
if run_opendms; then
  source_checksum=$(pg_value "$SOURCE_DB" "$checksum_sql")
fi
if run_raw; then
  pg_recreate_database "$RAW_DB"
fi

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
raw_pk=() raw_nopk=() opendms=() rss=() heap_before=() heap_after=() heap_committed=()
for ((run = 1; run <= runs; run++)); do
  if run_raw; then
    log "run $run/$runs: raw binary COPY into an empty table with its primary key"
    raw_pk+=("$(raw_copy with_pk)")
    log "run $run/$runs: raw binary COPY into an empty table without a primary key"
    raw_nopk+=("$(raw_copy without_pk)")
  fi
  if run_opendms; then
    log "run $run/$runs: bin/opendms migrate --migration-type full-load"
    opendms+=("$(opendms_migrate "$run")")
    rss+=("$(max_rss_mb "$run")")
    read -r before after committed <<<"$(heap_mb "$run")"
    heap_before+=("$before") heap_after+=("$after") heap_committed+=("$committed")
  fi
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report -----------------------------------------------------------------------------------

row() { # row LABEL SECONDS...
  local label=$1 median low high
  shift
  read -r median low high <<<"$(stats "$@")"
  awk -v l="$label" -v m="$median" -v lo="$low" -v hi="$high" -v r="$rows" -v b="$stream_bytes" -v all="$*" \
    'BEGIN { printf "%-34s %8.2f %8.2f %8.2f %11.0f %8.1f   %s\n", l, m, lo, hi, r / m, b / 1e6 / m, all }'
}
ratio() { # ratio OPENDMS_SECONDS RAW_SECONDS: throughput of opendms relative to the raw one
  awk -v o="$1" -v r="$2" 'BEGIN { printf "%.2f", r / o }'
}
median_of() { stats "$@" | cut -d' ' -f1; }

report() {
  echo "OpenDMS full-load benchmark, PostgreSQL -> PostgreSQL, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit        $(git -C "$OPENDMS_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(
    [[ -n "$(git -C "$OPENDMS_ROOT" status --porcelain 2>/dev/null)" ]] && echo ' (with uncommitted changes)')"
  echo "machine       $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo))," \
    "$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) memory"
  echo "load average  $load_before before, $load_after after (1, 5, 15 min)"
  echo "postgresql    $(pg_value postgres "SELECT current_setting('server_version')")," \
    "shared_buffers=$(pg_value postgres 'SHOW shared_buffers')," \
    "wal_level=$(pg_value postgres 'SHOW wal_level')," \
    "max_wal_size=$(pg_value postgres 'SHOW max_wal_size')," \
    "synchronous_commit=$(pg_value postgres 'SHOW synchronous_commit')"
  echo "java          $(java -version 2>&1 | head -n 1)"
  echo "table         bench_rows, $rows rows; binary COPY stream $stream_bytes bytes" \
    "($(awk -v b="$stream_bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB);" \
    "pg_total_relation_size $relation_bytes bytes ($(awk -v b="$relation_bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB)"
  echo "runs          $runs of each, interleaved; MB = 10^6 bytes of the binary COPY stream"
  echo
  printf '%-34s %8s %8s %8s %11s %8s   %s\n' measurement median_s min_s max_s rows/s MB/s "all runs (s)"
  if run_raw; then
    row "raw COPY binary, target with PK" "${raw_pk[@]}"
    row "raw COPY binary, target without PK" "${raw_nopk[@]}"
  fi
  if run_opendms; then
    row "opendms migrate full-load" "${opendms[@]}"
  fi
  echo
  if run_raw && run_opendms; then
    local with_pk without_pk
    with_pk=$(ratio "$(median_of "${opendms[@]}")" "$(median_of "${raw_pk[@]}")")
    without_pk=$(ratio "$(median_of "${opendms[@]}")" "$(median_of "${raw_nopk[@]}")")
    echo "ratio opendms/raw (throughput, medians): $with_pk of raw with PK, $without_pk of raw without PK" \
      "(goal >= 0.80: $(awk -v r="$with_pk" 'BEGIN { print (r >= 0.8) ? "met" : "NOT met" }'))"
  fi
  if run_opendms; then
    echo "opendms memory (-Xmx512m, did not fail):" \
      "max RSS MB median $(median_of "${rss[@]}" | awk '{ printf "%.0f", $1 }') (runs: ${rss[*]});" \
      "peak heap before GC MB: ${heap_before[*]}; peak heap after GC MB: ${heap_after[*]};" \
      "heap committed MB: ${heap_committed[*]}"
    echo "opendms logs: $WORK/opendms-run*.log, gc-run*.log, time-run*.txt"
  fi
}

results="$WORK/results-$(date +%Y%m%d-%H%M%S).txt"
report | tee "$results"
log "results saved in $results"
