package io.opendms.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendms.testkit.TestingCertificates;
import io.opendms.testkit.TestingKafkaSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.databasemigration.model.DescribeCertificatesResponse;

/**
 * ImportCertificate, DescribeCertificates and DeleteCertificate with the AWS CLI, and endpoints
 * that name certificates by ARN (Kafka's SslCaCertificateArn, SslClientCertificateArn,
 * SslClientKeyArn; a PostgreSQL endpoint's CertificateArn with SslMode verify-full, tested
 * against the local server's SSL of scripts/enable-ssl-postgres.sh).
 */
class CertificatesApiIT {
  private static TestServer server;

  @TempDir static Path files;

  @BeforeAll
  static void start() {
    server = TestServer.start(null, false);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anImportedCaIsDescribedWithItsValidityAndCannotBeDeletedWhileAnEndpointUsesIt() {
    JsonNode imported = server.dms("import-certificate", "--certificate-identifier", "kafka-ca",
        "--certificate-pem", "file://" + TestingKafkaSecurity.ca()).json().get("Certificate");
    String arn = imported.get("CertificateArn").asText();
    assertThat(arn).matches("arn:aws:dms:[a-z0-9-]+:[0-9]{12}:cert:[A-Z2-7]{26}");
    assertThat(imported.get("SigningAlgorithm").asText()).isEqualTo("SHA256withRSA");
    assertThat(imported.get("KeyLength").asInt()).isEqualTo(2048);
    assertThat(OffsetDateTime.parse(imported.get("ValidToDate").asText()))
        .isAfter(OffsetDateTime.parse(imported.get("ValidFromDate").asText()).plusYears(9));
    assertThat(imported.get("CertificatePem").asText()).startsWith("-----BEGIN CERTIFICATE-----");

    JsonNode byId = server.dms("describe-certificates", "--filters",
        "Name=certificate-id,Values=kafka-ca").json().get("Certificates");
    assertThat(byId).hasSize(1);
    assertThat(byId.get(0).get("CertificateArn").asText()).isEqualTo(arn);
    assertThat(server.dms("describe-certificates", "--filters",
        "Name=certificate-arn,Values=" + arn).json().get("Certificates")).hasSize(1);

    SignedHttp.Reply raw = SignedHttp.call(server.port(), "DescribeCertificates", "{}");
    assertThat(ModelShapes.problems(raw.body(), DescribeCertificatesResponse.builder(), Set.of()))
        .as("members and types against the AWS SDK's model: " + raw.body()).isEmpty();

    String endpoint = server.dms("create-endpoint", "--endpoint-identifier", "kafka-tls",
        "--endpoint-type", "target", "--engine-name", "kafka", "--kafka-settings",
        "{\"Broker\":\"" + TestingKafkaSecurity.SSL_BOOTSTRAP + "\",\"SecurityProtocol\":"
            + "\"ssl-encryption\",\"SslCaCertificateArn\":\"" + arn + "\"}")
        .json().at("/Endpoint/EndpointArn").asText();
    var refused = server.dms("delete-certificate", "--certificate-arn", arn);
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.stderr()).contains("InvalidResourceStateFault").contains("kafka-tls");

    server.dms("delete-endpoint", "--endpoint-arn", endpoint).json();
    assertThat(server.dms("delete-certificate", "--certificate-arn", arn).json()
        .at("/Certificate/CertificateIdentifier").asText()).isEqualTo("kafka-ca");
    assertThat(server.dms("describe-certificates").json().get("Certificates")).isEmpty();
  }

  @Test
  void aClientKeyIsImportedButItsPemIsNeverShown() {
    JsonNode key = server.dms("import-certificate", "--certificate-identifier", "client-key",
        "--certificate-pem", "file://" + TestingKafkaSecurity.clientKey()).json().get("Certificate");

    assertThat(key.has("CertificatePem")).isFalse();
    assertThat(server.dms("describe-certificates").stdout()).doesNotContain("PRIVATE KEY");
    server.dms("delete-certificate", "--certificate-arn", key.get("CertificateArn").asText()).json();
  }

