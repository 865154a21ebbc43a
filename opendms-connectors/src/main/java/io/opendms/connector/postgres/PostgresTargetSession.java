package io.opendms.connector.postgres;

import io.opendms.spi.change.RowChange;
import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.source.PartitionBounds;
import io.opendms.spi.target.NativeLoad;
import io.opendms.spi.target.RefusedRowLog;
import io.opendms.spi.target.RowLoad;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.target.TargetTable;
import io.opendms.spi.source.PartitionBounds;
import io.opendms.spi.source.RowFilter;
import io.opendms.spi.table.Column;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * One target connection for one worker thread, running one load at a time. Confined to that thread;
 * closing it rolls back an unfinished load.
 */
final class PostgresTargetSession implements TargetSession, RefusedRowLog {

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
    PostgresRowLoad load = new PostgresRowLoad(table, errors, connection, copyIn, this::loadEnded,
        StagedReplace.Step.NONE);
    active = load;
    return load;
  }

  @Override
  public NativeLoad openNativeLoad(TargetTable table, NativeFormat format) {
    CopyIn copyIn = start(table, PostgresEngine.copyFormatOption(format));
    PostgresNativeLoad load = new PostgresNativeLoad(table, errors, connection, copyIn,
        this::loadEnded, StagedReplace.Step.NONE);
    active = load;
    return load;
  }

  @Override
  public boolean replacesRowsByKey() {
    return true;
  }

  @Override
  public RowLoad openReplacingRowLoad(TargetTable table) {
    StagedReplace staged = stage(table);
    CopyIn copyIn = start(staged.staging(), "text");
    PostgresRowLoad load = new PostgresRowLoad(table, errors, connection, copyIn, this::loadEnded,
        staged::replace);
    active = load;
    return load;
  }

  @Override
  public NativeLoad openReplacingNativeLoad(TargetTable table, NativeFormat format) {
    StagedReplace staged = stage(table);
    CopyIn copyIn = start(staged.staging(), PostgresEngine.copyFormatOption(format));
    PostgresNativeLoad load = new PostgresNativeLoad(table, errors, connection, copyIn,
        this::loadEnded, staged::replace);
    active = load;
    return load;
  }

  private StagedReplace stage(TargetTable table) {
    requireNoOpenLoad();
    try {
      return StagedReplace.create(connection, table);
    } catch (SQLException e) {
      try {
        connection.rollback();
      } catch (SQLException ignored) {
        // the failure to stage is the one to report
      }
      throw errors.translate(e, "cannot start loading rows that replace those of the same key",
          table.id());
    }
  }

  /** Creates the control schema and exceptions table when missing, then records the row. */
  @Override
  public void recordRefusedRow(String taskId, String controlSchema, TargetTable table,
      List<Object> row, String error) {
    ApplyExceptions exceptions = new ApplyExceptions(controlSchema);
    String statement = new StatementApply(connection, Map.of(table.id(), new ApplyStatements(table)))
        .render(new RowChange(table.id(), RowChange.Operation.INSERT, null, row, List.of()));
    try {
      try (Statement create = connection.createStatement()) {
        create.execute(TableDdl.createSchema(controlSchema.isEmpty() ? "public" : controlSchema));
      }
      exceptions.create(connection);
      exceptions.record(connection, taskId, table.id(), statement, error);
      connection.commit();
    } catch (SQLException e) {
      try {
        connection.rollback();
      } catch (SQLException ignored) {
        // the failure to record is the one to report
      }
      throw errors.translate(e, "cannot record a refused row in " + ApplyExceptions.NAME, table.id());
    }
  }

  @Override
  public boolean writesLobs() {
    return true;
  }

  /**
   * One UPDATE whose value pgjdbc streams from {@code value} into the Bind message: text goes as
   * UTF-8 bytes that the server converts, so neither side of the JVM holds it whole.
   */
  @Override
  public void writeLob(TargetTable table, List<Object> key, String column, long length,
      InputStream value) {
    if (active != null && !active.finished()) {
      throw new IllegalStateException("a load into " + active.table.id() + " is still open");
    }
    if (length > Integer.MAX_VALUE) {
      throw errors.failure("cannot write LOB column " + column + " of the row " + key,
          table.id(), "PostgreSQL holds at most 1 GB in a value; this one has " + length
              + " bytes", null);
    }
    Column target = table.columns().stream().filter(c -> c.name().equals(column)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(table.id() + " has no column " + column));
    String type = TargetColumnTypes.sqlType(table.sourceEngine(), target);
    String sql = "UPDATE " + SqlNames.qualified(table.id()) + " SET " + SqlNames.quote(column)
        + " = " + (type.equals("bytea") ? "?" : "CAST(convert_from(?, 'UTF8') AS " + type + ")")
        + " WHERE " + String.join(" AND ", CopyOutQuery.CONDITIONS.of(
            RowFilter.keyEquals(table.primaryKey(), key), new PartitionBounds.WholeTable()));
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setBinaryStream(1, value, (int) length);
      int rows = statement.executeUpdate();
      if (rows != 1) {
        throw errors.failure("cannot write LOB column " + column + " of the row " + key,
            table.id(), rows + " rows have that key", null);
      }
      connection.commit();
    } catch (SQLException e) {
      try {
        connection.rollback();
      } catch (SQLException ignored) {
        // the write failure is the one to report
      }
      String what = "cannot write LOB column " + column + " of the row " + key;
      if (e.getCause() instanceof java.io.IOException source) {
        // pgjdbc reports a failed read of the streamed value as a bind error
        throw errors.failure(what, table.id(), "the value could not be read: "
            + source.getMessage(), e);
      }
      throw errors.translate(e, what, table.id());
    }
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

  private void requireNoOpenLoad() {
    if (active != null && !active.finished()) {
      throw new IllegalStateException(
          "a load into " + active.table.id() + " is still open on this session");
    }
  }

  private CopyIn start(TargetTable table, String format) {
    requireNoOpenLoad();
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
