package io.opendms.connector.mysql;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.position.BinlogPosition;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the connections of one consistent snapshot, the way mydumper and Debezium do: {@code
 * FLUSH TABLES WITH READ LOCK} on a control connection, every reader connection starts {@code
 * START TRANSACTION WITH CONSISTENT SNAPSHOT}, the binlog position and GTIDs are read, and the lock
 * is released, all within milliseconds. Without the RELOAD privilege the lock cannot be taken:
 * then one snapshot connection is opened without it and all readers share it (MariaDB still tells
 * its exact binlog position through {@code binlog_snapshot_file}/{@code _position}).
 */
final class SnapshotOpener {
  private static final Logger log = LoggerFactory.getLogger(SnapshotOpener.class);

  /** How long FLUSH TABLES WITH READ LOCK may wait for running statements before failing. */
  private static final int LOCK_WAIT_SECONDS = 60;

  /**
   * The opened snapshot.
   *
   * @param connections the snapshot connections, at least one
   * @param position the binlog position the snapshot corresponds to, when the server logs one
   * @param method how it was opened, for the task log
   */
  record Opened(List<SnapshotConnection> connections, Optional<BinlogPosition> position, String method) {}

  private final EndpointConfig endpoint;
  private final MySqlSettings settings;

  SnapshotOpener(EndpointConfig endpoint, MySqlSettings settings) {
    this.endpoint = endpoint;
    this.settings = settings;
  }

  /** Opens {@code readers} snapshot connections using {@code control} for the global lock. */
  Opened open(Connection control, int readers) throws SQLException {
    List<SnapshotConnection> connections = new ArrayList<>();
    try {
      for (int i = 0; i < readers; i++) {
        connections.add(new SnapshotConnection(MySqlConnections.open(endpoint, settings)));
      }
      if (tryGlobalReadLock(control)) {
        long locked = System.nanoTime();
        try {
          for (SnapshotConnection connection : connections) {
            startSnapshot(connection.connection());
          }
          Optional<BinlogPosition> position = masterStatus(control);
          long millis = (System.nanoTime() - locked) / 1_000_000;
          return new Opened(connections, position,
              "global read lock held " + millis + " ms while " + readers
                  + " connection(s) opened consistent snapshots");
        } finally {
          execute(control, "UNLOCK TABLES");
        }
      }
      while (connections.size() > 1) {
        MySqlConnections.closeQuietly(connections.remove(connections.size() - 1).connection());
      }
      Connection only = connections.get(0).connection();
      startSnapshot(only);
      return new Opened(connections, snapshotStatus(only),
          "lock-free: no RELOAD privilege for FLUSH TABLES WITH READ LOCK, so one connection"
              + " opened a consistent snapshot and every reader shares it (partitions are read"
              + " one at a time)");
    } catch (SQLException | RuntimeException e) {
      connections.forEach(c -> MySqlConnections.closeQuietly(c.connection()));
      throw e;
    }
  }

  private boolean tryGlobalReadLock(Connection control) throws SQLException {
    try (Statement statement = control.createStatement()) {
      statement.execute("SET SESSION lock_wait_timeout = " + LOCK_WAIT_SECONDS);
      statement.execute("FLUSH TABLES WITH READ LOCK");
      return true;
    } catch (SQLException e) {
      if (e.getErrorCode() == MySqlErrors.SPECIFIC_ACCESS_DENIED
          || e.getErrorCode() == MySqlErrors.DB_ACCESS_DENIED) {
        log.warn("{}: cannot take the global read lock ({}); falling back to a lock-free snapshot",
            endpoint.describe(), e.getMessage());
        return false;
      }
      throw e;
    }
  }

  private static void startSnapshot(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
    }
  }

  /** SHOW MASTER STATUS under the lock; empty when the binlog is off. */
  private static Optional<BinlogPosition> masterStatus(Connection control) throws SQLException {
    try (Statement statement = control.createStatement();
        ResultSet row = statement.executeQuery("SHOW MASTER STATUS")) {
      if (!row.next()) {
        return Optional.empty();
      }
      return Optional.of(new BinlogPosition(row.getString(1), row.getLong(2), gtid(control)));
    }
  }

  /** MariaDB's position of this connection's snapshot, without any lock; empty on MySQL. */
  private static Optional<BinlogPosition> snapshotStatus(Connection connection) throws SQLException {
    String file = null;
    long position = -1;
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
      while (rows.next()) {
        switch (rows.getString(1).toLowerCase(java.util.Locale.ROOT)) {
          case "binlog_snapshot_file" -> file = rows.getString(2);
          case "binlog_snapshot_position" -> position = Long.parseLong(rows.getString(2));
          default -> { }
        }
      }
    }
    return file == null || file.isEmpty() || position < 0
        ? Optional.empty()
        : Optional.of(new BinlogPosition(file, position, gtid(connection)));
  }

  /** MariaDB's {@code gtid_binlog_pos} or MySQL's {@code gtid_executed}; empty when neither. */
  private static String gtid(Connection connection) {
    for (String variable : List.of("@@global.gtid_binlog_pos", "@@global.gtid_executed")) {
      try (Statement statement = connection.createStatement();
          ResultSet row = statement.executeQuery("SELECT " + variable)) {
        if (row.next() && row.getString(1) != null) {
          return row.getString(1).replace("\n", "");
        }
      } catch (SQLException unknownVariable) {
        // the other server kind's variable: try the next
      }
    }
    return "";
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
