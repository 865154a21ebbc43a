package io.opendms.connector.postgres;

import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.source.PartitionBounds;
import io.opendms.spi.target.NativeLoad;
import io.opendms.spi.target.RowLoad;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.target.TargetTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * One target connection for one worker thread, running one load at a time. Confined to that thread;
 * closing it rolls back an unfinished load.
 */
final class PostgresTargetSession implements TargetSession {

  private final PostgresErrors errors;
  private final Connection connection;
  private final CopyManager copy;
  private CopyInLoad active;

  private PostgresTargetSession(PostgresErrors errors, Connection connection, CopyManager copy) {
    this.errors = errors;
    this.connection = connection;
    this.copy = copy;
  }

  static PostgresTargetSession open(PostgresErrors errors) {
    Connection connection = null;
    try {
      connection = PostgresConnections.open(errors.endpoint());
      connection.setAutoCommit(false);
      return new PostgresTargetSession(
          errors, connection, PostgresConnections.copyManager(connection));
    } catch (SQLException e) {
      PostgresConnections.closeQuietly(connection);
      throw errors.translate(e, "cannot open a target session", null);
    }
  }

  @Override
  public RowLoad openRowLoad(TargetTable table) {
    CopyIn copyIn = start(table, "text");
    PostgresRowLoad load = new PostgresRowLoad(table, errors, connection, copyIn, this::loadEnded);
    active = load;
    return load;
  }

  @Override
  public NativeLoad openNativeLoad(TargetTable table, NativeFormat format) {
    CopyIn copyIn = start(table, PostgresEngine.copyFormatOption(format));
    PostgresNativeLoad load =
        new PostgresNativeLoad(table, errors, connection, copyIn, this::loadEnded);
    active = load;
    return load;
  }

  @Override
  public long deleteKeySpan(TargetTable table, PartitionBounds span) {
    String sql = "DELETE FROM " + SqlNames.qualified(table.id()) + " WHERE "
        + String.join(" AND ", CopyOutQuery.CONDITIONS.keySpan(span));
    try (Statement statement = connection.createStatement()) {
      long deleted = statement.executeLargeUpdate(sql);
      connection.commit();
      return deleted;
    } catch (SQLException e) {
      try {
        connection.rollback();
      } catch (SQLException ignored) {
        // the delete's failure is the one to report
      }
      throw errors.translate(e, "cannot delete the rows of a key range", table.id());
    }
  }

  /** Rolls back an open load and disconnects. Never throws. */
  @Override
  public void close() {
    if (active != null) {
      active.close();
    }
    PostgresConnections.closeQuietly(connection);
  }

  private CopyIn start(TargetTable table, String format) {
    if (active != null && !active.finished()) {
      throw new IllegalStateException(
          "a load into " + active.table.id() + " is still open on this session");
    }
    try {
      return copy.copyIn(TableDdl.copyIn(table, format));
    } catch (SQLException e) {
      try {
        connection.rollback();
      } catch (SQLException ignored) {
        // the start failure is the one to report
      }
      throw errors.translate(e, "cannot start loading", table.id());
    }
  }

  private void loadEnded() {
    active = null;
  }
}
