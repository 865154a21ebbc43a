#!/usr/bin/env bash
# Full load of a 1,000,000-row PostgreSQL table into Kafka and S3 (CSV, Parquet) with
# opendms migrate, each beside its peer limit measured in the same run: Kafka's own
# ProducerPerformance with the same record count, size and producer settings, and a plain
# upload of the same bytes with the AWS CLI. See bench/README.md.
#
#   bench/stream-targets.sh [--rows N] [--only kafka|s3] [--jar PATH] [--formats "csv parquet"]
#                           [--rounds N]
#
# --rounds N loads into S3 N times per format, each load followed by its upload, and ends with
# the median ratio per format: on this noisy 2-core machine one pair varies by a fifth or more.
#
# --jar runs that opendms.jar (java $JAVA_OPTS, default -Xmx512m, -jar PATH) instead of the
# launcher bin/opendms: to time a build of other code beside this one in alternating runs.
set -euo pipefail
export LC_ALL=C
TIMEFORMAT='%3U %3S' # bash's time: user and system CPU seconds of the timed command

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"

DB=opendms_bench_stream
WORK="$OPENDMS_ROOT/bench/work/stream"
RUN_DIR="${OPENDMS_RUN_DIR:-/var/tmp/opendms-services}"
KAFKA_CP="$RUN_DIR/kafka-4.4.0/lib/*"
S3=http://127.0.0.1:9000
rows=1000000
only=all
jar=
formats="csv parquet"
rounds=1
while (($# > 0)); do
  case $1 in
    --rows) rows=${2:?}; shift 2 ;;
    --only) only=${2:?}; shift 2 ;;
    --jar) jar=$(readlink -f "${2:?}"); shift 2 ;;
    --formats) formats=${2:?}; shift 2 ;;
    --rounds) rounds=${2:?}; shift 2 ;;
    *) die "usage: $0 [--rows N] [--only kafka|s3] [--jar PATH] [--formats \"csv parquet\"] [--rounds N]" ;;
  esac
done

bash "$OPENDMS_ROOT/scripts/services.sh" up >/dev/null
wait_for_quiet_cpu
mkdir -p "$WORK"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1

if [[ "$(pg_value postgres "SELECT count(*) FROM pg_database WHERE datname = '$DB'")" == 0 ]] ||
  [[ "$(pg_value "$DB" "SELECT count(*) FROM bench_stream" 2>/dev/null)" != "$rows" ]]; then
  log "generating $rows rows in $DB.bench_stream"
  pg_recreate_database "$DB"
  pg_sql "$DB" -c "CREATE TABLE bench_stream (id bigint PRIMARY KEY, quantity integer,
      code varchar(50), amount numeric(12,2), created_at timestamptz, description text,
      active boolean)" \
    -c "INSERT INTO bench_stream SELECT g, ((g::bigint * 7919) % 2000000000)::int, 'CODE-' || md5(g::text),
      (g % 10000000) / 100.0, timestamptz '2026-01-01' + g * interval '1.000123 s',
      repeat(md5(g::text), 3), g % 2 = 0 FROM generate_series(1, $rows) g" \
    -c "VACUUM (FREEZE, ANALYZE) bench_stream"
fi

seconds() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.1f", (e - s) / 1e9 }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / s / 1048576 }'; }
load_avg() { cut -d' ' -f1-3 /proc/loadavg; }
# CPU seconds so far of S3Proxy, and of PostgreSQL: its live processes and the backends that
# have exited (the postmaster's reaped children). The two cores are shared with these servers,
# so the report says how much of them each run took.
ticks=$(getconf CLK_TCK)
cpu_of() { awk -v t="$ticks" '{ s += $14 + $15 + ($2 == "(postgres)" ? $16 + $17 : 0) } END { printf "%.2f", s / t }' "$@" 2>/dev/null; }
s3proxy_cpu() { cpu_of "/proc/$(cut -d' ' -f1 "$RUN_DIR/s3proxy.pid")/stat"; }
postgres_cpu() { local pids; pids=$(pgrep -x postgres | sed 's|.*|/proc/&/stat|'); cpu_of $pids; }
delta() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# migrate TARGET_URI TASK: a full load; prints the seconds the table took (opendms's own
# summary: from the snapshot to the last acknowledged write, as the peers are timed without JVM
# start-up) and, after a slash, the wall-clock seconds of the whole command; leaves the
# command's user and system CPU seconds in $WORK/cpu.txt.
migrate() {
  local start end opendms=("$OPENDMS_ROOT/bin/opendms")
  if [[ -n $jar ]]; then
    local java_options
    read -r -a java_options <<<"${JAVA_OPTS--Xmx512m}"
    opendms=(java "${java_options[@]}" -jar "$jar")
  fi
  start=$(date +%s%N)
  { time "${opendms[@]}" migrate --source "$(pg_uri "$DB")" --target "$1" \
    --migration-type full-load --task-id "$2" --data-dir "$WORK/data" >"$WORK/$2.log" 2>&1; } 2>"$WORK/cpu.txt"
  end=$(date +%s%N)
  echo "$(awk '/bench_stream +Table completed/ { print $(NF-3) }' "$WORK/$2.log")/$(seconds "$start" "$end")"
}

