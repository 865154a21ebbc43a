#!/usr/bin/env bash
# Validation benchmark, PostgreSQL -> PostgreSQL: opendms validate on the 1,000,000-row table
# that bench/full-load-pg.sh builds and migrates, beside that migration's full-load time, in
# one run. See bench/README.md for the method.
#
#   bench/validate-pg.sh [--runs N] [--rows N] [--baseline JAR]
#
# --baseline JAR also validates with another build of opendms.jar (say, the code before a change),
# alternating run by run with bin/opendms; that jar runs as `java -Xmx512m -jar`, with a class-data
# archive of its own.
#
# Work files (logs, results) go to bench/work/.
set -euo pipefail
export LC_ALL=C

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"

SOURCE_DB=opendms_bench_src
TARGET_DB=opendms_bench_dst
WORK="$OPENDMS_ROOT/bench/work"
JAR="$OPENDMS_ROOT/opendms-server/target/opendms.jar"

runs=3
rows=1000000
baseline=
while (($# > 0)); do
  case $1 in
    --runs) runs=${2:?--runs needs a number}; shift 2 ;;
    --rows) rows=${2:?--rows needs a number}; shift 2 ;;
    --baseline) baseline=${2:?--baseline needs a jar}; shift 2 ;;
    -h | --help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1" ;;
  esac
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive number, not '$runs'"
[[ $rows =~ ^[1-9][0-9]*$ ]] || die "--rows must be a positive number, not '$rows'"
[[ -z $baseline || -f $baseline ]] || die "--baseline: no file $baseline"
mkdir -p "$WORK"

now() { date +%s.%N; }
seconds_since() { awk -v start="$1" -v end="$(now)" 'BEGIN { printf "%.3f", end - start }'; }
stats() { # "median min max" of the values
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] :
    (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f %.3f %.3f", m, v[1], v[NR] }'
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# The full load of the same table, same run: it also (re)builds the source when needed and
# leaves the migrated copy in the target database, which is what validation then compares.
log "full load: bench/full-load-pg.sh --runs 1 --only opendms --rows $rows"
"$OPENDMS_ROOT/bench/full-load-pg.sh" --runs 1 --only opendms --rows "$rows" >"$WORK/validate-full-load.txt"
full_load=$(awk '/^opendms migrate full-load/ { print $4 }' "$WORK/validate-full-load.txt")
[[ -n $full_load ]] || die "no full-load figure in $WORK/validate-full-load.txt"

# validate LABEL [JAR]: one validation, with bin/opendms (and the class-data archive its migrate
# run made) or, given a jar, that jar with the flags of the launcher of its time and a class-data
# archive of its own (made by its first run); appends to the LABEL's wall and compare figures
declare -A wall=() compare=()
validate() {
  local label=$1 jar=${2-} out="$WORK/validate-$1-run$run.txt" start status=0 command
  if [[ -n $jar ]]; then
    local archive="$WORK/validate-$label.jsa" cds=(-Xlog:cds=off -Xlog:cds+dynamic=off)
    if [[ -f $archive ]]; then cds+=(-XX:SharedArchiveFile="$archive"); else cds+=(-XX:ArchiveClassesAtExit="$archive"); fi
    command=(java "${cds[@]}" -Xmx512m -jar "$jar")
  else
    command=(env JAVA_OPTS=-Xmx512m "$OPENDMS_ROOT/bin/opendms")
  fi
  start=$(now)
  "${command[@]}" validate --source "$(pg_uri "$SOURCE_DB")" --target "$(pg_uri "$TARGET_DB")" \
    >"$out" 2>"${out%.txt}.log" || status=$?
  local elapsed
  elapsed=$(seconds_since "$start")
  ((status == 0)) || { cat "$out" >&2; die "validate ($label) exited with $status"; }
  grep -q 'public.bench_rows .*Validated' "$out" || die "bench_rows was not validated ($label, run $run)"
  wall[$label]+=" $elapsed"
  # the tool's own SECONDS column: splitting and comparing, without JVM start and discovery
  compare[$label]+=" $(awk '$1 == "public.bench_rows" { print $6 }' "$out")"
}

if [[ -n $baseline ]]; then
  # each jar's first run makes its class-data archive; not counted
  rm -f "$WORK"/validate-baseline.jsa
  run=0
  validate baseline "$baseline"
  wall=() compare=()
fi
for ((run = 1; run <= runs; run++)); do
  if [[ -n $baseline ]]; then
    log "run $run/$runs: this jar, then the baseline"
    validate this
    validate baseline "$baseline"
  else
    log "run $run/$runs: bin/opendms validate"
    validate this
  fi
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

row() {
  local label=$1 median low high
  shift
  read -r median low high <<<"$(stats "$@")"
  awk -v l="$label" -v m="$median" -v lo="$low" -v hi="$high" -v r="$rows" -v all="$*" \
    'BEGIN { printf "%-40s %8.2f %8.2f %8.2f %11.0f   %s\n", l, m, lo, hi, r / m, all }'
}
{
  echo "OpenDMS validation benchmark, PostgreSQL -> PostgreSQL, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit        $(git -C "$OPENDMS_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "machine       $(nproc) cores, load average $load_before before, $load_after after"
  echo "table         bench_rows, $rows rows (bench/full-load-pg.sh), matching on both sides"
  [[ -z $baseline ]] || echo "baseline      $baseline, alternating run by run with bin/opendms"
  echo
  printf '%-40s %8s %8s %8s %11s   %s\n' measurement median_s min_s max_s rows/s "all runs (s)"
  row "opendms migrate full-load (1 run)" "$full_load"
  # shellcheck disable=SC2086 # the figures are space-separated
  row "opendms validate, whole command" ${wall[this]}
  # shellcheck disable=SC2086
  row "opendms validate, table (split+compare)" ${compare[this]}
  if [[ -n $baseline ]]; then
    # shellcheck disable=SC2086
    row "baseline validate, whole command" ${wall[baseline]}
    # shellcheck disable=SC2086
    row "baseline validate, table (split+compare)" ${compare[baseline]}
  fi
} | tee "$WORK/validate-results-$(date -u +%Y%m%dT%H%M%SZ).txt"
