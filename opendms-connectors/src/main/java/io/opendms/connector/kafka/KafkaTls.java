package io.opendms.connector.kafka;

import static io.opendms.spi.settings.ValueTypes.text;

import io.opendms.spi.settings.Setting;
import io.opendms.spi.settings.SettingValues;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import javax.crypto.EncryptedPrivateKeyInfo;
import org.apache.kafka.common.config.SslConfigs;

/**
 * The trust and identity material of DMS's {@code KafkaSettings}: the CA that signed the brokers'
 * certificates ({@code SslCaCertificateArn}) and the client certificate and key of {@code
 * ssl-authentication} ({@code SslClientCertificateArn}, {@code SslClientKeyArn}, {@code
 * SslClientKeyPassword}).
 *
 * <p>DMS names certificates by ARN; whoever builds the endpoint (the server from its imported
 * certificates, the command line from {@code file:} paths) has replaced each reference by its PEM
 * text before this connector sees it, so that the connector never reads a store or a file. An
 * empty CA means the JVM's trust store.
 *
 * @param caPem PEM certificates to trust, or empty
 * @param clientCertificatePem the client's PEM certificate chain, or empty
 * @param clientKeyPem the client's PKCS#8 PEM private key, or empty; never printed
 * @param clientKeyPassword the password of an encrypted client key, or empty; never printed
 */
record KafkaTls(String caPem, String clientCertificatePem, String clientKeyPem,
    String clientKeyPassword) {

  static final Setting<String> CA_CERTIFICATE = Setting.of("SslCaCertificateArn", text(), "",
      "CA certificate(s) that signed the brokers' certificates, for ssl-encryption,"
          + " ssl-authentication and sasl-ssl: an imported certificate's ARN (server) or"
          + " file:/path/ca.pem (command line); empty trusts the JVM's CAs.");
  static final Setting<String> CLIENT_CERTIFICATE = Setting.of("SslClientCertificateArn", text(),
      "", "Client certificate of ssl-authentication (mutual TLS): an imported certificate's ARN"
          + " or file:/path/client.pem.");
  static final Setting<String> CLIENT_KEY = Setting.of("SslClientKeyArn", text(), "",
      "The client certificate's PKCS#8 private key: an imported key's ARN or"
          + " file:/path/client.key.");
  static final Setting<String> CLIENT_KEY_PASSWORD = Setting.secret("SslClientKeyPassword",
      text(), "Password of an encrypted SslClientKeyArn.");

  static final List<Setting<?>> ALL =
      List.of(CA_CERTIFICATE, CLIENT_CERTIFICATE, CLIENT_KEY, CLIENT_KEY_PASSWORD);

  private static final String PEM_START = "-----BEGIN ";

  /** Reads the material; adds a message naming the field to {@code problems} for each bad one. */
  static KafkaTls of(SettingValues values, String protocol, List<String> problems) {
    String password = values.get(CLIENT_KEY_PASSWORD);
    var tls = new KafkaTls(values.get(CA_CERTIFICATE).strip(),
        values.get(CLIENT_CERTIFICATE).strip(), values.get(CLIENT_KEY).strip(),
        password == null ? "" : password);
    tls.check(protocol, problems);
    return tls;
  }

  private void check(String protocol, List<String> problems) {
    pem(CA_CERTIFICATE, caPem, problems);
    pem(CLIENT_CERTIFICATE, clientCertificatePem, problems);
    pem(CLIENT_KEY, clientKeyPem, problems);
    if (protocol.equals("ssl-authentication")
        && (clientCertificatePem.isEmpty() || clientKeyPem.isEmpty())) {
      problems.add("KafkaSettings.SecurityProtocol ssl-authentication needs SslClientCertificateArn"
          + " and SslClientKeyArn");
    }
    if (clientCertificatePem.isEmpty() != clientKeyPem.isEmpty()) {
      problems.add("KafkaSettings.SslClientCertificateArn and SslClientKeyArn go together");
    }
    if (clientKeyPem.startsWith(PEM_START)) {
      checkKey(problems);
    }
  }

  private static void pem(Setting<String> setting, String value, List<String> problems) {
    if (!value.isEmpty() && !value.startsWith(PEM_START)) {
      problems.add("KafkaSettings." + setting.key() + " must name an imported certificate (server)"
          + " or a PEM file as file:/path (command line); got '" + abbreviated(value) + "'");
    }
  }

  private void checkKey(List<String> problems) {
    String key = "KafkaSettings." + CLIENT_KEY.key();
    if (clientKeyPem.startsWith("-----BEGIN PRIVATE KEY-----")) {
      if (!clientKeyPassword.isEmpty()) {
        problems.add(key + " is not encrypted, but SslClientKeyPassword is given");
      }
    } else if (clientKeyPem.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
      if (clientKeyPassword.isEmpty()) {
        problems.add(key + " is encrypted: SslClientKeyPassword is needed");
      } else if (pbes2(clientKeyPem)) {
        problems.add(key + " is encrypted with PBES2 (OpenSSL's default), which Java cannot"
            + " decrypt: re-encrypt it with openssl pkcs8 -topk8 -v1 PBE-SHA1-3DES");
      }
    } else {
      problems.add(key + " must be a PKCS#8 key (BEGIN PRIVATE KEY or BEGIN ENCRYPTED PRIVATE"
          + " KEY); convert it with openssl pkcs8 -topk8");
    }
  }

  private static boolean pbes2(String pem) {
    try {
      String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      String algorithm = new EncryptedPrivateKeyInfo(Base64.getDecoder().decode(base64)).getAlgName();
      return algorithm.equals("PBES2") || algorithm.equals("1.2.840.113549.1.5.13");
    } catch (java.io.IOException | IllegalArgumentException e) {
      return false; // Kafka's own error names the key when it reads it
    }
  }

  private static String abbreviated(String value) {
    return value.length() <= 60 ? value : value.substring(0, 60) + "...";
  }

  /** Kafka's in-line PEM trust and key stores; nothing when the JVM's defaults apply. */
  void addTo(Properties properties) {
    if (!caPem.isEmpty()) {
      properties.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
      properties.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, caPem);
    }
    if (!clientCertificatePem.isEmpty()) {
      properties.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
      properties.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, clientCertificatePem);
      properties.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, clientKeyPem);
      if (!clientKeyPassword.isEmpty()) {
        properties.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, clientKeyPassword);
      }
    }
  }

  /** Whether a client certificate is given; never prints the key. */
  @Override
  public String toString() {
    return "KafkaTls[ca=" + !caPem.isEmpty() + ", clientCertificate="
        + !clientCertificatePem.isEmpty() + "]";
  }
}
