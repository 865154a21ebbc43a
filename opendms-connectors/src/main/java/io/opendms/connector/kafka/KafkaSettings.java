package io.opendms.connector.kafka;

import static io.opendms.spi.settings.ValueTypes.choice;
import static io.opendms.spi.settings.ValueTypes.integer;
import static io.opendms.spi.settings.ValueTypes.text;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.settings.Setting;
import io.opendms.spi.settings.SettingGroup;
import io.opendms.spi.settings.SettingValues;
import io.opendms.spi.stream.EnvelopeSettings;
import io.opendms.spi.stream.StreamEnvelope;
import io.opendms.spi.target.ObjectMapping;
import io.opendms.spi.target.TargetTable;
import java.util.List;

/**
 * DMS's {@code KafkaSettings}, each field declared once. Fields DMS has that this build does not
 * act on are accepted only where ignoring them changes nothing the user can see.
 */
record KafkaSettings(
    String brokers, String topic, StreamEnvelope.Options envelope, int messageMaxBytes,
    String securityProtocol, String saslMechanism, String saslUsername, String saslPassword,
    boolean verifyHostName, KafkaTls tls) {

  static final Setting<String> BROKER = Setting.of("Broker", text(), null,
      "Comma-separated host:port list of brokers to bootstrap from.");
  static final Setting<String> TOPIC = Setting.of("Topic", text(), "kafka-default-topic",
      "Topic of every table that no object-mapping rule gives a kafka-target-topic; created when"
          + " missing.");
  static final Setting<Integer> MESSAGE_MAX_BYTES = Setting.of("MessageMaxBytes",
      integer(1024, 1_000_000_000), 1_000_000, "Largest message in bytes; a larger row fails.");
  static final Setting<String> SECURITY_PROTOCOL = Setting.of("SecurityProtocol",
      choice("plaintext", "ssl-encryption", "sasl-ssl", "ssl-authentication"), "plaintext",
      "plaintext, ssl-encryption (TLS), ssl-authentication (TLS with a client certificate:"
          + " SslClientCertificateArn, SslClientKeyArn) or sasl-ssl (TLS with SASL user and"
          + " password); TLS trusts SslCaCertificateArn, else the JVM's CAs.");
  static final Setting<String> SASL_MECHANISM = Setting.of("SaslMechanism",
      choice("scram-sha-512", "plain"), "scram-sha-512", "SASL mechanism for sasl-ssl.");
  static final Setting<String> SASL_USERNAME = Setting.of("SaslUsername", text(), "",
      "SASL user for sasl-ssl.");
  static final Setting<String> SASL_PASSWORD = Setting.secret("SaslPassword", text(),
      "SASL password for sasl-ssl.");
  static final Setting<String> SSL_ENDPOINT_IDENTIFICATION = Setting.of(
      "SslEndpointIdentificationAlgorithm", choice("https", "none"), "https",
      "https checks the broker's host name against its certificate; none does not.");

  static final SettingGroup GROUP = new SettingGroup("KafkaSettings", settings());

  private static List<Setting<?>> settings() {
    var settings = new java.util.ArrayList<Setting<?>>(List.of(BROKER, TOPIC));
    settings.addAll(EnvelopeSettings.ALL);
    settings.addAll(List.of(MESSAGE_MAX_BYTES, SECURITY_PROTOCOL, SASL_MECHANISM, SASL_USERNAME,
        SASL_PASSWORD, SSL_ENDPOINT_IDENTIFICATION));
    settings.addAll(KafkaTls.ALL);
    return settings;
  }

  /** Reads the endpoint's settings; throws naming every bad field. */
  static KafkaSettings of(EndpointConfig endpoint) {
    SettingValues values;
    try {
      values = GROUP.resolveIgnoringCase(endpoint.settings());
    } catch (IllegalArgumentException e) {
      throw invalid(endpoint, e.getMessage());
    }
    String brokers = values.get(BROKER);
    if (brokers == null || brokers.isBlank()) {
      brokers = endpoint.host() + ":" + endpoint.port();
    }
    String protocol = values.get(SECURITY_PROTOCOL);
    var problems = new java.util.ArrayList<String>();
    String password = values.get(SASL_PASSWORD);
    if (protocol.equals("sasl-ssl") && (values.get(SASL_USERNAME).isEmpty() || password == null)) {
      problems.add("KafkaSettings.SecurityProtocol sasl-ssl needs SaslUsername and SaslPassword");
    }
    KafkaTls tls = KafkaTls.of(values, protocol, problems);
    if (!problems.isEmpty()) {
      throw invalid(endpoint, String.join("; ", problems));
    }
    return new KafkaSettings(brokers, values.get(TOPIC), EnvelopeSettings.options(values), values.get(MESSAGE_MAX_BYTES),
        protocol, values.get(SASL_MECHANISM), values.get(SASL_USERNAME),
        password == null ? "" : password, values.get(SSL_ENDPOINT_IDENTIFICATION).equals("https"),
        tls);
  }

  private static OpenDmsException invalid(EndpointConfig endpoint, String problems) {
    return new OpenDmsException(ErrorCode.INVALID_PARAMETER,
        "invalid KafkaSettings for " + endpoint.describe() + ": " + problems);
  }

  /**
   * The topic of a table: its object-mapping rule's {@code kafka-target-topic} (DMS's per-table
   * topics), else {@code Topic}.
   */
  String topic(TargetTable table) {
    return table.objectMapping().flatMap(ObjectMapping::kafkaTargetTopic).orElse(topic);
  }

  /** Never prints the SASL password. */
  @Override
  public String toString() {
    return "KafkaSettings[brokers=" + brokers + ", topic=" + topic + ", securityProtocol="
        + securityProtocol + ", " + tls + "]";
  }
}
