#!/usr/bin/env bash
# Starts, checks and stops the local services that the tests and the demo use.
#
#   scripts/services.sh up       start what is not running, then wait until each one answers
#   scripts/services.sh status   say what is running
#   scripts/services.sh down     stop the services this script started (and nothing else)
#   scripts/services.sh up kafka  (or down/status NAME...): only the services named; tests stop
#                                 and restart their broker this way
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
# shellcheck source=scripts/lib/test-ca.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/test-ca.sh"

SERVICES=(postgres redis redis_tls kafka s3proxy kinesalite dynalite opensearch)

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

# --- redis: a machine service (like PostgreSQL), started only when it is not answering ---------

REDIS_PORT="${OPENDMS_REDIS_PORT:-6379}"

redis_ready() { [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]; }

redis_up() {
  if ! redis_ready; then
    log "redis: starting the machine's server on 127.0.0.1:$REDIS_PORT (no persistence)"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" \
      --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log || return 1
    wait_until "redis start" 30 redis_ready || return 1
  fi
  echo "redis: up at 127.0.0.1:$REDIS_PORT"
}

redis_status() {
  if redis_ready; then
    echo "redis: up at 127.0.0.1:$REDIS_PORT"
  else
    echo "redis: down"
    return 1
  fi
}

redis_down() { echo "redis: machine service, left running"; }

# --- redis_tls: a second redis-server of this script's own, TLS only --------------------------
# Listens on :6380 with TLS alone (--port 0), its certificate (127.0.0.1, localhost) signed by
# the test CA of scripts/lib/test-ca.sh; clients need no certificate. In memory only.

REDIS_TLS_PORT="${OPENDMS_REDIS_TLS_PORT:-6380}"
REDIS_TLS_DIR="$RUN_DIR/redis-tls"

redis_tls_ready() {
  [[ "$(redis-cli --tls --cacert "$TEST_CA_DIR/ca.pem" -h 127.0.0.1 -p "$REDIS_TLS_PORT" ping \
    2>/dev/null)" == PONG ]]
}

redis_tls_up() {
  if recorded_pid redis-tls >/dev/null; then
    wait_until "redis_tls start" 30 redis_tls_ready || return 1
    echo "redis_tls: up at 127.0.0.1:$REDIS_TLS_PORT (TLS only)"
    return 0
  fi
  test_ca_server_certificate "$REDIS_TLS_DIR" || return 1
  log "redis_tls: starting a TLS-only redis-server on 127.0.0.1:$REDIS_TLS_PORT"
  start_recorded redis-tls redis-server --bind 127.0.0.1 --port 0 --tls-port "$REDIS_TLS_PORT" \
    --tls-cert-file "$REDIS_TLS_DIR/server.pem" --tls-key-file "$REDIS_TLS_DIR/server.key" \
    --tls-ca-cert-file "$TEST_CA_DIR/ca.pem" --tls-auth-clients no --save "" --appendonly no \
    --dir "$REDIS_TLS_DIR"
  wait_until "redis_tls start" 30 redis_tls_ready || { tail -20 "$RUN_DIR/redis-tls.log" >&2; return 1; }
  echo "redis_tls: up at 127.0.0.1:$REDIS_TLS_PORT (TLS only)"
}

redis_tls_status() { recorded_status redis-tls redis_tls_ready "127.0.0.1:$REDIS_TLS_PORT"; }

redis_tls_down() { stop_recorded redis-tls; }

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

# recorded_status NAME READY_FUNCTION ADDRESS: whether a process this script started is up.
recorded_status() {
  if recorded_pid "$1" >/dev/null && "$2"; then
    echo "$1: up at $3"
  else
    echo "$1: down"
    return 1
  fi
}

process_gone() { ! kill -0 "$1" 2>/dev/null; }

# --- Kafka 4.4.0 (KRaft, one node), jars from Maven Central -----------------------------------
# The broker and its tools are gathered with dependency:copy-dependencies from
# scripts/services/kafka-broker.pom.xml (about 90 jars) and run as a separate process.
# Listeners: PLAINTEXT :9092, CONTROLLER :9093, SSL :9094 (server certificate only), MTLS :9095
# (SSL, client certificate required), SASL_SSL :9096 (PLAIN and SCRAM-SHA-512); certificates
# and the SASL user are those of scripts/lib/kafka-tls.sh.

KAFKA_PORT="${OPENDMS_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${OPENDMS_KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_SSL_PORT="${OPENDMS_KAFKA_SSL_PORT:-9094}"
KAFKA_MTLS_PORT="${OPENDMS_KAFKA_MTLS_PORT:-9095}"
KAFKA_SASL_SSL_PORT="${OPENDMS_KAFKA_SASL_SSL_PORT:-9096}"
KAFKA_HOME="$RUN_DIR/kafka-4.4.0"

