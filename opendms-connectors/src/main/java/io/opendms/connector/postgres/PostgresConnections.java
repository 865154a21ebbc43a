package io.opendms.connector.postgres;

import io.opendms.spi.endpoint.EndpointConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.Driver;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Opens JDBC connections for an endpoint, all with the same session settings, because the text
 * codec depends on them: ISO dates, UTC, postgres-style intervals, round-trip floats, hex bytea,
 * UTF-8, and {@code search_path = pg_catalog} so the catalog prints every other type and table name
 * schema-qualified. Stateless; thread-safe.
 */
final class PostgresConnections {

  /** Long enough for a loaded server, short enough that a wrong host fails a TestConnection. */
  private static final int CONNECT_TIMEOUT_SECONDS = 15;

  private static final String SESSION_SETTINGS =
      "SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; SET TimeZone = 'UTC';"
          + " SET extra_float_digits = 3; SET bytea_output = 'hex';"
          + " SET client_encoding = 'UTF8'; SET search_path = pg_catalog";

  /** Used directly rather than through DriverManager, which misses drivers in child loaders. */
  private static final Driver DRIVER = new Driver();

  private PostgresConnections() {}

  /** A new autocommit connection with the session settings applied; the caller closes it. */
  static Connection open(EndpointConfig endpoint) throws SQLException {
    Connection connection = DRIVER.connect(url(endpoint), properties(endpoint));
    if (connection == null) {
      throw new SQLException("the PostgreSQL driver rejected the URL for " + endpoint.describe());
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(SESSION_SETTINGS);
    } catch (SQLException e) {
      closeQuietly(connection);
      throw e;
    }
    return connection;
  }

  private static Properties properties(EndpointConfig endpoint) {
    Properties properties = new Properties();
    properties.setProperty("user", endpoint.username());
    properties.setProperty("password", endpoint.password());
    PostgresTls.addTo(properties, endpoint);
    properties.setProperty("ApplicationName", "opendms");
    properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    properties.setProperty("tcpKeepAlive", "true");
    return properties;
  }

  /**
   * A new connection in logical replication walsender mode (simple query protocol only). The
   * session settings go in the startup packet, since pgoutput prints values with them.
   */
  static Connection openReplication(EndpointConfig endpoint) throws SQLException {
    Properties properties = properties(endpoint);
    properties.setProperty("replication", "database");
    properties.setProperty("preferQueryMode", "simple");
    properties.setProperty("assumeMinServerVersion", "10");
    properties.setProperty("options", "-c DateStyle=ISO,YMD -c IntervalStyle=postgres -c TimeZone=UTC"
        + " -c extra_float_digits=3 -c bytea_output=hex -c client_encoding=UTF8"
        + " -c search_path=pg_catalog");
    Connection connection = DRIVER.connect(url(endpoint), properties);
    if (connection == null) {
      throw new SQLException("the PostgreSQL driver rejected the URL for " + endpoint.describe());
    }
    return connection;
  }

  /**
   * Starts a read-only REPEATABLE READ transaction on {@code connection}, inside the exported
   * snapshot {@code snapshotId} when it is not null. Both settings must precede the
   * transaction's first query.
   */
  static void beginSnapshotTransaction(Connection connection, String snapshotId)
      throws SQLException {
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      if (snapshotId != null) {
        statement.execute("SET TRANSACTION SNAPSHOT " + SqlNames.literal(snapshotId));
      }
    }
  }

  /**
   * A new connection in a read-only REPEATABLE READ transaction (see {@link
   * #beginSnapshotTransaction}); closed again when that fails. The caller closes it.
   */
  static Connection openInSnapshot(EndpointConfig endpoint, String snapshotId)
      throws SQLException {
    Connection connection = open(endpoint);
    try {
      beginSnapshotTransaction(connection, snapshotId);
      return connection;
    } catch (SQLException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  static CopyManager copyManager(Connection connection) throws SQLException {
    return connection.unwrap(PGConnection.class).getCopyAPI();
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

  private static String url(EndpointConfig endpoint) {
    String host = endpoint.host().contains(":") ? "[" + endpoint.host() + "]" : endpoint.host();
    String database = URLEncoder.encode(endpoint.database(), StandardCharsets.UTF_8);
    return "jdbc:postgresql://" + host + ":" + endpoint.port() + "/" + database;
  }
}
