package io.opendms.spi.endpoint;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
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

  /**
   * The CA of an endpoint's {@code CertificateArn} when {@code SslMode} verify-ca or verify-full
   * asks for it; empty otherwise (the other modes verify nothing).
   *
   * @throws OpenDmsException INVALID_PARAMETER naming CertificateArn when its text is not a
   *     certificate
   */
  public static Optional<TrustedCertificates> ofEndpoint(EndpointConfig endpoint) {
    boolean verify = endpoint.sslMode() == SslMode.VERIFY_CA
        || endpoint.sslMode() == SslMode.VERIFY_FULL;
    if (!verify || endpoint.certificate().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(fromPem("CertificateArn", endpoint.certificate()));
    } catch (IllegalArgumentException e) {
      throw new OpenDmsException(ErrorCode.INVALID_PARAMETER,
          e.getMessage() + " (" + endpoint.describe() + ")", e);
    }
  }

  /** Whether a failure is a server's certificate (or its name) failing verification. */
  public static boolean isVerificationFailure(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      // not any mention of "hostname": pgjdbc's "connection refused" asks to check the hostname
      if (cause instanceof javax.net.ssl.SSLHandshakeException
          || cause instanceof javax.net.ssl.SSLPeerUnverifiedException
          || cause instanceof java.security.cert.CertificateException
          || message.contains("could not be verified by hostnameverifier") // pgjdbc
          || message.contains("doesn't correspond to certificate") // MariaDB Connector/J
          || message.contains("hostname verification")) {
        return true;
      }
    }
    return false;
  }

  /** What to check after a verification failure: the certificate, the mode, the host name. */
  public static String verificationHint(EndpointConfig endpoint) {
    String trusted = endpoint.certificate().isEmpty() ? "the JVM's trust store (no CertificateArn)"
        : "the CA of CertificateArn";
    return "the server's certificate did not verify against " + trusted + " with SslMode "
        + endpoint.sslMode().libpqName() + (endpoint.sslMode() == SslMode.VERIFY_FULL
            ? " (which also checks that the certificate names host " + endpoint.host() + ")" : "");
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