# shellcheck source=scripts/lib/kafka-tls.sh
source "$OPENDMS_ROOT/scripts/lib/kafka-tls.sh"

kafka_ready() { grep -q 'Kafka Server started' "$RUN_DIR/kafka.log" 2>/dev/null; }

kafka_jars() {
  [[ -f $KAFKA_HOME/lib/.complete ]] && return 0
  log "kafka: gathering the broker's jars from Maven Central"
  mkdir -p "$KAFKA_HOME/lib"
  mvn -B -q --no-transfer-progress -f "$OPENDMS_ROOT/scripts/services/kafka-broker.pom.xml" \
    dependency:copy-dependencies -DoutputDirectory="$KAFKA_HOME/lib" -DincludeScope=runtime || return 1
  touch "$KAFKA_HOME/lib/.complete"
}

# kafka_java MAIN ARGS...: runs a class of the broker's class path, logging INFO to stdout.
kafka_java() {
  java -Xmx512m -Dlog4j2.configurationFile="$OPENDMS_ROOT/scripts/services/kafka-log4j2.properties" \
    -cp "$KAFKA_HOME/lib/*" "$@"
}
# Recorded by its own PID, so not through the function above.
kafka_start() {
  start_recorded kafka java -Xmx512m \
    -Dlog4j2.configurationFile="$OPENDMS_ROOT/scripts/services/kafka-log4j2.properties" \
    -cp "$KAFKA_HOME/lib/*" kafka.Kafka "$KAFKA_HOME/server.properties"
}

# Written at every start, so that a data directory formatted by an older version of this script
# gets today's listeners.
kafka_properties() {
  local host=127.0.0.1
  local listeners="PLAINTEXT://$host:$KAFKA_PORT,CONTROLLER://$host:$KAFKA_CONTROLLER_PORT"
  listeners+=",SSL://$host:$KAFKA_SSL_PORT,MTLS://$host:$KAFKA_MTLS_PORT"
  listeners+=",SASL_SSL://$host:$KAFKA_SASL_SSL_PORT"
  cat <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=$host:$KAFKA_CONTROLLER_PORT
listeners=$listeners
advertised.listeners=$listeners
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SSL:SSL,MTLS:SSL,SASL_SSL:SASL_SSL
log.dirs=$KAFKA_HOME/data
num.partitions=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES
  kafka_tls_properties
}

kafka_up() {
  if recorded_pid kafka >/dev/null; then
    wait_until "kafka start" 60 kafka_ready || return 1
    echo "kafka: up at 127.0.0.1:$KAFKA_PORT"
    return 0
  fi
  kafka_jars || return 1
  kafka_tls_material || return 1
  local config="$KAFKA_HOME/server.properties"
  mkdir -p "$KAFKA_HOME/data"
  kafka_properties >"$config"
  if [[ ! -f $KAFKA_HOME/data/meta.properties ]]; then
    log "kafka: formatting $KAFKA_HOME/data"
    kafka_java kafka.tools.StorageTool format --standalone \
      -t "$(kafka_java kafka.tools.StorageTool random-uuid)" -c "$config" >/dev/null || return 1
  fi
  log "kafka: starting the broker"
  kafka_start
  wait_until "kafka start" 60 kafka_ready || { tail -20 "$RUN_DIR/kafka.log" >&2; return 1; }
  kafka_scram_user || return 1
  echo "kafka: up at 127.0.0.1:$KAFKA_PORT (SSL :$KAFKA_SSL_PORT, MTLS :$KAFKA_MTLS_PORT, SASL_SSL :$KAFKA_SASL_SSL_PORT)"
}

kafka_status() { recorded_status kafka kafka_ready "127.0.0.1:$KAFKA_PORT"; }

kafka_down() { stop_recorded kafka; }

# --- S3Proxy 4.1.0 (an S3-compatible store on the file system), from Maven Central -----------

S3PROXY_PORT="${OPENDMS_S3PROXY_PORT:-9000}"
S3PROXY_HOME="$RUN_DIR/s3proxy-4.1.0"

s3proxy_ready() { curl -s -o /dev/null "http://127.0.0.1:$S3PROXY_PORT/"; }

