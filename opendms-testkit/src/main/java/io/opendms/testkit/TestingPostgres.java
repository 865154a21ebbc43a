package io.opendms.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database of its own on the shared local PostgreSQL (127.0.0.1:5432, user postgres, trust
 * authentication), created with a unique name and dropped on {@link #close()}. Tests create one
 * per class and never assume anything else about the server.
 */
public final class TestingPostgres implements AutoCloseable {
  public static final String HOST = System.getProperty("opendms.test.pg.host", "127.0.0.1");
  public static final int PORT = Integer.getInteger("opendms.test.pg.port", 5432);
  public static final String USER = System.getProperty("opendms.test.pg.user", "postgres");

  private final String database;

  private TestingPostgres(String database) {
    this.database = database;
  }

  /** Creates a fresh, empty database whose name starts with {@code prefix}. */
  public static TestingPostgres create(String prefix) {
    String name = UniqueNames.database(prefix);
    try (Connection admin = connect("postgres");
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name + ": " + e, e);
    }
    return new TestingPostgres(name);
  }

  public String database() {
    return database;
  }

  /** {@code postgresql://postgres@127.0.0.1:5432/<db>}: the URI form the CLI takes. */
  public String uri() {
    return "postgresql://" + USER + "@" + HOST + ":" + PORT + "/" + database;
  }

  public String jdbcUrl() {
    return jdbcUrl(database);
  }

  /** A new connection to this database; the caller closes it. */
  public Connection connect() throws SQLException {
    return connect(database);
  }

  /** Runs statements separated by nothing but being separate arguments. */
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

  /**
   * Drops the database, ending any sessions still connected to it, and the replication slots a
   * failed test left on it (PostgreSQL refuses to drop a database that has one).
   */
  @Override
  public void close() {
    try (Connection admin = connect("postgres");
        Statement statement = admin.createStatement()) {
      statement.execute("SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots"
          + " WHERE database = '" + database + "' AND active_pid IS NOT NULL");
      for (int attempt = 0; attempt < 50; attempt++) {
        try (var left = statement.executeQuery("SELECT pg_drop_replication_slot(slot_name)"
            + " FROM pg_replication_slots WHERE database = '" + database + "'")) {
          break;
        } catch (SQLException stillActive) {
          Thread.sleep(100); // a terminated walsender releases its slot a moment later
        }
      }
      statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop test database " + database + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String jdbcUrl(String db) {
    return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + db;
  }

  private static Connection connect(String db) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(db), USER, "");
  }
}
