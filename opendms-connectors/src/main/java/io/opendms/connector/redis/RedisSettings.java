package io.opendms.connector.redis;

import static io.opendms.spi.settings.ValueTypes.choice;
import static io.opendms.spi.settings.ValueTypes.integer;
import static io.opendms.spi.settings.ValueTypes.text;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.endpoint.SslMode;
import io.opendms.spi.endpoint.TrustedCertificates;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.settings.Setting;
import io.opendms.spi.settings.SettingGroup;
import io.opendms.spi.settings.SettingValues;
import java.util.List;

/**
 * DMS's {@code RedisSettings}, each field declared once, plus the database index a {@code
 * redis://host:port/db} URI names (DMS always writes to database 0).
 */
record RedisSettings(String host, int port, int database, boolean tls, String user,
    String password, TrustedCertificates ca) {

  static final Setting<String> SERVER_NAME = Setting.of("ServerName", text(), null,
      "Redis host; the endpoint's ServerName when not given.");
  static final Setting<Integer> PORT = Setting.of("Port", integer(0, 65535), 0,
      "Redis port; the endpoint's Port (6379) when 0 or not given.");
  static final Setting<String> SSL_SECURITY_PROTOCOL = Setting.of("SslSecurityProtocol",
      choice("plaintext", "ssl-encryption"), null,
      "ssl-encryption (TLS, the server's name verified) or plaintext; when not given, TLS follows"
          + " the endpoint's SslMode (rediss:// URIs).");
  static final Setting<String> AUTH_TYPE = Setting.of("AuthType",
      choice("none", "auth-token", "auth-role"), "none",
      "none; auth-token: AuthPassword only; auth-role: AuthUserName and AuthPassword (ACL user).");
  static final Setting<String> AUTH_USER_NAME = Setting.of("AuthUserName", text(), "",
      "ACL user for auth-role.");
  static final Setting<String> AUTH_PASSWORD = Setting.secret("AuthPassword", text(),
      "Token (auth-token) or the user's password (auth-role).");
  static final Setting<String> SSL_CA_CERTIFICATE_ARN = Setting.of("SslCaCertificateArn", text(),
      "", "CA certificate(s) that signed the server's certificate, for ssl-encryption: an imported"
          + " certificate's ARN (server) or file:/path/ca.pem (command line); empty trusts the"
          + " JVM's CAs.");

  static final SettingGroup GROUP = new SettingGroup("RedisSettings", List.of(SERVER_NAME, PORT,
      SSL_SECURITY_PROTOCOL, AUTH_TYPE, AUTH_USER_NAME, AUTH_PASSWORD, SSL_CA_CERTIFICATE_ARN));

  RedisSettings {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("Redis port must be 1-65535, got " + port);
    }
    if (database < 0) {
      throw new IllegalArgumentException("Redis database index must be >= 0, got " + database);
    }
  }

  /** Reads the endpoint's settings; throws naming every bad field. */
  static RedisSettings of(EndpointConfig endpoint) {
    SettingValues values;
    try {
      values = GROUP.resolveIgnoringCase(endpoint.settings());
    } catch (IllegalArgumentException e) {
      throw invalid(endpoint, e.getMessage());
    }
    String host = values.get(SERVER_NAME);
    if (host == null || host.isBlank()) {
      host = endpoint.host();
    }
    if (host.isBlank()) {
      throw invalid(endpoint, "RedisSettings.ServerName (or the endpoint's ServerName) is required");
    }
    int port = values.get(PORT) == 0 ? endpoint.port() : values.get(PORT);
    String protocol = values.get(SSL_SECURITY_PROTOCOL);
    boolean tls = protocol == null ? endpoint.sslMode() != SslMode.DISABLE
        : protocol.equals("ssl-encryption");
    String authType = values.get(AUTH_TYPE);
    String password = values.get(AUTH_PASSWORD);
    String user = values.get(AUTH_USER_NAME);
    if (!authType.equals("none") && (password == null || password.isEmpty())) {
      throw invalid(endpoint, "RedisSettings.AuthType " + authType + " needs AuthPassword");
    }
    if (authType.equals("auth-role") && user.isEmpty()) {
      throw invalid(endpoint, "RedisSettings.AuthType auth-role needs AuthUserName");
    }
    return new RedisSettings(host, port, database(endpoint), tls,
        authType.equals("auth-role") ? user : "", authType.equals("none") ? "" : password,
        ca(endpoint, values.get(SSL_CA_CERTIFICATE_ARN).strip()));
  }

  /** The CA to trust, or null for the JVM's trust store. */
  private static TrustedCertificates ca(EndpointConfig endpoint, String pem) {
    if (pem.isEmpty()) {
      return null;
    }
    if (!pem.startsWith("-----BEGIN ")) {
      throw invalid(endpoint, "RedisSettings.SslCaCertificateArn must name an imported certificate"
          + " (server) or a PEM file as file:/path (command line)");
    }
    try {
      return TrustedCertificates.fromPem("RedisSettings.SslCaCertificateArn", pem);
    } catch (IllegalArgumentException e) {
      throw invalid(endpoint, e.getMessage());
    }
  }

  private static int database(EndpointConfig endpoint) {
    String database = endpoint.database();
    if (database.isEmpty()) {
      return 0;
    }
    try {
      return Integer.parseInt(database);
    } catch (NumberFormatException e) {
      throw invalid(endpoint, "the database of a Redis endpoint is a number (redis://host:port/0),"
          + " got '" + database + "'");
    }
  }

  private static OpenDmsException invalid(EndpointConfig endpoint, String problems) {
    return new OpenDmsException(ErrorCode.INVALID_PARAMETER,
        "invalid RedisSettings for " + endpoint.describe() + ": " + problems);
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "RedisSettings[" + host + ":" + port + "/" + database + ", tls=" + tls + ", user="
        + user + (ca == null ? "" : ", ca=" + ca.subjects()) + "]";
  }
}
