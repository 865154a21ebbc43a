package io.opendms.spi.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointConfigTest {
  @Test
  void neverPrintsPasswordsOrSecretSettings() {
    var endpoint = new EndpointConfig("kafka", "k1", 9092, "", "user", "hunter2", SslMode.DISABLE,
        Map.of("SaslPassword", "zz-secret", "Topic", "orders", "SecretsManagerSecretId", "arn-x"));

    assertThat(endpoint.toString()).doesNotContain("hunter2").doesNotContain("zz-secret")
        .doesNotContain("arn-x").contains("Topic=orders");
    assertThat(endpoint.describe()).isEqualTo("kafka://user@k1:9092/");
  }
}
