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
        .hasMessageContaining("ssl-authentication");
    assertThatThrownBy(() -> settings(Map.of("SecurityProtocol", "sasl-ssl")))
        .hasMessageContaining("needs SaslUsername and SaslPassword");
  }
}
