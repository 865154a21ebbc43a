package io.opendms.connector.postgres;

import io.opendms.spi.endpoint.TrustedCertificates;
import java.util.Properties;
import org.postgresql.ssl.WrappedFactory;

/**
 * The socket factory pgjdbc's {@code sslfactory} names when an endpoint gives a {@code
 * CertificateArn}: TLS trusting only the CA certificates of that PEM text, which pgjdbc hands over
 * in the connection's properties ({@link PostgresTls#PEM_PROPERTY}). pgjdbc creates one per
 * connection through the public constructor, and checks the host name itself for verify-full.
 *
 * <p>Chosen over pgjdbc's {@code sslrootcert}, which is a file path: no temporary file to write
 * with the right owner and mode, to clean up, or to lose when a temporary directory is swept
 * while a CDC task runs for weeks.
 */
public final class PemTrustSocketFactory extends WrappedFactory {

  /** Called by pgjdbc with the connection's properties. */
  public PemTrustSocketFactory(Properties info) {
    String pem = info.getProperty(PostgresTls.PEM_PROPERTY, "");
    factory = TrustedCertificates.fromPem("CertificateArn", pem).socketFactory();
  }
}
