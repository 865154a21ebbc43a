package io.opendms.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A database of its own on the shared local MariaDB (127.0.0.1:3306, root, no password), created
 * with a unique name and dropped on {@link #close()}. Tests create one per class and never assume
 * anything else about the server. Connections use the session settings OpenDMS uses (UTC,
 * utf8mb4, zero dates allowed) so that fixtures and checks mean the same as the connector.
 */
public final class TestingMariaDb implements AutoCloseable {
  public static final String HOST = System.getProperty("opendms.test.mariadb.host", "127.0.0.1");
  public static final int PORT = Integer.getInteger("opendms.test.mariadb.port", 3306);
  public static final String USER = System.getProperty("opendms.test.mariadb.user", "root");

  private static final String SESSION =
      "SET time_zone = '+00:00', NAMES utf8mb4,"
          + " sql_mode = 'STRICT_TRANS_TABLES,NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION'";

  private final String database;

  private TestingMariaDb(String database) {
    this.database = database;
  }

  /** Creates a fresh, empty database whose name starts with {@code prefix}. */
  public static TestingMariaDb create(String prefix) {
    String name = UniqueNames.database(prefix);
    try (Connection admin = connect("");
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name + ": " + e, e);
    }
    return new TestingMariaDb(name);
  }

  public String database() {
    return database;
  }

  /** {@code mysql://root@127.0.0.1:3306/<db>}: the URI form the CLI takes. */
  public String uri() {
    return "mysql://" + USER + "@" + HOST + ":" + PORT + "/" + database;
  }

  /** A new connection to this database with OpenDMS's session settings; the caller closes it. */
  public Connection connect() throws SQLException {
    return connect(database);
  }

  /** Runs each statement in turn. */
  public void execute(String... sql) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      for (String each : sql) {
        statement.execute(each);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("SQL failed on " + database + ": " + e.getMessage(), e);
    }
  }

  /** Every row of a query, each value as the text JDBC returns (null for NULL). */
  public List<List<String>> rows(String sql) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      int columns = rows.getMetaData().getColumnCount();
      List<List<String>> result = new ArrayList<>();
      while (rows.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rows.getString(i));
        }
        result.add(row);
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Drops the database. */
  @Override
  public void close() {
    try (Connection admin = connect("");
        Statement statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS `" + database + "`");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop test database " + database + ": " + e, e);
    }
  }

  private static Connection connect(String db) throws SQLException {
    Connection connection =
        DriverManager.getConnection(
            "jdbc:mariadb://" + HOST + ":" + PORT + "/" + db + "?allowLocalInfile=true", USER, "");
    try (Statement statement = connection.createStatement()) {
      statement.execute(SESSION);
    }
    return connection;
  }
}
