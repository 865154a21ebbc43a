#!/usr/bin/env bash
# Full-load benchmark with a MariaDB source, on one 1,000,000-row table, in one run:
#   MySQL -> PostgreSQL: opendms migrate against pgloader (Debian package, installed if missing);
#   MySQL -> MySQL: opendms migrate against mariadb-dump | mariadb and against
#   SELECT ... INTO OUTFILE + LOAD DATA INFILE (the limit).
# See bench/README.md for the method.
#
#   bench/full-load-mysql.sh [--runs N] [--rows N] [--regenerate]
#
# Work files (logs, results, the OUTFILE) go to bench/work/.
set -euo pipefail
export LC_ALL=C

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"

SOURCE_DB=opendms_bench_my_src
GENERATOR_VERSION=1
WORK="$OPENDMS_ROOT/bench/work"
JAR="$OPENDMS_ROOT/opendms-server/target/opendms.jar"
MY_URI_BASE="mysql://root@127.0.0.1:3306"

runs=1
rows=1000000
regenerate=false

usage() {
  sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

while (($# > 0)); do
  case $1 in
    --runs) runs=${2:?--runs needs a number}; shift 2 ;;
    --rows) rows=${2:?--rows needs a number}; shift 2 ;;
    --regenerate) regenerate=true; shift ;;
    -h | --help) usage 0 ;;
    *) echo "unknown argument: $1" >&2; usage 2 ;;
  esac
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive number, not '$runs'"
[[ $rows =~ ^[1-9][0-9]*$ ]] || die "--rows must be a positive number, not '$rows'"

