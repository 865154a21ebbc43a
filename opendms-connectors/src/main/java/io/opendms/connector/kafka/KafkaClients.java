package io.opendms.connector.kafka;

import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.serialization.StringSerializer;

/** The Kafka client configuration an endpoint's {@link KafkaSettings} amount to. */
final class KafkaClients {
  private KafkaClients() {}

  /** Connection and security: shared by the admin client and the producer. */
  static Properties common(KafkaSettings settings) {
    var properties = new Properties();
    properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.brokers());
    properties.put(CommonClientConfigs.CLIENT_ID_CONFIG, "opendms");
    switch (settings.securityProtocol()) {
      case "ssl-encryption", "ssl-authentication" ->
          properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
      case "sasl-ssl" -> {
        properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        boolean plain = settings.saslMechanism().equals("plain");
        properties.put(SaslConfigs.SASL_MECHANISM, plain ? "PLAIN" : "SCRAM-SHA-512");
        String module = plain ? "org.apache.kafka.common.security.plain.PlainLoginModule"
            : "org.apache.kafka.common.security.scram.ScramLoginModule";
        properties.put(SaslConfigs.SASL_JAAS_CONFIG, module + " required username=\""
            + jaasQuoted(settings.saslUsername()) + "\" password=\""
            + jaasQuoted(settings.saslPassword()) + "\";");
      }
      default -> properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
    }
    if (!settings.securityProtocol().equals("plaintext")) {
      settings.tls().addTo(properties);
    }
    if (!settings.verifyHostName()) {
      properties.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "");
    }
    return properties;
  }

  /**
   * An idempotent producer that waits for every in-sync replica: no duplicates from its own
   * retries and no acknowledged message lost by a broker failover. Sends are retried for up to
   * two minutes (a broker restart) before the delivery fails.
   */
  static Properties producer(KafkaSettings settings) {
    Properties properties = common(settings);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, settings.messageMaxBytes());
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return properties;
  }

  /**
   * The settings to check when the brokers refused the connection's security, or null: a
   * handshake the client rejected points at the trusted CA and host-name check, a refused SASL
   * login at the user, password and mechanism.
   */
  static String securityHint(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SaslAuthenticationException) {
        return "check KafkaSettings.SaslUsername, SaslPassword and SaslMechanism";
      }
      if (cause instanceof SslAuthenticationException) {
        return "check KafkaSettings.SslCaCertificateArn (the CA that signed the brokers'"
            + " certificates), SslEndpointIdentificationAlgorithm and, for ssl-authentication,"
            + " SslClientCertificateArn";
      }
    }
    return null;
  }

  private static String jaasQuoted(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
