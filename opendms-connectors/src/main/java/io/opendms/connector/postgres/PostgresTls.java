package io.opendms.connector.postgres;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.SslMode;
import io.opendms.spi.endpoint.TrustedCertificates;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import java.security.cert.CertificateException;
import java.util.Properties;
import javax.net.ssl.SSLHandshakeException;

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

  /** Throws INVALID_PARAMETER when the certificate is not PEM; does not connect. */
  static void check(EndpointConfig endpoint) {
    if (!endpoint.certificate().isEmpty()) {
      try {
        TrustedCertificates.fromPem("CertificateArn", endpoint.certificate());
      } catch (IllegalArgumentException e) {
        throw new OpenDmsException(ErrorCode.INVALID_PARAMETER,
            e.getMessage() + " (" + endpoint.describe() + ")", e);
      }
    }
  }

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

  /** Whether a failure is the server's certificate (or name) failing verification. */
  static boolean isVerificationFailure(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SSLHandshakeException || cause instanceof CertificateException
          || String.valueOf(cause.getMessage()).contains("The hostname")) {
        return true;
      }
    }
    return false;
  }

  /** What to check after a verification failure: the certificate, the mode, the host name. */
  static String verificationHint(EndpointConfig endpoint) {
    String trusted = endpoint.certificate().isEmpty() ? "the JVM's trust store (no CertificateArn)"
        : "the CA of CertificateArn";
    return "the server's certificate did not verify against " + trusted + " with SslMode "
        + endpoint.sslMode().libpqName() + (endpoint.sslMode() == SslMode.VERIFY_FULL
            ? " (which also checks that the certificate names host " + endpoint.host() + ")" : "");
  }
}
