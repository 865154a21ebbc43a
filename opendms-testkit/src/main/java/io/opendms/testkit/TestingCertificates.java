package io.opendms.testkit;

import java.nio.file.Path;

/**
 * The private test CA of scripts/lib/test-ca.sh, which signed the certificates of the local
 * services' TLS listeners (the TLS-only Redis of {@code scripts/services.sh up}, PostgreSQL's
 * SSL of scripts/enable-ssl-postgres.sh, the Kafka broker), and a CA that signed nothing.
 */
public final class TestingCertificates {
  /** The TLS-only redis-server (no plaintext port), certificate for 127.0.0.1 and localhost. */
  public static final int REDIS_TLS_PORT = 6380;

  private static final Path DIRECTORY = Path.of(System.getenv().getOrDefault("OPENDMS_RUN_DIR",
      "/var/tmp/opendms-services"), "test-ca");

  private TestingCertificates() {}

  /** PEM of the CA that signed the services' certificates. */
  public static Path ca() {
    return DIRECTORY.resolve("ca.pem");
  }

  /** PEM of a CA that signed nothing a service shows. */
  public static Path untrustedCa() {
    return DIRECTORY.resolve("other-ca.pem");
  }
}
