package io.opendms.spi.endpoint;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The CA certificates an endpoint trusts instead of the JVM's trust store: the PEM text of DMS's
 * {@code CertificateArn} or {@code SslCaCertificateArn} once resolved. Only what these CAs signed
 * is trusted; the host name is checked by whoever opens the connection. Immutable; thread-safe.
 */
public final class TrustedCertificates {
  private final List<X509Certificate> certificates;
  private final SSLContext context;

  private TrustedCertificates(List<X509Certificate> certificates, SSLContext context) {
    this.certificates = certificates;
    this.context = context;
  }

  /**
   * Reads one or more PEM certificates.
   *
   * @param setting the setting that named them, for the message
   * @throws IllegalArgumentException naming {@code setting} when {@code pem} holds no certificate
   */
  public static TrustedCertificates fromPem(String setting, String pem) {
    try {
      var factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> read = factory
          .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
          .stream().map(X509Certificate.class::cast).toList();
      if (read.isEmpty()) {
        throw new IllegalArgumentException(setting + " holds no PEM certificate");
      }
      var store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < read.size(); i++) {
        store.setCertificateEntry("ca-" + i, (Certificate) read.get(i));
      }
      var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      var context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return new TrustedCertificates(read, context);
    } catch (CertificateException e) {
      throw new IllegalArgumentException(setting + " is not a valid PEM certificate: "
          + e.getMessage(), e);
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build a trust store from " + setting + ": " + e, e);
    }
  }

  /** Sockets that trust these CAs only; they check no host name by themselves. */
  public SSLSocketFactory socketFactory() {
    return context.getSocketFactory();
  }

  /** The subjects of the CAs, for messages: {@code CN=OpenDMS test CA}. */
  public String subjects() {
    return String.join("; ", certificates.stream()
        .map(c -> c.getSubjectX500Principal().getName()).toList());
  }

  @Override
  public String toString() {
    return "TrustedCertificates[" + subjects() + "]";
  }
}
