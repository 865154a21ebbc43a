package io.opendms.connector.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.SslMode;
import io.opendms.spi.error.OpenDmsException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenSearchSettingsTest {
  private static OpenSearchSettings settings(String host, SslMode ssl, Map<String, String> given) {
    return OpenSearchSettings.of(new EndpointConfig("opensearch", host, 9200, "", "admin", "s3cret",
        ssl, given));
  }

  @Test
  void recordedDefaults() {
    OpenSearchSettings settings = settings("127.0.0.1", SslMode.DISABLE, Map.of());
    assertThat(settings.endpoint()).hasToString("http://127.0.0.1:9200/");
    assertThat(settings.fullLoadErrorPercentage()).isEqualTo(10);
    assertThat(settings.errorRetryDuration()).isEqualTo(Duration.ofSeconds(300));
    assertThat(settings.username()).isEqualTo("admin");
  }

  @Test
  void fullMappingOfElasticsearchSettings() {
    OpenSearchSettings settings = settings("", SslMode.DISABLE, Map.of(
        "EndpointUri", "search.example:9243", "FullLoadErrorPercentage", "25",
        "ErrorRetryDuration", "30", "UseNewMappingType", "true",
        "ServiceAccessRoleArn", "arn:aws:iam::123456789012:role/dms"));
    assertThat(settings.endpoint()).as("https when the scheme is missing")
        .hasToString("https://search.example:9243/");
    assertThat(settings.fullLoadErrorPercentage()).isEqualTo(25);
    assertThat(settings.errorRetryDuration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings("h", SslMode.REQUIRE, Map.of()).endpoint())
        .hasToString("https://h:9200/");
    assertThat(settings("", SslMode.DISABLE, Map.of("endpointuri", "http://h/prefix")).endpoint())
        .as("keys ignore case, as URI query parameters").hasToString("http://h/prefix/");
  }

  @Test
  void badValuesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> settings("h", SslMode.DISABLE, Map.of(
        "FullLoadErrorPercentage", "101", "ErrorRetryDuration", "soon")))
        .isInstanceOf(OpenDmsException.class)
        .hasMessageContaining("ElasticsearchSettings.FullLoadErrorPercentage")
        .hasMessageContaining("ElasticsearchSettings.ErrorRetryDuration");
    assertThatThrownBy(() -> settings("", SslMode.DISABLE, Map.of()))
        .hasMessageContaining("EndpointUri is required");
    assertThatThrownBy(() -> settings("", SslMode.DISABLE, Map.of("EndpointUri", "ftp://h")))
        .hasMessageContaining("http:// or https://");
    assertThatThrownBy(() -> settings("", SslMode.DISABLE, Map.of("Colour", "red")))
        .hasMessageContaining("ElasticsearchSettings.Colour: unknown setting");
  }

  @Test
  void neverPrintsThePassword() {
    assertThat(settings("h", SslMode.DISABLE, Map.of()).toString()).doesNotContain("s3cret");
  }
}
