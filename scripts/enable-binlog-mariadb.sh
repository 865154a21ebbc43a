#!/usr/bin/env bash
# Prepares the local MariaDB for binlog CDC: log_bin, server_id=1, binlog_format=ROW,
# binlog_row_image=FULL and a binlog retention (expire_logs_days), from a config file of our own
# in /etc/mysql/mariadb.conf.d/ (included from /etc/mysql/my.cnf if it is not yet); and SSL for
# the tests of SslMode verify-ca/verify-full: a server certificate for 127.0.0.1 and localhost
# signed by the test CA (scripts/lib/test-ca.sh), in a directory only the mysql OS user reads.
# Clients without SSL keep connecting. Idempotent: the server is restarted only when a value in
# force differs from what is wanted (log_bin and ssl_cert take effect on restart only); a
# certificate signed again for a new test CA is reloaded with FLUSH SSL. A restart ends every
# open session on the server.
set -euo pipefail

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=scripts/lib/test-ca.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/test-ca.sh"

MY_CNF="${OPENDMS_MARIADB_CNF:-/etc/mysql/my.cnf}"
CONF_DIR="${OPENDMS_MARIADB_CONF_DIR:-/etc/mysql/mariadb.conf.d}"
CONF_FILE="$CONF_DIR/60-opendms-binlog.cnf"
MARIADB_ERROR_LOG=/var/log/mysql/error.log
TLS_DIR="${OPENDMS_RUN_DIR:-/var/tmp/opendms-services}/mariadb-tls"

mariadb_ready() { mariadb -uroot -N -e 'SELECT 1' >/dev/null 2>&1; }

in_force() {
  mariadb -uroot -N -e "SELECT @@log_bin, @@binlog_format, @@binlog_row_image, @@server_id > 0,
    @@expire_logs_days > 0, @@have_ssl, @@ssl_cert"
}

WANTED=$'1\tROW\tFULL\t1\t1\tYES\t'"$TLS_DIR/server.pem"

# The certificate first: the server reads it at its start.
test_ca_private_server_certificate "$TLS_DIR" mysql || die "cannot sign MariaDB's certificate"
certificate_changed=$TEST_CA_SIGNED

wait_until "MariaDB answering" 60 mariadb_ready ||
  die "MariaDB is not running; start it with: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd"

if [[ "$(in_force)" == "$WANTED" ]]; then
  if [[ $certificate_changed == true ]]; then
    log "mariadb: FLUSH SSL for the certificate signed by the new test CA"
    mariadb -uroot -e 'FLUSH SSL'
  fi
  echo "mariadb: binlog and SSL settings already in force (log_bin=ON, binlog_format=ROW," \
    "binlog_row_image=FULL, have_ssl=YES)"
  exit 0
fi

mkdir -p "$CONF_DIR"
cat >"$CONF_FILE" <<CNF
# Written by OpenDMS scripts/enable-binlog-mariadb.sh: what binlog CDC needs, and SSL.
[mysqld]
log_bin = mysql-bin
server_id = 1
binlog_format = ROW
binlog_row_image = FULL
expire_logs_days = 2
ssl_cert = $TLS_DIR/server.pem
ssl_key = $TLS_DIR/server.key
CNF
if ! grep -qxF "!includedir $CONF_DIR/" "$MY_CNF" && ! grep -qxF "!includedir $CONF_DIR" "$MY_CNF"; then
  log "mariadb: including $CONF_DIR from $MY_CNF"
  printf '\n!includedir %s/\n' "$CONF_DIR" >>"$MY_CNF"
fi

log "mariadb: restarting for the binlog and SSL settings"
mariadb-admin -uroot shutdown
wait_until "MariaDB stopped" 60 bash -c '! mariadb -uroot -N -e "SELECT 1" >/dev/null 2>&1'
start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
if ! wait_until "MariaDB answering after the restart" 60 mariadb_ready; then
  tail -n 20 "$MARIADB_ERROR_LOG" >&2 2>/dev/null || true
  die "MariaDB did not come back; see $MARIADB_ERROR_LOG"
fi

# The proof: what the restarted server has in force, not what was asked for.
[[ "$(in_force)" == "$WANTED" ]] ||
  die "binlog settings not in force after the restart: $(in_force | tr '\t' ' '); see $MARIADB_ERROR_LOG"
echo "mariadb: binlog and SSL settings in force after restart (log_bin=ON, binlog_format=ROW," \
  "binlog_row_image=FULL, have_ssl=YES)"
