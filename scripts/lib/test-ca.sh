# shellcheck shell=bash
# The private test CA of the local services' TLS listeners (Kafka, Redis, PostgreSQL), sourced
# by scripts/services.sh and scripts/enable-ssl-postgres.sh after scripts/lib/common.sh.
# Generated once with openssl into TEST_CA_DIR; the tests read the CAs from there
# (io.opendms.testkit.TestingCertificates).
#
#   ca.pem, ca.key   the CA that signs every service's certificate (DMS CertificateArn,
#                    SslCaCertificateArn)
#   other-ca.pem     a CA that signed nothing: "a CA the server does not trust"
#
# A service's certificate is signed at its start (test_ca_server_certificate) and signed again
# whenever the CA no longer verifies it, so a regenerated CA never leaves a stale one behind.

TEST_CA_DIR="${OPENDMS_RUN_DIR:-/var/tmp/opendms-services}/test-ca"

test_ca() {
  [[ -f $TEST_CA_DIR/.complete ]] && return 0
  log "test CA: generating the private test CAs in $TEST_CA_DIR"
  rm -rf "$TEST_CA_DIR"
  mkdir -p "$TEST_CA_DIR"
  (
    set -e
    cd "$TEST_CA_DIR"
    ca_certificate ca "OpenDMS test CA"
    ca_certificate other-ca "OpenDMS untrusted test CA"
    rm -f other-ca.key
  ) >/dev/null 2>&1 || { log "test CA: openssl failed in $TEST_CA_DIR"; return 1; }
  touch "$TEST_CA_DIR/.complete"
}

# ca_certificate NAME SUBJECT: a self-signed CA, NAME.pem and NAME.key.
ca_certificate() {
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=$2" -keyout "$1.key" \
    -out "$1.pem" -addext basicConstraints=critical,CA:TRUE \
    -addext keyUsage=critical,keyCertSign,cRLSign
}

# signed_certificate NAME SUBJECT EXTENSIONS: NAME.pem signed by the test CA, with NAME.key, in
# the current directory.
signed_certificate() {
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$2" -keyout "$1.key" -out "$1.csr"
  openssl x509 -req -days 3650 -in "$1.csr" -CA "$TEST_CA_DIR/ca.pem" -CAkey "$TEST_CA_DIR/ca.key" \
    -CAcreateserial -CAserial "$1.srl" -out "$1.pem" -extfile <(printf '%b' "$3")
  rm -f "$1.csr" "$1.srl"
}

# test_ca_signed FILE: whether FILE is a certificate the current test CA signed.
test_ca_signed() {
  [[ -f $1 ]] && openssl verify -CAfile "$TEST_CA_DIR/ca.pem" "$1" >/dev/null 2>&1
}

# test_ca_server_certificate DIRECTORY: DIRECTORY/server.pem and server.key for 127.0.0.1 and
# localhost, signed by the test CA; kept when the CA still verifies them.
test_ca_server_certificate() {
  local directory=$1
  test_ca || return 1
  test_ca_signed "$directory/server.pem" && [[ -f $directory/server.key ]] && return 0
  log "test CA: signing a server certificate in $directory"
  mkdir -p "$directory"
  (
    set -e
    cd "$directory"
    signed_certificate server localhost \
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n'
  ) >/dev/null 2>&1 || { log "test CA: openssl failed in $directory"; return 1; }
}

# test_ca_private_server_certificate DIRECTORY OWNER: test_ca_server_certificate, then
# DIRECTORY owned by and readable by OWNER only (database servers refuse a key others can read).
# Sets TEST_CA_SIGNED to true when a new certificate was signed (the server must load it again),
# false when the one there was kept.
test_ca_private_server_certificate() {
  local directory=$1 owner=$2
  TEST_CA_SIGNED=false
  if ! test_ca_signed "$directory/server.pem" || [[ ! -f $directory/server.key ]]; then
    test_ca_server_certificate "$directory" || return 1
    TEST_CA_SIGNED=true
  fi
  chown -R "$owner:$owner" "$directory"
  chmod 700 "$directory"
  chmod 600 "$directory/server.key"
}
