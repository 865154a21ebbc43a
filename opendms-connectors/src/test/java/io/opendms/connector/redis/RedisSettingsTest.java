package io.opendms.connector.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.SslMode;
import io.opendms.spi.error.OpenDmsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisSettingsTest {
  private static RedisSettings settings(String database, SslMode ssl, Map<String, String> given) {
    return RedisSettings.of(new EndpointConfig("redis", "r1", 6379, database, "", "", ssl, given));
  }

  @Test
  void theUrisHostPortAndDatabaseApplyUnlessRedisSettingsNameAServer() {
    RedisSettings fromUri = settings("3", SslMode.DISABLE, Map.of());
    assertThat(fromUri.host()).isEqualTo("r1");
    assertThat(fromUri.port()).isEqualTo(6379);
    assertThat(fromUri.database()).isEqualTo(3);
    assertThat(fromUri.tls()).isFalse();

    RedisSettings named = settings("", SslMode.DISABLE, Map.of("servername", "cache.example",
        "Port", "6380", "SslSecurityProtocol", "ssl-encryption"));
    assertThat(named.host()).isEqualTo("cache.example");
    assertThat(named.port()).isEqualTo(6380);
    assertThat(named.database()).isZero();
    assertThat(named.tls()).isTrue();
    assertThat(settings("", SslMode.REQUIRE, Map.of()).tls()).as("rediss://").isTrue();
  }

  @Test
  void authTypesTakeTheCredentialsTheyNeedAndNeverPrintThePassword() {
    RedisSettings role = settings("", SslMode.DISABLE, Map.of("AuthType", "auth-role",
        "AuthUserName", "app", "AuthPassword", "s3cret"));
    assertThat(role.user()).isEqualTo("app");
    assertThat(role.password()).isEqualTo("s3cret");
    assertThat(role.toString()).doesNotContain("s3cret");

    RedisSettings token = settings("", SslMode.DISABLE, Map.of("AuthType", "auth-token",
        "AuthUserName", "ignored", "AuthPassword", "t"));
    assertThat(token.user()).isEmpty();
    assertThat(settings("", SslMode.DISABLE, Map.of("AuthPassword", "unused")).password())
        .as("AuthType none").isEmpty();
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(() -> settings("", SslMode.DISABLE, Map.of("AuthType", "auth-role",
        "AuthPassword", "p"))).isInstanceOf(OpenDmsException.class).hasMessageContaining("AuthUserName");
    assertThatThrownBy(() -> settings("", SslMode.DISABLE, Map.of("AuthType", "auth-token")))
        .hasMessageContaining("AuthPassword");
    assertThatThrownBy(() -> settings("", SslMode.DISABLE, Map.of("SslSecurityProtocol", "tls")))
        .hasMessageContaining("SslSecurityProtocol");
    assertThatThrownBy(() -> settings("cache", SslMode.DISABLE, Map.of()))
        .hasMessageContaining("redis://host:port/0");
  }

  @Test
  void sslCaCertificateArnMustBeResolvedPemOfACertificate() {
    assertThat(settings("", SslMode.REQUIRE, Map.of()).ca()).as("JVM trust store").isNull();
    assertThatThrownBy(() -> settings("", SslMode.REQUIRE, Map.of("SslCaCertificateArn",
        "arn:aws:dms:us-east-1:1:cert:X"))).hasMessageContaining("RedisSettings.SslCaCertificateArn")
        .hasMessageContaining("file:/path");
    assertThatThrownBy(() -> settings("", SslMode.REQUIRE, Map.of("SslCaCertificateArn",
        "-----BEGIN CERTIFICATE-----\nbm90\n-----END CERTIFICATE-----\n")))
        .hasMessageContaining("RedisSettings.SslCaCertificateArn");
  }
}