  @Test
  void aBadPemAWalletAndAnUnknownCertificateArnAreRefusedNamingTheField() throws Exception {
    Path bad = Files.writeString(files.resolve("bad.pem"),
        "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
    var badPem = server.dms("import-certificate", "--certificate-identifier", "bad",
        "--certificate-pem", "file://" + bad);
    assertThat(badPem.exitCode()).isNotZero();
    assertThat(badPem.stderr()).contains("InvalidCertificateFault").contains("CertificatePem");

    var wallet = server.dms("import-certificate", "--certificate-identifier", "wallet",
        "--certificate-wallet", "fileb://" + bad);
    assertThat(wallet.stderr()).contains("InvalidCertificateFault").contains("CertificateWallet");

    var unknown = server.dms("create-endpoint", "--endpoint-identifier", "kafka-unknown-ca",
        "--endpoint-type", "target", "--engine-name", "kafka", "--kafka-settings",
        "{\"Broker\":\"127.0.0.1:9094\",\"SslCaCertificateArn\":"
            + "\"arn:aws:dms:us-east-1:123456789012:cert:NOPE\"}");
    assertThat(unknown.exitCode()).isNotZero();
    assertThat(unknown.stderr()).contains("ResourceNotFoundFault")
        .contains("KafkaSettings.SslCaCertificateArn");

    var pasted = server.dms("create-endpoint", "--endpoint-identifier", "kafka-pasted-key",
        "--endpoint-type", "target", "--engine-name", "kafka", "--kafka-settings",
        "{\"Broker\":\"127.0.0.1:9095\",\"SslClientKeyArn\":"
            + "\"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n\"}");
    assertThat(pasted.stderr()).as("a pasted key is not echoed").contains("ResourceNotFoundFault")
        .contains("KafkaSettings.SslClientKeyArn").doesNotContain("MIIEvQIBADAN");
  }

  @Test
  void aPostgresEndpointVerifiesTheServerAgainstItsImportedCertificateArn() throws Exception {
    String instance = server.dms("create-replication-instance", "--replication-instance-identifier",
        "tls-instance", "--replication-instance-class", "dms.t3.micro").json()
        .at("/ReplicationInstance/ReplicationInstanceArn").asText();
    String ca = importCa("pg-ca", TestingCertificates.ca());
    String otherCa = importCa("other-ca", TestingCertificates.untrustedCa());
    String trusted = postgresEndpoint("pg-verify-full", ca);
    String untrusted = postgresEndpoint("pg-other-ca", otherCa);

    JsonNode good = testConnection(instance, trusted);
    JsonNode bad = testConnection(instance, untrusted);

    assertThat(good.get("Status").asText()).as(good.toString()).isEqualTo("successful");
    assertThat(bad.get("Status").asText()).isEqualTo("failed");
    assertThat(bad.get("LastFailureMessage").asText()).contains("CertificateArn")
        .contains("SslMode verify-full");
    // the other tests expect no certificate left
    for (String endpoint : List.of(trusted, untrusted)) {
      server.dms("delete-endpoint", "--endpoint-arn", endpoint).json();
    }
    for (String certificate : List.of(ca, otherCa)) {
      server.dms("delete-certificate", "--certificate-arn", certificate).json();
    }
  }

  private static String importCa(String identifier, Path pem) {
    return server.dms("import-certificate", "--certificate-identifier", identifier,
        "--certificate-pem", "file://" + pem).json().at("/Certificate/CertificateArn").asText();
  }

  private static String postgresEndpoint(String identifier, String certificateArn) {
    return server.dms("create-endpoint", "--endpoint-identifier", identifier, "--endpoint-type",
        "source", "--engine-name", "postgres", "--server-name", "127.0.0.1", "--port", "5432",
        "--username", "postgres", "--password", "unused", "--database-name", "postgres",
        "--certificate-arn", certificateArn, "--ssl-mode", "verify-full").json()
        .at("/Endpoint/EndpointArn").asText();
  }

  /** TestConnection, then DescribeConnections until it is no longer testing. */
  private static JsonNode testConnection(String instance, String endpoint) throws Exception {
    server.dms("test-connection", "--replication-instance-arn", instance, "--endpoint-arn",
        endpoint).json();
    JsonNode connection;
    do {
      Thread.sleep(200);
      connection = server.dms("describe-connections", "--filters",
          "Name=endpoint-arn,Values=" + endpoint).json().at("/Connections/0");
    } while (connection.path("Status").asText().equals("testing"));
    return connection;
  }
}
