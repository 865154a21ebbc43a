package io.opendms.connector.mysql;

import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.source.PartitionBounds;
import io.opendms.spi.target.NativeLoad;
import io.opendms.spi.target.RowLoad;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.target.TargetTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One target connection for one worker thread. Foreign-key checks are off for its loads: tables
 * load in parallel in no particular order, and the source already enforced them.
 */
final class MySqlTargetSession implements TargetSession {

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

  @Override
  public long deleteKeySpan(TargetTable table, PartitionBounds span) {
    String sql = "DELETE FROM " + SqlIdentifiers.qualified(target.targetId(table)) + " WHERE "
        + String.join(" AND ", MySqlSelect.keySpan(span));
    try (Statement statement = connection.createStatement()) {
      return statement.executeLargeUpdate(sql);
    } catch (SQLException e) {
      throw errors.translate(e, "cannot delete the rows of a key range", table.id());
    }
  }

  @Override
  public void close() {
    MySqlConnections.closeQuietly(connection);
  }
}
