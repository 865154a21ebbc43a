package io.opendms.connector.mysql;

import io.opendms.spi.change.ControlTables;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.NativeLoad;
import io.opendms.spi.target.RefusedRowLog;
import io.opendms.spi.target.RowLoad;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.target.TargetTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * One target connection for one worker thread. Foreign-key checks are off for its loads: tables
 * load in parallel in no particular order, and the source already enforced them.
 */
final class MySqlTargetSession implements TargetSession, RefusedRowLog {

  private final MySqlTargetConnector target;
  private final MySqlErrors errors;
  private final Connection connection;

  MySqlTargetSession(MySqlTargetConnector target, MySqlErrors errors, Connection connection)
      throws SQLException {
    this.target = target;
    this.errors = errors;
    this.connection = connection;
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION foreign_key_checks = 0");
    }
  }

  @Override
  public RowLoad openRowLoad(TargetTable table) {
    try {
      return new LoadDataRowLoad(table, target.targetId(table), errors, connection);
    } catch (SQLException e) {
      throw errors.translate(e, "cannot start the load", table.id());
    }
  }

  @Override
  public NativeLoad openNativeLoad(TargetTable table, NativeFormat format) {
    throw new OpenDmsException(ErrorCode.UNSUPPORTED,
        "the MySQL target imports no native format (asked for " + format + ")");
  }

  /** Creates the control database and exceptions table when missing, then records the row. */
  @Override
  public void recordRefusedRow(String taskId, String controlSchema, TargetTable table,
      List<Object> row, String error) {
    TableId id = target.targetId(table);
    String database = new MySqlControlTable(controlSchema, errors.endpoint().database()).database();
    MySqlExceptionTables exceptions = new MySqlExceptionTables(database, ControlTables.NONE);
    MySqlApplySql sql = new MySqlApplySql(table, id);
    String statement = sql.render(sql.statement(
        new RowChange(table.id(), RowChange.Operation.INSERT, null, row, List.of())));
    try {
      try (Statement create = connection.createStatement()) {
        create.execute(MySqlTableDdl.createDatabase(database));
      }
      exceptions.create(connection);
      exceptions.record(connection, taskId, id, statement, error);
    } catch (SQLException e) {
      throw errors.translate(e, "cannot record a refused row in " + ControlTables.APPLY_EXCEPTIONS, table.id());
    }
  }

  @Override
  public void close() {
    MySqlConnections.closeQuietly(connection);
  }
}
