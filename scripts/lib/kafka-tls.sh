# shellcheck shell=bash
# Test certificates of the local Kafka broker's TLS listeners (sourced by scripts/services.sh
# after scripts/lib/test-ca.sh). The test CA signs the broker's certificate (127.0.0.1 and
# localhost) and a client certificate for mutual TLS. Generated once into KAFKA_TLS_DIR; the
# tests read them from there.
#
#   ca.pem           copy of the test CA the broker's certificate chains to (SslCaCertificateArn)
#   client.pem       client certificate signed by that CA (DMS SslClientCertificateArn)
#   client.key       its key, PKCS#8 encrypted with KAFKA_TLS_CLIENT_KEY_PASSWORD
#                    (DMS SslClientKeyArn / SslClientKeyPassword). PBES1 (-v1 PBE-SHA1-3DES):
#                    the JDK cannot decrypt OpenSSL's default PBES2 keys.
#   other-ca.pem     copy of the test CA that signed nothing
#   broker.p12       the broker's key store (password KAFKA_TLS_STORE_PASSWORD)

KAFKA_TLS_DIR="$RUN_DIR/kafka-tls"
KAFKA_TLS_STORE_PASSWORD=opendms-broker
KAFKA_TLS_CLIENT_KEY_PASSWORD=opendms-client-key
# The SASL user of the SASL_SSL listener, for both PLAIN and SCRAM-SHA-512.
KAFKA_SASL_USER=opendms
KAFKA_SASL_PASSWORD=opendms-secret

# Called before the broker starts only: a running broker keeps the certificates it read.
kafka_tls_material() {
  test_ca || return 1
  [[ -f $KAFKA_TLS_DIR/.complete ]] && test_ca_signed "$KAFKA_TLS_DIR/broker.pem" && return 0
  log "kafka: signing broker and client certificates in $KAFKA_TLS_DIR"
  rm -rf "$KAFKA_TLS_DIR"
  mkdir -p "$KAFKA_TLS_DIR"
  (
    set -e
    cd "$KAFKA_TLS_DIR"
    cp "$TEST_CA_DIR/ca.pem" "$TEST_CA_DIR/other-ca.pem" .
    signed_certificate broker "localhost" \
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n'
    openssl pkcs12 -export -in broker.pem -inkey broker.key -name broker -out broker.p12 \
      -passout "pass:$KAFKA_TLS_STORE_PASSWORD"
    signed_certificate client "opendms-client" 'extendedKeyUsage=clientAuth\n'
    mv client.key client-unencrypted.key
    openssl pkcs8 -topk8 -v1 PBE-SHA1-3DES -in client-unencrypted.key -out client.key \
      -passout "pass:$KAFKA_TLS_CLIENT_KEY_PASSWORD"
    rm -f client-unencrypted.key
  ) >/dev/null 2>&1 || { log "kafka: openssl failed in $KAFKA_TLS_DIR"; return 1; }
  touch "$KAFKA_TLS_DIR/.complete"
}

# The broker's TLS and SASL configuration, appended to server.properties.
kafka_tls_properties() {
  cat <<PROPERTIES
ssl.keystore.type=PKCS12
ssl.keystore.location=$KAFKA_TLS_DIR/broker.p12
ssl.keystore.password=$KAFKA_TLS_STORE_PASSWORD
ssl.key.password=$KAFKA_TLS_STORE_PASSWORD
ssl.truststore.type=PEM
ssl.truststore.location=$KAFKA_TLS_DIR/ca.pem
listener.name.mtls.ssl.client.auth=required
sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-512
listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_$KAFKA_SASL_USER="$KAFKA_SASL_PASSWORD";
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
PROPERTIES
}

# The SCRAM credentials live in the cluster metadata: added once per data directory (a data
# directory formatted before the SASL listener existed gets them here too), after the start.
kafka_scram_user() {
  local marker="$KAFKA_HOME/data/.opendms-scram-user"
  [[ -f $marker ]] && return 0
  log "kafka: adding SCRAM-SHA-512 user $KAFKA_SASL_USER"
  kafka_java org.apache.kafka.tools.ConfigCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" \
    --alter --entity-type users --entity-name "$KAFKA_SASL_USER" \
    --add-config "SCRAM-SHA-512=[password=$KAFKA_SASL_PASSWORD]" >/dev/null || return 1
  touch "$marker"
}
