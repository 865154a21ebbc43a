package io.opendms.connector.postgres;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.SslMode;
import java.util.Properties;

/**
 * pgjdbc's TLS properties for an endpoint's {@code SslMode} and {@code CertificateArn} (DMS's
 * endpoint-level CA certificate, PEM text by the time a connector sees it). verify-ca and
 * verify-full trust the given CA only ({@link PemTrustSocketFactory}), or the JVM's trust store
 * when none is given; verify-full also checks the server's name, which pgjdbc does. require and
 * prefer encrypt without verifying, as in DMS and libpq.
 */
final class PostgresTls {
  /** The connection property that carries the CA's PEM text to {@link PemTrustSocketFactory}. */
  static final String PEM_PROPERTY = "opendms.certificatePem";

  private PostgresTls() {}

  static void addTo(Properties properties, EndpointConfig endpoint) {
    SslMode mode = endpoint.sslMode();
    properties.setProperty("sslmode", mode.libpqName());
    if (mode != SslMode.VERIFY_CA && mode != SslMode.VERIFY_FULL) {
      return;
    }
    if (endpoint.certificate().isEmpty()) {
      properties.setProperty("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory");
    } else {
      properties.setProperty("sslfactory", PemTrustSocketFactory.class.getName());
      properties.setProperty(PEM_PROPERTY, endpoint.certificate());
    }
  }
}
