package io.opendms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opendms.testkit.TestingKafka;
import io.opendms.testkit.TestingKafkaSecurity;
import io.opendms.testkit.TestingPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code opendms migrate} into the local broker's TLS and SASL listeners (scripts/services.sh):
 * a ten-row full load and one change over each security protocol, certificates given as {@code
 * file:} paths, read back over the plaintext listener; and a wrong password and an untrusted CA,
 * each a failed task that names the setting to check.
 */
class KafkaSecurityIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CONVERGE = Duration.ofSeconds(60);
  private static final String CA = "&SslCaCertificateArn=file:" + TestingKafkaSecurity.ca();
  private static final AtomicInteger CHANGE_IDS = new AtomicInteger(1000);

  @TempDir static Path dataDir;
  private static TargetTaskFixture fixture;
  private static TestingPostgres source;

  @BeforeAll
  static void source() {
    fixture = new TargetTaskFixture(dataDir);
    source = fixture.itemSource("kafka_tls_src");
  }

  @AfterAll
  static void cleanUp() throws Exception {
    fixture.close();
  }

  @Test
  void sslEncryptionTrustsThePrivateCaGivenAsAFile() throws Exception {
    loadsAndStreams(TestingKafkaSecurity.SSL_BOOTSTRAP, "&SecurityProtocol=ssl-encryption" + CA);
  }

  @Test
  void sslAuthenticationPresentsTheClientCertificateTheBrokerRequires() throws Exception {
    loadsAndStreams(TestingKafkaSecurity.MTLS_BOOTSTRAP, "&SecurityProtocol=ssl-authentication" + CA
        + "&SslClientCertificateArn=file:" + TestingKafkaSecurity.clientCertificate()
        + "&SslClientKeyArn=file:" + TestingKafkaSecurity.clientKey()
        + "&SslClientKeyPassword=" + TestingKafkaSecurity.CLIENT_KEY_PASSWORD);
  }

  @Test
  void saslSslLogsInWithScramSha512() throws Exception {
    loadsAndStreams(TestingKafkaSecurity.SASL_SSL_BOOTSTRAP, sasl("scram-sha-512",
        TestingKafkaSecurity.SASL_PASSWORD));
  }

  @Test
  void saslSslLogsInWithPlain() throws Exception {
    loadsAndStreams(TestingKafkaSecurity.SASL_SSL_BOOTSTRAP, sasl("plain",
        TestingKafkaSecurity.SASL_PASSWORD));
  }

  @Test
  void aWrongSaslPasswordFailsTheTaskNamingTheSaslSettings() throws Exception {
    String log = fails(TestingKafkaSecurity.SASL_SSL_BOOTSTRAP, sasl("scram-sha-512", "wrong"));

    assertThat(log).contains("KafkaSettings.SaslUsername, SaslPassword and SaslMechanism")
        .doesNotContain("password=wrong");
  }

  @Test
  void aCaThatDidNotSignTheBrokerFailsTheTaskNamingSslCaCertificateArn() throws Exception {
    String log = fails(TestingKafkaSecurity.SSL_BOOTSTRAP, "&SecurityProtocol=ssl-encryption"
        + "&SslCaCertificateArn=file:" + TestingKafkaSecurity.untrustedCa());

    assertThat(log).contains("KafkaSettings.SslCaCertificateArn");
  }

  private static String sasl(String mechanism, String password) {
    return "&SecurityProtocol=sasl-ssl" + CA + "&SaslMechanism=" + mechanism + "&SaslUsername="
        + TestingKafkaSecurity.SASL_USER + "&SaslPassword=" + password;
  }

  /** A full load and one insert through {@code bootstrap}, read back from the topic. */
  private static void loadsAndStreams(String bootstrap, String security) throws Exception {
    TestingKafka kafka = fixture.closeLater(TestingKafka.topic("kafka_tls"));
    ChildMigrate migrate = fixture.migrate(TargetTaskFixture.taskId("kafka-tls"),
        "full-load-and-cdc", source.uri(), uri(bootstrap, kafka, security), "start-replication");
    migrate.awaitLog("full load complete", Duration.ofSeconds(60));
    String changed = String.valueOf(CHANGE_IDS.incrementAndGet());
    source.execute("INSERT INTO public.item VALUES (" + changed + ", 'changed')");

    List<JsonNode> messages = kafka.readUntil(records -> records.stream()
        .anyMatch(r -> changed.equals(r.key())), CONVERGE).stream().map(KafkaSecurityIT::json).toList();
    assertThat(messages).filteredOn(m -> m.at("/metadata/operation").asText().equals("load"))
        .extracting(m -> m.at("/data/id").asInt()).contains(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(messages).filteredOn(m -> m.at("/metadata/operation").asText().equals("insert"))
        .extracting(m -> m.at("/data/name").asText()).contains("changed");
    assertThat(migrate.terminate()).isZero();
  }

  /** A full load that must fail when it opens the target; returns the task's log. */
  private static String fails(String bootstrap, String security) throws Exception {
    TestingKafka kafka = fixture.closeLater(TestingKafka.topic("kafka_tls_bad"));
    ChildMigrate migrate = fixture.migrate(TargetTaskFixture.taskId("kafka-tls-bad"), "full-load",
        source.uri(), uri(bootstrap, kafka, security), "start-replication");
    assertThat(migrate.waitFor(Duration.ofSeconds(60))).as(migrate.log()).isNotZero();
    return migrate.log();
  }

  private static String uri(String bootstrap, TestingKafka kafka, String security) {
    return "kafka://" + bootstrap + "?topic=" + kafka.topic() + security;
  }

  private static JsonNode json(ConsumerRecord<String, String> record) {
    try {
      return JSON.readTree(record.value());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + record.value(), e);
    }
  }
}
