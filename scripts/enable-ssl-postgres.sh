#!/usr/bin/env bash
# Turns on SSL on the local PostgreSQL without a restart, for the tests of SslMode verify-ca and
# verify-full: a server certificate for 127.0.0.1 and localhost signed by the test CA
# (scripts/lib/test-ca.sh) and its key, in a directory only the postgres OS user can read;
# ALTER SYSTEM SET ssl, ssl_cert_file, ssl_key_file; pg_reload_conf(). Connections without SSL
# keep working: pg_hba's "host" lines accept both. Idempotent: reloads only when a setting or
# the certificate changed, and proves the result with a verify-full connection.
set -euo pipefail

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=scripts/lib/test-ca.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/test-ca.sh"

TLS_DIR="${OPENDMS_RUN_DIR:-/var/tmp/opendms-services}/postgres-tls"

pg_wait_ready || die "PostgreSQL is not running; run scripts/services.sh up first"

in_force() { pg_value postgres "SHOW $1"; }

# verify-full: the server's certificate chains to the test CA and names 127.0.0.1.
verified() {
  [[ "$(psql -X -At "host=$PG_HOST port=$PG_PORT user=$PG_USER dbname=postgres sslmode=verify-full \
    sslrootcert=$TEST_CA_DIR/ca.pem" -c 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()' \
    2>/dev/null)" == t ]]
}

test_ca_private_server_certificate "$TLS_DIR" postgres || die "cannot sign PostgreSQL's certificate"
reload=$TEST_CA_SIGNED

declare -A wanted=([ssl]=on [ssl_cert_file]="$TLS_DIR/server.pem" [ssl_key_file]="$TLS_DIR/server.key")
for name in ssl ssl_cert_file ssl_key_file; do
  if [[ "$(in_force "$name")" != "${wanted[$name]}" ]]; then
    log "postgres: ALTER SYSTEM SET $name = '${wanted[$name]}'"
    pg_value postgres "ALTER SYSTEM SET $name = '${wanted[$name]}'" >/dev/null
    reload=true
  fi
done

if [[ $reload == true ]] || ! verified; then
  log "postgres: reloading the configuration (no restart)"
  pg_value postgres "SELECT pg_reload_conf()" >/dev/null
  wait_until "PostgreSQL SSL with the test CA's certificate" 15 verified ||
    die "SSL is not in force after the reload; see $(pg_cluster_log)"
fi
echo "postgres: SSL on (certificate of the test CA in $TLS_DIR; verify-full connection works)"