report=()
if [[ $only != s3 ]]; then
  topic="bench-$(date +%s)"
  log "kafka: opendms migrate into topic $topic (load average $(load_avg))"
  both=$(migrate "kafka://127.0.0.1:9092?topic=$topic&MessageFormat=json-unformatted" "bench-kafka-$topic")
  took=${both%/*}
  java -cp "$KAFKA_CP" org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server 127.0.0.1:9092 \
    --topic "$topic" --from-beginning --max-messages 10000 >"$WORK/sample.json" 2>/dev/null
  size=$(awk '{ bytes += length($0) } END { printf "%.0f", bytes / NR }' "$WORK/sample.json")
  bytes=$((size * rows))
  report+=("kafka opendms           $rows rows in ${took} s (${both#*/} s wall): $(rate "$rows" "$took") rows/s, $(mbps "$bytes" "$took") MB/s (messages of ~$size bytes, load average $(load_avg))")
  log "kafka: ProducerPerformance, $rows records of $size bytes"
  peer=$(java -Xmx512m -cp "$KAFKA_CP" org.apache.kafka.tools.ProducerPerformance --topic "$topic-peer" \
    --num-records "$rows" --record-size "$size" --throughput -1 --producer-props \
    bootstrap.servers=127.0.0.1:9092 acks=all enable.idempotence=true linger.ms=5 \
    batch.size=262144 compression.type=lz4 2>/dev/null | tail -n 1)
  report+=("kafka ProducerPerformance $peer (load average $(load_avg))")
fi

if [[ $only != kafka ]]; then
  bucket="bench-$(date +%s)"
  aws --endpoint-url "$S3" s3 mb "s3://$bucket" >/dev/null
  declare -A ratios=()
  for round in $(seq "$rounds"); do
    for format in $formats; do
      folder="$format-$round"
      log "s3: opendms migrate as $format, round $round (load average $(load_avg))"
      s3p=$(s3proxy_cpu) pg=$(postgres_cpu)
      both=$(migrate "s3://$bucket/$folder?endpoint=$S3&AccessKeyId=test&SecretAccessKey=test&DataFormat=$format" "bench-s3-$folder-$bucket")
      cpu="CPU-s: opendms $(awk '{ printf "%.2f", $1 + $2 }' "$WORK/cpu.txt"), S3Proxy $(delta "$s3p" "$(s3proxy_cpu)"), PostgreSQL $(delta "$pg" "$(postgres_cpu)")"
      took=${both%/*}
      bytes=$(aws --endpoint-url "$S3" s3 ls --recursive "s3://$bucket/$folder/" | awk '{ s += $3 } END { print s }')
      report+=("s3 $format opendms      $rows rows in ${took} s (${both#*/} s wall): $(rate "$rows" "$took") rows/s, $(mbps "$bytes" "$took") MB/s ($bytes bytes, $cpu, load average $(load_avg))")
      head -c "$bytes" /dev/urandom >"$WORK/upload.bin"
      s3p=$(s3proxy_cpu)
      start=$(date +%s%N)
      { time aws --endpoint-url "$S3" s3 cp "$WORK/upload.bin" "s3://$bucket/peer/$folder.bin" >/dev/null; } 2>"$WORK/cpu.txt"
      end=$(date +%s%N)
      peer=$(seconds "$start" "$end")
      cpu="CPU-s: aws $(awk '{ printf "%.2f", $1 + $2 }' "$WORK/cpu.txt"), S3Proxy $(delta "$s3p" "$(s3proxy_cpu)")"
      report+=("s3 $format aws s3 cp      $bytes bytes in ${peer} s: $(mbps "$bytes" "$peer") MB/s ($cpu, load average $(load_avg))")
      ratios[$format]+="$(awk -v p="$peer" -v o="$took" 'BEGIN { printf "%.2f", p / o }') "
    done
  done
  for format in $formats; do
    report+=("s3 $format ratio to the upload per round: ${ratios[$format]}(median $(tr ' ' '\n' <<<"${ratios[$format]}" | sed '/^$/d' | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'))")
  done
  rm -f "$WORK/upload.bin"
  # S3Proxy keeps objects on disk: the next run should not pay for this one's write-back
  aws --endpoint-url "$S3" s3 rb --force "s3://$bucket" >/dev/null
fi

report+=("jar: ${jar:-bin/opendms}")
printf '%s\n' "${report[@]}" | tee "$WORK/results-$(date +%Y%m%d-%H%M%S).txt"
