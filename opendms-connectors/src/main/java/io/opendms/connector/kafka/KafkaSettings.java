package io.opendms.connector.kafka;

import static io.opendms.spi.settings.ValueTypes.bool;
import static io.opendms.spi.settings.ValueTypes.choice;
import static io.opendms.spi.settings.ValueTypes.integer;
import static io.opendms.spi.settings.ValueTypes.text;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.settings.Setting;
import io.opendms.spi.settings.SettingGroup;
import io.opendms.spi.settings.SettingValues;
import io.opendms.spi.stream.StreamEnvelope;
import java.util.List;
import java.util.Optional;

/**
 * DMS's {@code KafkaSettings}, each field declared once. Fields DMS has that this build does not
 * act on are accepted only where ignoring them changes nothing the user can see.
 */
record KafkaSettings(
    String brokers, String topic, StreamEnvelope.Options envelope, int messageMaxBytes,
    String securityProtocol, String saslMechanism, String saslUsername, String saslPassword,
    boolean verifyHostName) {

  static final Setting<String> BROKER = Setting.of("Broker", text(), null,
      "Comma-separated host:port list of brokers to bootstrap from.");
  static final Setting<String> TOPIC = Setting.of("Topic", text(), "kafka-default-topic",
      "Topic every table's messages go to; created when missing.");
  static final Setting<String> MESSAGE_FORMAT = Setting.of("MessageFormat",
      choice("json", "json-unformatted"), "json",
      "json: indented messages; json-unformatted: one line each.");
  static final Setting<Boolean> INCLUDE_TRANSACTION_DETAILS = Setting.of(
      "IncludeTransactionDetails", bool(), false,
      "Add transaction-id, transaction-record-id, prev-transaction-* and commit-timestamp.");
  static final Setting<Boolean> INCLUDE_PARTITION_VALUE = Setting.of("IncludePartitionValue",
      bool(), false, "Add partition-key-value to the metadata.");
  static final Setting<Boolean> PARTITION_INCLUDE_SCHEMA_TABLE = Setting.of(
      "PartitionIncludeSchemaTable", bool(), false,
      "Prefix the message key with schema.table.");
  static final Setting<Boolean> INCLUDE_TABLE_ALTER_OPERATIONS = Setting.of(
      "IncludeTableAlterOperations", bool(), false,
      "Accepted; DDL control records are not sent by this build (DDL is not replicated).");
  static final Setting<Boolean> INCLUDE_CONTROL_DETAILS = Setting.of("IncludeControlDetails",
      bool(), false, "Accepted; no control records are sent by this build.");
  static final Setting<Boolean> INCLUDE_NULL_AND_EMPTY = Setting.of("IncludeNullAndEmpty", bool(),
      false, "Keep columns whose value is null or empty text.");
  static final Setting<Boolean> NO_HEX_PREFIX = Setting.of("NoHexPrefix", bool(), false,
      "Write binary values as hex without the 0x prefix.");
  static final Setting<Integer> MESSAGE_MAX_BYTES = Setting.of("MessageMaxBytes",
      integer(1024, 1_000_000_000), 1_000_000, "Largest message in bytes; a larger row fails.");
  static final Setting<String> SECURITY_PROTOCOL = Setting.of("SecurityProtocol",
      choice("plaintext", "ssl-encryption", "sasl-ssl", "ssl-authentication"), "plaintext",
      "plaintext, ssl-encryption (TLS, JVM trust store) or sasl-ssl (TLS with SASL user and"
          + " password); ssl-authentication needs certificate ARNs and is refused.");
  static final Setting<String> SASL_MECHANISM = Setting.of("SaslMechanism",
      choice("scram-sha-512", "plain"), "scram-sha-512", "SASL mechanism for sasl-ssl.");
  static final Setting<String> SASL_USERNAME = Setting.of("SaslUsername", text(), "",
      "SASL user for sasl-ssl.");
  static final Setting<String> SASL_PASSWORD = Setting.secret("SaslPassword", text(),
      "SASL password for sasl-ssl.");
  static final Setting<String> SSL_ENDPOINT_IDENTIFICATION = Setting.of(
      "SslEndpointIdentificationAlgorithm", choice("https", "none"), "https",
      "https checks the broker's host name against its certificate; none does not.");
  static final Setting<Boolean> USE_LARGE_INTEGER_VALUE = Setting.of("UseLargeIntegerValue",
      bool(), false, "Accepted; large integers are always written in full here.");

  static final SettingGroup GROUP = new SettingGroup("KafkaSettings", List.of(BROKER, TOPIC,
      MESSAGE_FORMAT, INCLUDE_TRANSACTION_DETAILS, INCLUDE_PARTITION_VALUE,
      PARTITION_INCLUDE_SCHEMA_TABLE, INCLUDE_TABLE_ALTER_OPERATIONS, INCLUDE_CONTROL_DETAILS,
      INCLUDE_NULL_AND_EMPTY, NO_HEX_PREFIX, MESSAGE_MAX_BYTES, SECURITY_PROTOCOL, SASL_MECHANISM,
      SASL_USERNAME, SASL_PASSWORD, SSL_ENDPOINT_IDENTIFICATION, USE_LARGE_INTEGER_VALUE));

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
    if (protocol.equals("ssl-authentication")) {
      throw invalid(endpoint, "KafkaSettings.SecurityProtocol ssl-authentication needs client"
          + " certificates from AWS Certificate Manager, which this build cannot read");
    }
    String password = values.get(SASL_PASSWORD);
    if (protocol.equals("sasl-ssl") && (values.get(SASL_USERNAME).isEmpty() || password == null)) {
      throw invalid(endpoint, "KafkaSettings.SecurityProtocol sasl-ssl needs SaslUsername and"
          + " SaslPassword");
    }
    var envelope = new StreamEnvelope.Options(values.get(MESSAGE_FORMAT).equals("json"),
        values.get(INCLUDE_TRANSACTION_DETAILS), values.get(INCLUDE_PARTITION_VALUE),
        values.get(PARTITION_INCLUDE_SCHEMA_TABLE), values.get(INCLUDE_NULL_AND_EMPTY),
        values.get(NO_HEX_PREFIX), Optional.empty());
    return new KafkaSettings(brokers, values.get(TOPIC), envelope, values.get(MESSAGE_MAX_BYTES),
        protocol, values.get(SASL_MECHANISM), values.get(SASL_USERNAME),
        password == null ? "" : password, values.get(SSL_ENDPOINT_IDENTIFICATION).equals("https"));
  }

  private static OpenDmsException invalid(EndpointConfig endpoint, String problems) {
    return new OpenDmsException(ErrorCode.INVALID_PARAMETER,
        "invalid KafkaSettings for " + endpoint.describe() + ": " + problems);
  }

  /** Never prints the SASL password. */
  @Override
  public String toString() {
    return "KafkaSettings[brokers=" + brokers + ", topic=" + topic + ", securityProtocol="
        + securityProtocol + "]";
  }
}