s3proxy_up() {
  if recorded_pid s3proxy >/dev/null; then
    wait_until "s3proxy start" 30 s3proxy_ready || return 1
    echo "s3proxy: up at http://127.0.0.1:$S3PROXY_PORT (identity test, credential test)"
    return 0
  fi
  local jar="$S3PROXY_HOME/s3proxy-4.1.0-jar-with-dependencies.jar"
  if [[ ! -f $jar ]]; then
    log "s3proxy: fetching the jar from Maven Central"
    mkdir -p "$S3PROXY_HOME"
    mvn -B -q --no-transfer-progress dependency:copy \
      -Dartifact=org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies \
      -DoutputDirectory="$S3PROXY_HOME" || return 1
  fi
  mkdir -p "$S3PROXY_HOME/data"
  cat >"$S3PROXY_HOME/s3proxy.properties" <<PROPERTIES
s3proxy.endpoint=http://127.0.0.1:$S3PROXY_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=test
s3proxy.credential=test
jclouds.provider=filesystem
jclouds.filesystem.basedir=$S3PROXY_HOME/data
PROPERTIES
  log "s3proxy: starting"
  start_recorded s3proxy java -Xmx256m -jar "$jar" --properties "$S3PROXY_HOME/s3proxy.properties"
  wait_until "s3proxy start" 30 s3proxy_ready || { tail -20 "$RUN_DIR/s3proxy.log" >&2; return 1; }
  echo "s3proxy: up at http://127.0.0.1:$S3PROXY_PORT (identity test, credential test)"
}

s3proxy_status() { recorded_status s3proxy s3proxy_ready "http://127.0.0.1:$S3PROXY_PORT"; }

s3proxy_down() { stop_recorded s3proxy; }

# --- kinesalite 3.3.3 (Kinesis API, in memory) from npm: scripts/services/aws-local --------------

KINESALITE_PORT="${OPENDMS_KINESALITE_PORT:-4567}"
AWS_LOCAL_HOME="$RUN_DIR/aws-local"

kinesalite_ready() { grep -q 'kinesalite listening' "$RUN_DIR/kinesalite.log" 2>/dev/null; }

aws_local_modules() {
  local source="$OPENDMS_ROOT/scripts/services/aws-local"
  if [[ -f $AWS_LOCAL_HOME/.complete ]] && cmp -s "$source/package-lock.json" "$AWS_LOCAL_HOME/package-lock.json"; then
    return 0
  fi
  log "aws-local: npm ci (kinesalite, dynalite) from the committed lock"
  mkdir -p "$AWS_LOCAL_HOME"
  cp "$source/package.json" "$source/package-lock.json" "$AWS_LOCAL_HOME/"
  (cd "$AWS_LOCAL_HOME" && npm ci --no-audit --no-fund --loglevel=error) || return 1
  touch "$AWS_LOCAL_HOME/.complete"
}

kinesalite_up() {
  if recorded_pid kinesalite >/dev/null; then
    wait_until "kinesalite start" 30 kinesalite_ready || return 1
    echo "kinesalite: up at http://127.0.0.1:$KINESALITE_PORT"
    return 0
  fi
  aws_local_modules || return 1
  cp "$OPENDMS_ROOT/scripts/services/aws-local/kinesalite.js" "$AWS_LOCAL_HOME/"
  log "kinesalite: starting"
  start_recorded kinesalite node "$AWS_LOCAL_HOME/kinesalite.js" "$KINESALITE_PORT"
  wait_until "kinesalite start" 30 kinesalite_ready || { tail -20 "$RUN_DIR/kinesalite.log" >&2; return 1; }
  echo "kinesalite: up at http://127.0.0.1:$KINESALITE_PORT"
}

kinesalite_status() { recorded_status kinesalite kinesalite_ready "http://127.0.0.1:$KINESALITE_PORT"; }

kinesalite_down() { stop_recorded kinesalite; }

# --- dynalite 4.0.0 (DynamoDB API, in memory) from npm: scripts/services/aws-local ---------------

DYNALITE_PORT="${OPENDMS_DYNALITE_PORT:-4568}"

dynalite_ready() { grep -q 'Dynalite listening' "$RUN_DIR/dynalite.log" 2>/dev/null; }

dynalite_up() {
  if recorded_pid dynalite >/dev/null; then
    wait_until "dynalite start" 30 dynalite_ready || return 1
    echo "dynalite: up at http://127.0.0.1:$DYNALITE_PORT"
    return 0
  fi
  aws_local_modules || return 1
  log "dynalite: starting"
  # Tables are ACTIVE at once (no CREATING delay), so tests need not poll for them.
  start_recorded dynalite node "$AWS_LOCAL_HOME/node_modules/dynalite/cli.js" --host 127.0.0.1 \
    --port "$DYNALITE_PORT" --createTableMs 0 --deleteTableMs 0 --updateTableMs 0
  wait_until "dynalite start" 30 dynalite_ready || { tail -20 "$RUN_DIR/dynalite.log" >&2; return 1; }
  echo "dynalite: up at http://127.0.0.1:$DYNALITE_PORT"
}

