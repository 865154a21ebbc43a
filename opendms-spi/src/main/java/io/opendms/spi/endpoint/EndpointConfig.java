package io.opendms.spi.endpoint;

import java.util.Map;
import java.util.Objects;

/**
 * Connection facts for one data store: what a DMS endpoint holds. Built by the URI parser of the
 * CLI and by the API from the same rules.
 *
 * @param engine the canonical engine name ({@code postgres}, {@code mysql}, ...)
 * @param host the server's host name or address
 * @param port the server's port, 1-65535
 * @param database the database name; may be empty for engines without one
 * @param username the user name; may be empty
 * @param password the password; may be empty; never printed by {@link #toString()}
 * @param sslMode the TLS requirement
 * @param settings the engine's DMS settings fields given by the user (for example {@code
 *     PostgreSQLSettings.SlotName} as {@code SlotName}), as text; the connector validates them
 * @param certificate DMS's endpoint-level {@code CertificateArn}: the CA certificate(s) that
 *     {@code SslMode} verify-ca and verify-full check the server against. A reference (an ARN,
 *     {@code file:/path}) until whoever built the endpoint resolves it, PEM text when a
 *     connector sees it; empty for none (the JVM's trust store)
 */
public record EndpointConfig(
    String engine,
    String host,
    int port,
    String database,
    String username,
    String password,
    SslMode sslMode,
    Map<String, String> settings,
    String certificate) {

  public EndpointConfig {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(sslMode, "sslMode");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1-65535, got " + port);
    }
    settings = Map.copyOf(settings);
  }

  /** An endpoint without a {@code CertificateArn}. */
  public EndpointConfig(String engine, String host, int port, String database, String username,
      String password, SslMode sslMode, Map<String, String> settings) {
    this(engine, host, port, database, username, password, sslMode, settings, "");
  }

  /** This endpoint with other settings, all else kept. */
  public EndpointConfig withSettings(Map<String, String> newSettings) {
    return new EndpointConfig(engine, host, port, database, username, password, sslMode,
        newSettings, certificate);
  }

  /** This endpoint with another {@code CertificateArn} (a reference or PEM text). */
  public EndpointConfig withCertificate(String newCertificate) {
    return new EndpointConfig(engine, host, port, database, username, password, sslMode, settings,
        newCertificate);
  }

  /** {@code engine://user@host:port/database}, without the password: safe for logs. */
  public String describe() {
    String user = username.isEmpty() ? "" : username + "@";
    return engine + "://" + user + host + ":" + port + "/" + database;
  }

  /**
   * Whether a setting holds a secret (its name mentions a password, secret, token or key
   * material), so that it is never printed.
   */
  public static boolean isSecretSetting(String key) {
    String lower = key.toLowerCase(java.util.Locale.ROOT);
    return lower.contains("password") || lower.contains("secret") || lower.contains("token")
        || lower.contains("credential") || lower.endsWith("accesskey") || lower.endsWith("privatekey");
  }

  /**
   * The settings with secret values masked, and private keys (a resolved {@code SslClientKeyArn}
   * holds one): safe for logs.
   */
  public Map<String, String> redactedSettings() {
    var redacted = new java.util.TreeMap<String, String>();
    settings.forEach((key, value) -> redacted.put(key,
        isSecretSetting(key) || value.contains("PRIVATE KEY-----") ? "****" : value));
    return redacted;
  }

  @Override
  public String toString() {
    return "EndpointConfig[" + describe() + ", sslMode=" + sslMode + ", settings="
        + redactedSettings() + (certificate.isEmpty() ? "" : ", certificate=given") + "]";
  }
}
