package io.opendms.connector.mysql;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.TrustedCertificates;
import java.io.IOException;
import java.net.SocketException;
import java.util.Properties;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The endpoint's {@code CertificateArn} (PEM text by the time a connector sees it) for {@code
 * SslMode} verify-ca and verify-full, on both kinds of connection: the MariaDB driver takes the
 * PEM text itself as {@code serverSslCert}; the binlog client gets a socket factory trusting that
 * CA only, and checks the host name itself for verify-full (VERIFY_IDENTITY). Without a
 * certificate, or in the other modes, both keep their defaults (the JVM's trust store).
 */
final class MySqlTls {
  private MySqlTls() {}

  static void addTo(Properties properties, EndpointConfig endpoint) {
    TrustedCertificates.ofEndpoint(endpoint)
        .ifPresent(ca -> properties.setProperty("serverSslCert", endpoint.certificate()));
  }

  static void configure(BinaryLogClient binlog, EndpointConfig endpoint) {
    TrustedCertificates.ofEndpoint(endpoint).ifPresent(ca -> {
      SSLSocketFactory factory = ca.socketFactory();
      binlog.setSslSocketFactory(socket -> {
        try {
          return (SSLSocket) factory.createSocket(socket, endpoint.host(), endpoint.port(), true);
        } catch (IOException e) {
          var failure = new SocketException("TLS for the binlog connection: " + e.getMessage());
          failure.initCause(e);
          throw failure;
        }
      });
    });
  }
}