dynalite_status() { recorded_status dynalite dynalite_ready "http://127.0.0.1:$DYNALITE_PORT"; }

dynalite_down() { stop_recorded dynalite; }

# --- OpenSearch 2.19.6 (one node), the integ-test zip from Maven Central -------------------------
# OpenSearch refuses to run as root: its directory belongs to nobody and it runs as nobody. It
# daemonizes itself (-d) and writes its PID file; that PID is recorded as start_recorded does.

OPENSEARCH_VERSION=2.19.6
OPENSEARCH_PORT="${OPENDMS_OPENSEARCH_PORT:-9200}"
OPENSEARCH_HOME="$RUN_DIR/opensearch-$OPENSEARCH_VERSION"

opensearch_ready() {
  curl -sf "http://127.0.0.1:$OPENSEARCH_PORT/_cluster/health?wait_for_status=yellow&timeout=1s" \
    -o /dev/null 2>/dev/null
}

opensearch_install() {
  [[ -f $OPENSEARCH_HOME/.complete ]] && return 0
  log "opensearch: fetching the $OPENSEARCH_VERSION zip from Maven Central"
  mkdir -p "$RUN_DIR"
  rm -rf "$OPENSEARCH_HOME" "$RUN_DIR/opensearch-zip"
  mvn -B -q --no-transfer-progress dependency:copy \
    -Dartifact="org.opensearch.distribution.integ-test-zip:opensearch:$OPENSEARCH_VERSION:zip" \
    -DoutputDirectory="$RUN_DIR/opensearch-zip" || return 1
  local zip="$RUN_DIR/opensearch-zip/opensearch-$OPENSEARCH_VERSION.zip"
  if command -v unzip >/dev/null; then
    (cd "$RUN_DIR" && unzip -q "$zip") || return 1
  else
    # python's zipfile drops the execute bits
    (cd "$RUN_DIR" && python3 -m zipfile -e "$zip" .) || return 1
    chmod +x "$OPENSEARCH_HOME"/bin/* || return 1
  fi
  rm -rf "$RUN_DIR/opensearch-zip"
  cat >"$OPENSEARCH_HOME/config/opensearch.yml" <<YAML
cluster.name: opendms-test
node.name: opendms-test-1
network.host: 127.0.0.1
http.port: $OPENSEARCH_PORT
transport.port: 9300
discovery.type: single-node
path.data: $OPENSEARCH_HOME/data
path.logs: $OPENSEARCH_HOME/logs
# a test node on a shared machine: no disk watermark should make indices read-only
cluster.routing.allocation.disk.threshold_enabled: false
YAML
  mkdir -p "$OPENSEARCH_HOME/config/jvm.options.d" "$OPENSEARCH_HOME/data" "$OPENSEARCH_HOME/logs" \
    "$OPENSEARCH_HOME/run"
  printf -- '-Xms512m\n-Xmx512m\n' >"$OPENSEARCH_HOME/config/jvm.options.d/heap.options"
  chown -R nobody: "$OPENSEARCH_HOME" || return 1
  touch "$OPENSEARCH_HOME/.complete"
}

opensearch_up() {
  if recorded_pid opensearch >/dev/null; then
    wait_until "opensearch start" 120 opensearch_ready || return 1
    echo "opensearch: up at http://127.0.0.1:$OPENSEARCH_PORT"
    return 0
  fi
  opensearch_install || return 1
  log "opensearch: starting as nobody"
  local pid_file="$OPENSEARCH_HOME/run/opensearch.pid"
  rm -f "$pid_file"
  runuser -u nobody -- env JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}" \
    OPENSEARCH_JAVA_HOME= "$OPENSEARCH_HOME/bin/opensearch" -d -p "$pid_file" \
    >"$RUN_DIR/opensearch.log" 2>&1 </dev/null || { tail -20 "$RUN_DIR/opensearch.log" >&2; return 1; }
  wait_until "opensearch pid file" 60 test -s "$pid_file" || return 1
  local pid
  pid=$(cat "$pid_file")
  echo "$pid $(process_start_time "$pid")" >"$RUN_DIR/opensearch.pid"
  wait_until "opensearch start" 120 opensearch_ready ||
    { tail -20 "$OPENSEARCH_HOME/logs/opendms-test.log" >&2; return 1; }
  echo "opensearch: up at http://127.0.0.1:$OPENSEARCH_PORT"
}

opensearch_status() { recorded_status opensearch opensearch_ready "http://127.0.0.1:$OPENSEARCH_PORT"; }

opensearch_down() { stop_recorded opensearch; }

# --- command ---------------------------------------------------------------------------------

main() {
  local command=${1:-}
  shift || true
  local service status=0
  if (($# > 0)); then
    SERVICES=("$@")
  fi
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
