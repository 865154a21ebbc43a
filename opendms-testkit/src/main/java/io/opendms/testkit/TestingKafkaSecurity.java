package io.opendms.testkit;

import java.nio.file.Path;

/**
 * The TLS and SASL listeners of the local broker that {@code scripts/services.sh up kafka}
 * starts, and the test certificates it generated (scripts/lib/kafka-tls.sh): a private CA that
 * signed the broker's certificate and a client certificate, and a CA that signed neither.
 */
public final class TestingKafkaSecurity {
  /** SSL, server certificate only (ssl-encryption). */
  public static final String SSL_BOOTSTRAP = "127.0.0.1:9094";
  /** SSL with a client certificate required (ssl-authentication). */
  public static final String MTLS_BOOTSTRAP = "127.0.0.1:9095";
  /** SASL_SSL with PLAIN and SCRAM-SHA-512 (sasl-ssl). */
  public static final String SASL_SSL_BOOTSTRAP = "127.0.0.1:9096";
  public static final String SASL_USER = "opendms";
  public static final String SASL_PASSWORD = "opendms-secret";
  public static final String CLIENT_KEY_PASSWORD = "opendms-client-key";

  private static final Path DIRECTORY = Path.of(System.getenv().getOrDefault("OPENDMS_RUN_DIR",
      "/var/tmp/opendms-services"), "kafka-tls");

  private TestingKafkaSecurity() {}

  /** The CA that signed the broker's and the client's certificates. */
  public static Path ca() {
    return DIRECTORY.resolve("ca.pem");
  }

  /** A CA that signed nothing the broker shows. */
  public static Path untrustedCa() {
    return DIRECTORY.resolve("other-ca.pem");
  }

  public static Path clientCertificate() {
    return DIRECTORY.resolve("client.pem");
  }

  /** PKCS#8, encrypted with {@link #CLIENT_KEY_PASSWORD}. */
  public static Path clientKey() {
    return DIRECTORY.resolve("client.key");
  }
}
