package io.opendms.connector.mysql;

import io.opendms.spi.endpoint.EndpointConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.mariadb.jdbc.Driver;

/**
 * Opens JDBC connections for an endpoint, all with the same session settings, because the value
 * codecs depend on them: time zone {@code +00:00} (TIMESTAMP values are read and written as UTC),
 * utf8mb4 (4-byte characters), and an SQL mode without {@code NO_ZERO_DATE}/{@code
 * NO_ZERO_IN_DATE} (zero dates are carried, not refused) and with {@code NO_AUTO_VALUE_ON_ZERO} (a
 * loaded 0 in an auto-increment column stays 0). Stateless; thread-safe.
 */
final class MySqlConnections {

  private static final int CONNECT_TIMEOUT_MILLIS = 15_000;

  private static final String SESSION_SETTINGS =
      "SET time_zone = '+00:00', NAMES utf8mb4 COLLATE utf8mb4_bin,"
          + " sql_mode = 'STRICT_TRANS_TABLES,NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION'";

  /** Used directly rather than through DriverManager, which misses drivers in child loaders. */
  private static final Driver DRIVER = new Driver();

  private MySqlConnections() {}

  /** A new autocommit connection with the session settings applied; the caller closes it. */
  static Connection open(EndpointConfig endpoint, MySqlSettings settings) throws SQLException {
    return open(endpoint, endpoint.database(), settings);
  }

  /**
   * A connection to the server without a current database: a target creates its database when
   * missing and names every table with its database.
   */
  static Connection openServer(EndpointConfig endpoint, MySqlSettings settings)
      throws SQLException {
    return open(endpoint, "", settings, false);
  }

  /**
   * A server connection for change apply: prepared statements on the server, so that a JDBC
   * batch of one statement goes to MariaDB as one bulk command (COM_STMT_BULK_EXECUTE) rather
   * than a round trip per row; values bound as text are converted by the server as usual.
   */
  static Connection openForApply(EndpointConfig endpoint, MySqlSettings settings)
      throws SQLException {
    return open(endpoint, "", settings, true);
  }

  private static Connection open(EndpointConfig endpoint, String database, MySqlSettings settings)
      throws SQLException {
    return open(endpoint, database, settings, false);
  }

  private static Connection open(EndpointConfig endpoint, String database, MySqlSettings settings,
      boolean serverPrepared) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", endpoint.username());
    properties.setProperty("password", endpoint.password());
    properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_MILLIS));
    properties.setProperty("tcpKeepAlive", "true");
    properties.setProperty("allowLocalInfile", "true");
    properties.setProperty("sslMode", sslMode(endpoint));
    MySqlTls.addTo(properties, endpoint);
    // the text protocol: every value arrives as the server prints it, which the reader parses
    properties.setProperty("useServerPrepStmts", Boolean.toString(serverPrepared));
    properties.setProperty("useBulkStmts", Boolean.toString(serverPrepared));
    properties.setProperty("connectionAttributes", "program_name:opendms");
    Connection connection = DRIVER.connect(url(endpoint, database), properties);
    if (connection == null) {
      throw new SQLException("the MariaDB driver rejected the URL for " + endpoint.describe());
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(SESSION_SETTINGS);
      if (!settings.afterConnectScript().isBlank()) {
        statement.execute(settings.afterConnectScript());
      }
    } catch (SQLException e) {
      closeQuietly(connection);
      throw e;
    }
    return connection;
  }

  /** Closes without throwing: for cleanup after a failure that is already being reported. */
  static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception ignored) {
      // the original failure is what matters; a broken connection cannot be closed cleanly
    }
  }

  private static String sslMode(EndpointConfig endpoint) {
    return switch (endpoint.sslMode()) {
      // the driver has no "try TLS, fall back to plain": prefer and allow connect in plain text
      case DISABLE, ALLOW, PREFER -> "disable";
      case REQUIRE -> "trust";
      case VERIFY_CA -> "verify-ca";
      case VERIFY_FULL -> "verify-full";
    };
  }

  private static String url(EndpointConfig endpoint, String database) {
    String host = endpoint.host().contains(":") ? "[" + endpoint.host() + "]" : endpoint.host();
    return "jdbc:mariadb://" + host + ":" + endpoint.port() + "/"
        + URLEncoder.encode(database, StandardCharsets.UTF_8);
  }
}
