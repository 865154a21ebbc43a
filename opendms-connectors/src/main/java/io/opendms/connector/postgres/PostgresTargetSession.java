package io.opendms.connector.postgres;

import io.opendms.spi.change.RowChange;
import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.target.NativeLoad;
import io.opendms.spi.target.RefusedRowLog;
import io.opendms.spi.target.RowLoad;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.target.TargetTable;
import java.sql.Connection;
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