my() { mariadb -uroot -h 127.0.0.1 -P 3306 "$@"; }
my_value() { my -N -B -e "$1"; }
my_recreate() { my -e "DROP DATABASE IF EXISTS \`$1\`; CREATE DATABASE \`$1\` CHARACTER SET utf8mb4"; }
now() { date +%s.%N; }
seconds_since() { awk -v start="$1" -v end="$(now)" 'BEGIN { printf "%.3f", end - start }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
settle() { pg_sql postgres -c CHECKPOINT; my -e "FLUSH TABLES"; sync; }

# --- the table --------------------------------------------------------------------------------

generator_mark() { echo "opendms bench generator v$GENERATOR_VERSION, $rows rows"; }

source_is_current() {
  [[ "$(my_value "SELECT TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$SOURCE_DB' AND TABLE_NAME = 'bench_rows'" 2>/dev/null)" == "$(generator_mark)" ]] &&
    [[ "$(my_value "SELECT COUNT(*) FROM $SOURCE_DB.bench_rows")" == "$rows" ]]
}

generate_source() {
  log "generating $rows rows in $SOURCE_DB.bench_rows"
  my_recreate "$SOURCE_DB"
  my "$SOURCE_DB" <<SQL
CREATE TABLE bench_rows (
  id          bigint NOT NULL PRIMARY KEY,
  quantity    int NOT NULL,
  code        varchar(50) NOT NULL,
  amount      decimal(12,2) NOT NULL,
  created_at  datetime(6) NOT NULL,
  description text NOT NULL,
  attributes  json NOT NULL,
  active      tinyint(1) NOT NULL,
  payload     varbinary(64) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='$(generator_mark)';
SET SESSION time_zone = '+00:00';
INSERT INTO bench_rows
SELECT seq,
       (seq * 2654435761) % 2147483647,
       CONCAT('item-', seq, '-', LEFT(MD5(seq * 3), 16)),
       ROUND(RAND(seq) * 1e9, 2),
       TIMESTAMPADD(MICROSECOND, seq * 31700000 + FLOOR(RAND(seq + 1) * 1000000), '2020-01-01 00:00:00'),
       LEFT(CONCAT(MD5(seq), ' ', MD5(seq + 1), ' ', MD5(seq + 2), ' ', MD5(seq + 3)), 100),
       JSON_OBJECT('sku', CONCAT('SKU-', LPAD(seq % 100000, 6, '0')),
                   'category', ELT(1 + seq % 6, 'books', 'garden', 'toys', 'kitchen', 'sports', 'music'),
                   'price', ROUND((seq % 100000) / 100.0, 2), 'in_stock', seq % 3 <> 0,
                   'tags', JSON_ARRAY(CONCAT('tag', seq % 17), CONCAT('tag', seq % 23)),
                   'dimensions', JSON_OBJECT('w', seq % 100, 'h', seq % 50, 'd', seq % 30),
                   'supplier', JSON_OBJECT('id', seq % 5000, 'name', CONCAT('Supplier ', LEFT(MD5(seq % 5000), 8)))),
       seq % 3 = 0,
       CONCAT(UNHEX(SHA2(seq, 256)), UNHEX(SHA2(-seq, 256)))
FROM seq_1_to_$rows;
ANALYZE TABLE bench_rows;
SQL
}

ensure_jar() {
  if [[ ! -f $JAR ]]; then
    log "building $JAR (mvn -q -B -DskipTests package)"
    (cd "$OPENDMS_ROOT" && mvn -q -B -DskipTests package) >&2
  fi
}

ensure_pgloader() {
  command -v pgloader >/dev/null && return
  log "installing pgloader (Debian package)"
  apt-get install -y -qq pgloader >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get install -y -qq pgloader >/dev/null; } ||
    die "cannot install pgloader; install it (apt-get install pgloader) and run again"
}

# --- measurements (each prints its seconds) --------------------------------------------------

opendms_to() { # opendms_to TARGET_URI RUN_LABEL
  rm -rf "$WORK/opendms-my-data"
  settle
  local start status=0
  start=$(now)
  JAVA_OPTS="-Xmx512m" "$OPENDMS_ROOT/bin/opendms" migrate --source "$MY_URI_BASE/$SOURCE_DB" \
    --target "$1" --migration-type full-load --task-id "bench-$2" \
    --data-dir "$WORK/opendms-my-data" >"$WORK/opendms-$2.log" 2>&1 || status=$?
  seconds_since "$start"
  ((status == 0)) || { tail -n 20 "$WORK/opendms-$2.log" >&2; die "opendms $2 exited with $status"; }
}

opendms_to_postgres() {
  pg_recreate_database opendms_bench_my_pg >/dev/null
  opendms_to "$(pg_uri opendms_bench_my_pg)" "mysql-pg-run$1"
  check_pg_count opendms_bench_my_pg "\"$SOURCE_DB\".bench_rows"
}

pgloader_to_postgres() {
  pg_recreate_database opendms_bench_pgloader >/dev/null
  settle
  local start
  start=$(now)
  # pgloader's defaults (prefetch rows = 100000) exhaust its 1 GB Lisp heap on this table;
  # smaller batches are its documented remedy and keep it running.
  cat >"$WORK/pgloader.load" <<LOAD
LOAD DATABASE
  FROM $MY_URI_BASE/$SOURCE_DB
  INTO $(pg_uri opendms_bench_pgloader)
  WITH prefetch rows = 10000, batch rows = 10000;
LOAD
  pgloader --quiet "$WORK/pgloader.load" \
    >"$WORK/pgloader-run$1.log" 2>&1 || { tail -n 20 "$WORK/pgloader-run$1.log" >&2; die "pgloader failed"; }
  seconds_since "$start"
  check_pg_count opendms_bench_pgloader "$SOURCE_DB.bench_rows"
}

opendms_to_mysql() {
  my_recreate opendms_bench_my_dst
  opendms_to "$MY_URI_BASE/opendms_bench_my_dst" "mysql-mysql-run$1"
  check_my_count opendms_bench_my_dst
}

dump_pipe() {
  my_recreate opendms_bench_my_dump
  settle
  local start
  start=$(now)
  mariadb-dump -uroot -h 127.0.0.1 --single-transaction "$SOURCE_DB" bench_rows |
    my opendms_bench_my_dump
  seconds_since "$start"
  check_my_count opendms_bench_my_dump
}

outfile_load() {
  my_recreate opendms_bench_my_outfile
  my -e "CREATE TABLE opendms_bench_my_outfile.bench_rows LIKE $SOURCE_DB.bench_rows"
  local file="$WORK/outfile.tsv"
  rm -f "$file"
  settle
  local start
  start=$(now)
  my -e "SELECT * INTO OUTFILE '$file' FROM $SOURCE_DB.bench_rows;
         LOAD DATA INFILE '$file' INTO TABLE opendms_bench_my_outfile.bench_rows"
  seconds_since "$start"
  rm -f "$file"
  check_my_count opendms_bench_my_outfile
}

check_pg_count() {
  local copied
  copied=$(pg_value "$1" "SELECT count(*) FROM $2")
  [[ $copied == "$rows" ]] || die "$1 holds $copied rows instead of $rows"
}

check_my_count() {
  local copied
  copied=$(my_value "SELECT COUNT(*) FROM $1.bench_rows")
  [[ $copied == "$rows" ]] || die "$1 holds $copied rows instead of $rows"
  [[ "$(my_value "CHECKSUM TABLE $1.bench_rows" | cut -f2)" == "$source_checksum" ]] ||
    die "$1.bench_rows differs from the source (CHECKSUM TABLE)"
}

# --- run --------------------------------------------------------------------------------------

mkdir -p "$WORK"
chmod 777 "$WORK" # the server process (user mysql) writes the OUTFILE here
bash "$OPENDMS_ROOT/scripts/services.sh" up >/dev/null
wait_for_quiet_cpu
ensure_jar
ensure_pgloader
if [[ $regenerate == true ]] || ! source_is_current; then
  generate_source
else
  log "reusing $SOURCE_DB.bench_rows ($(generator_mark)); --regenerate to make it anew"
fi
source_checksum=$(my_value "CHECKSUM TABLE $SOURCE_DB.bench_rows" | cut -f2)

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A seconds
names=(opendms_to_postgres pgloader_to_postgres opendms_to_mysql dump_pipe outfile_load)
for ((run = 1; run <= runs; run++)); do
  for name in "${names[@]}"; do
    log "run $run/$runs: $name"
    seconds[$name]+="$($name "$run") "
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

report() {
  echo "OpenDMS full-load benchmark, MariaDB source, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit        $(git -C "$OPENDMS_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "machine       $(nproc) cores, load average $load_before before, $load_after after (1, 5, 15 min)"
  echo "mariadb       $(my_value 'SELECT VERSION()'), innodb_buffer_pool_size=$(my_value 'SELECT @@innodb_buffer_pool_size'), log_bin=$(my_value 'SELECT @@log_bin')"
  echo "postgresql    $(pg_value postgres 'SHOW server_version')"
  echo "table         $SOURCE_DB.bench_rows, $rows rows; $runs run(s) of each, interleaved"
  echo
  printf '%-44s %9s %10s   %s\n' measurement median_s rows/s "all runs (s)"
  local name m
  declare -A label=(
    [opendms_to_postgres]="opendms migrate MySQL -> PostgreSQL"
    [pgloader_to_postgres]="pgloader MySQL -> PostgreSQL"
    [opendms_to_mysql]="opendms migrate MySQL -> MySQL"
    [dump_pipe]="mariadb-dump | mariadb"
    [outfile_load]="SELECT INTO OUTFILE + LOAD DATA INFILE")
  declare -gA med
  for name in "${names[@]}"; do
    # shellcheck disable=SC2086
    m=$(median ${seconds[$name]})
    med[$name]=$m
    printf '%-44s %9.2f %10.0f   %s\n' "${label[$name]}" "$m" "$(awk -v r="$rows" -v s="$m" 'BEGIN { print r / s }')" "${seconds[$name]}"
  done
  echo
  awk -v o="${med[opendms_to_postgres]}" -v p="${med[pgloader_to_postgres]}" \
    'BEGIN { r = p / o; printf "opendms vs pgloader (MySQL -> PostgreSQL): %.2fx (goal >= 2: %s)\n", r, r >= 2 ? "met" : "NOT met" }'
  awk -v o="${med[opendms_to_mysql]}" -v l="${med[outfile_load]}" -v d="${med[dump_pipe]}" \
    'BEGIN { r = l / o; printf "opendms vs INTO OUTFILE/LOAD DATA (MySQL -> MySQL): %.2f of the limit (goal >= 0.7: %s); vs dump|mariadb: %.2fx\n", r, r >= 0.7 ? "met" : "NOT met", d / o }'
}

results="$WORK/results-mysql-$(date +%Y%m%d-%H%M%S).txt"
report | tee "$results"
log "results saved in $results"
