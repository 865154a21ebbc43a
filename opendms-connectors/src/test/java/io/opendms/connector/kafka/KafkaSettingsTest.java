package io.opendms.connector.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.SslMode;
import io.opendms.spi.error.OpenDmsException;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {
  private static KafkaSettings settings(Map<String, String> given) {
    return KafkaSettings.of(new EndpointConfig("kafka", "k1", 9092, "", "", "", SslMode.DISABLE, given));
  }

  @Test
  void uriParametersMatchDmsFieldsIgnoringCaseAndDefaultsAreDms() {
    KafkaSettings settings = settings(Map.of("topic", "orders", "messageformat", "JSON_UNFORMATTED"));

    assertThat(settings.brokers()).isEqualTo("k1:9092");
    assertThat(settings.topic()).isEqualTo("orders");
    assertThat(settings.envelope().formatted()).isFalse();
    assertThat(settings(Map.of()).topic()).isEqualTo("kafka-default-topic");
    assertThat(settings(Map.of()).envelope().formatted()).isTrue();
  }

  @Test
  void theProducerIsIdempotentWaitsForAllReplicasAndSaslSslCarriesTheCredentials() {
    KafkaSettings settings = settings(Map.of("Broker", "a:1,b:2", "SecurityProtocol", "sasl-ssl",
        "SaslUsername", "user", "SaslPassword", "p\"w", "MessageMaxBytes", "2000000"));

    var producer = KafkaClients.producer(settings);

    assertThat(producer.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isEqualTo(true);
    assertThat(producer.get(ProducerConfig.ACKS_CONFIG)).isEqualTo("all");
    assertThat(producer.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)).isEqualTo(2_000_000);
    assertThat(producer.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("a:1,b:2");
    assertThat(producer.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)).isEqualTo("SASL_SSL");
    assertThat(producer.get(SaslConfigs.SASL_MECHANISM)).isEqualTo("SCRAM-SHA-512");
    assertThat((String) producer.get(SaslConfigs.SASL_JAAS_CONFIG))
        .contains("username=\"user\"").contains("password=\"p\\\"w\"");
    assertThat(settings.toString()).doesNotContain("p\"w");
  }

  @Test
  void badValuesAreNamedAndUnsupportedProtocolsRefused() {
    assertThatThrownBy(() -> settings(Map.of("MessageFormat", "avro", "Nope", "1")))
        .isInstanceOf(OpenDmsException.class)
        .hasMessageContaining("KafkaSettings.MessageFormat")
        .hasMessageContaining("KafkaSettings.Nope: unknown setting");
    assertThatThrownBy(() -> settings(Map.of("SecurityProtocol", "ssl-authentication")))
        .hasMessageContaining("ssl-authentication needs SslClientCertificateArn and"
            + " SslClientKeyArn");
    assertThatThrownBy(() -> settings(Map.of("SecurityProtocol", "sasl-ssl")))
        .hasMessageContaining("needs SaslUsername and SaslPassword");
  }

  private static final String CERTIFICATE = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
  private static final String KEY = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n"
      + "-----END ENCRYPTED PRIVATE KEY-----";
  /** An EC key encrypted by OpenSSL's default scheme (PBES2, AES-256-CBC), password x. */
  private static final String PBES2_KEY = """
      -----BEGIN ENCRYPTED PRIVATE KEY-----
      MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAhsXpuZ/qIorAICCAAw
      DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEJGzsPl2QpkaeFXX7m5inRQEgZBu
      SifoN/tRWSlSXMQIEgYqAaUhmvinNnE8mItg3oOQ6uWae37f9h1sgqHlDDbSldov
      GuuL+pqLe2gvi7k+pTAusULiuKdVpAVs0W4ZIcK7md/r72GT9gtlcY2oW3gOhdQa
      B/JalS3pHzjVy4snS+6i2jkdAyG83a54eC8bN1cvHcUbtUrBkTC6VF+JSOo9faU=
      -----END ENCRYPTED PRIVATE KEY-----
      """;

  @Test
  void sslAuthenticationCarriesTheCaAndTheClientCertificateAsInlinePemStores() {
    KafkaSettings settings = settings(Map.of("SecurityProtocol", "ssl-authentication",
        "SslCaCertificateArn", CERTIFICATE, "SslClientCertificateArn", CERTIFICATE,
        "SslClientKeyArn", KEY, "SslClientKeyPassword", "key-secret",
        "SslEndpointIdentificationAlgorithm", "none"));

    var common = KafkaClients.common(settings);

    assertThat(common.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)).isEqualTo("SSL");
    assertThat(common.get(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG)).isEqualTo("PEM");
    assertThat(common.get(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG)).isEqualTo(CERTIFICATE);
    assertThat(common.get(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG)).isEqualTo("PEM");
    assertThat(common.get(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG)).isEqualTo(CERTIFICATE);
    assertThat(common.get(SslConfigs.SSL_KEYSTORE_KEY_CONFIG)).isEqualTo(KEY);
    assertThat(common.get(SslConfigs.SSL_KEY_PASSWORD_CONFIG)).isEqualTo("key-secret");
    assertThat(common.get(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG)).isEqualTo("");
    assertThat(settings.toString()).doesNotContain("MIIB").doesNotContain("key-secret");
  }

  @Test
  void withoutACaTheJvmTrustStoreAppliesAndPlaintextCarriesNoTls() {
    var sslOnly = KafkaClients.common(settings(Map.of("SecurityProtocol", "ssl-encryption")));
    var plaintext = KafkaClients.common(settings(Map.of("SslCaCertificateArn", CERTIFICATE)));

    assertThat(sslOnly).doesNotContainKey(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG)
        .doesNotContainKey(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG);
    assertThat(plaintext.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)).isEqualTo("PLAINTEXT");
    assertThat(plaintext).doesNotContainKey(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG);
  }

  @Test
  void unresolvedReferencesAndKeysJavaCannotReadAreRefusedNamingTheField() {
    assertThatThrownBy(() -> settings(Map.of("SecurityProtocol", "ssl-encryption",
        "SslCaCertificateArn", "arn:aws:dms:us-east-1:1:cert:CA")))
        .hasMessageContaining("KafkaSettings.SslCaCertificateArn must name an imported certificate");
    assertThatThrownBy(() -> settings(Map.of("SslClientCertificateArn", CERTIFICATE,
        "SslClientKeyArn", PBES2_KEY, "SslClientKeyPassword", "x")))
        .hasMessageContaining("KafkaSettings.SslClientKeyArn is encrypted with PBES2");
    assertThatThrownBy(() -> settings(Map.of("SslClientCertificateArn", CERTIFICATE,
        "SslClientKeyArn", KEY)))
        .hasMessageContaining("SslClientKeyPassword is needed");
    assertThatThrownBy(() -> settings(Map.of("SslClientCertificateArn", CERTIFICATE,
        "SslClientKeyArn", "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----")))
        .hasMessageContaining("must be a PKCS#8 key");
    assertThatThrownBy(() -> settings(Map.of("SslClientCertificateArn", CERTIFICATE)))
        .hasMessageContaining("SslClientCertificateArn and SslClientKeyArn go together");
  }
}
