package io.opendms.engine.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.endpoint.EndpointConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateReferencesTest {
  private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

  @TempDir Path directory;

  @Test
  void theCommandLineReadsCertificateReferencesFromPemFilesAndLeavesOtherSettings() throws Exception {
    Path ca = Files.writeString(directory.resolve("ca.pem"), PEM);

    EndpointConfig endpoint = EndpointUri.parse("kafka://127.0.0.1:9094?topic=t"
        + "&SecurityProtocol=ssl-encryption&SslCaCertificateArn=file:" + ca);

    assertThat(endpoint.settings()).containsEntry("SslCaCertificateArn", PEM)
        .containsEntry("topic", "t").containsEntry("SecurityProtocol", "ssl-encryption");
  }

  @Test
  void anArnOrAMissingFileOnTheCommandLineIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> EndpointUri.parse(
        "kafka://k:9092?SslClientCertificateArn=arn:aws:dms:us-east-1:1:cert:X"))
        .hasMessageContaining("SslClientCertificateArn=file:/path/to/file.pem");
    assertThatThrownBy(() -> EndpointUri.parse(
        "kafka://k:9092?SslClientKeyArn=file:" + directory.resolve("missing.key")))
        .hasMessageContaining("SslClientKeyArn: cannot read");
  }

  @Test
  void privateKeysNeverAppearInTheEndpointsDescription() throws Exception {
    Path key = Files.writeString(directory.resolve("client.key"),
        "-----BEGIN PRIVATE KEY-----\nSECRETBITS\n-----END PRIVATE KEY-----\n");

    EndpointConfig endpoint = EndpointUri.parse("kafka://k:9092?SslClientKeyArn=file:" + key);

    assertThat(endpoint.settings().get("SslClientKeyArn")).contains("SECRETBITS");
    assertThat(endpoint.toString()).doesNotContain("SECRETBITS");
  }

  @Test
  void theEndpointsCertificateComesFromSslRootCertOrCertificateArnAndStaysOutOfTheSettings()
      throws Exception {
    Path ca = Files.writeString(directory.resolve("root.pem"), PEM);

    EndpointConfig libpq = EndpointUri.parse(
        "postgresql://u@db:5432/app?sslmode=verify-full&sslrootcert=" + ca);
    EndpointConfig dms = EndpointUri.parse("mysql://u@db/app?sslmode=verify-ca&CertificateArn=file:" + ca);

    assertThat(libpq.certificate()).isEqualTo(PEM);
    assertThat(libpq.settings()).isEmpty();
    assertThat(dms.certificate()).isEqualTo(PEM);
    assertThat(dms.settings()).isEmpty();
  }

  @Test
  void anEndpointCertificateIsRefusedWhereTheEngineTakesItsCaFromItsSettings() throws Exception {
    Path ca = Files.writeString(directory.resolve("root.pem"), PEM);

    assertThatThrownBy(() -> EndpointUri.parse("rediss://r:6380/0?sslrootcert=" + ca))
        .hasMessageContaining("SslCaCertificateArn");
    assertThatThrownBy(() -> EndpointUri.parse(
        "postgresql://db/app?sslrootcert=" + ca + "&CertificateArn=file:" + ca))
        .hasMessageContaining("not both");
  }
}
