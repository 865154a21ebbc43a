package io.opendms.connector.mysql;

import io.opendms.spi.change.ControlTables;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.table.TableId;
import io.opendms.spi.source.PartitionBounds;
import io.opendms.spi.target.NativeLoad;
import io.opendms.spi.target.RefusedRowLog;
import io.opendms.spi.target.RowLoad;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.target.TargetTable;
import io.opendms.spi.source.PartitionBounds;
import io.opendms.spi.source.RowFilter;
import io.opendms.spi.table.Column;
import io.opendms.spi.type.DmsType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * One target connection for one worker thread. Foreign-key checks are off for its loads: tables
 * load in parallel in no particular order, and the source already enforced them.
 */
final class MySqlTargetSession implements TargetSession, RefusedRowLog {

  /** Bytes appended per statement when writing a LOB: well below max_allowed_packet. */
  private static final int LOB_PIECE = 1024 * 1024;

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
    MySqlApplyExceptions exceptions = new MySqlApplyExceptions(database);
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
  public boolean writesLobs() {
    return true;
  }

  /**
   * The value in pieces of {@link #LOB_PIECE} bytes appended by UPDATEs in one transaction: a
   * MySQL statement, even a streamed parameter, is bounded by {@code max_allowed_packet}, and so
   * is the value itself. Text pieces end on a whole UTF-8 character.
   */
  @Override
  public void writeLob(TargetTable table, List<Object> key, String column, long length,
      InputStream value) {
    Column lob = table.columns().stream().filter(c -> c.name().equals(column)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(table.id() + " has no column " + column));
    boolean text = lob.type().kind() != DmsType.BLOB;
    String name = SqlIdentifiers.quote(column);
    String where = " WHERE " + String.join(" AND ", MySqlSelect.CONDITIONS.of(
        RowFilter.keyEquals(table.primaryKey(), key), new PartitionBounds.WholeTable()));
    String update = "UPDATE " + SqlIdentifiers.qualified(target.targetId(table)) + " SET " + name;
    try {
      connection.setAutoCommit(false);
      try (PreparedStatement first = connection.prepareStatement(update + " = ?" + where);
          PreparedStatement append = connection.prepareStatement(
              update + " = CONCAT(" + name + ", ?)" + where)) {
        byte[] buffer = new byte[LOB_PIECE];
        int carried = 0;
        boolean started = false;
        while (true) {
          int read = value.readNBytes(buffer, carried, buffer.length - carried);
          int filled = carried + read;
          boolean last = read == 0 || filled < buffer.length;
          int cut = text && !last ? wholeCharacters(buffer, filled) : filled;
          if (cut > 0 || !started) {
            PreparedStatement statement = started ? append : first;
            if (text) {
              statement.setString(1, new String(buffer, 0, cut, StandardCharsets.UTF_8));
            } else {
              statement.setBytes(1, java.util.Arrays.copyOf(buffer, cut));
            }
            if (statement.executeUpdate() != 1) {
              throw errors.failure("cannot write LOB column " + column + " of the row " + key,
                  table.id(), "no single row has that key", null);
            }
            started = true;
          }
          carried = filled - cut;
          System.arraycopy(buffer, cut, buffer, 0, carried);
          if (last) {
            break;
          }
        }
      }
      connection.commit();
    } catch (SQLException | IOException e) {
      try {
        connection.rollback();
      } catch (SQLException ignored) {
        // the write failure is the one to report
      }
      throw e instanceof SQLException sql
          ? errors.translate(sql, "cannot write LOB column " + column + " of the row " + key,
              table.id())
          : errors.failure("cannot write LOB column " + column + " of the row " + key,
              table.id(), e.getMessage(), e);
    } finally {
      try {
        connection.setAutoCommit(true);
      } catch (SQLException ignored) {
        // a broken connection fails the next statement
      }
    }
  }

  /** The length of the longest prefix of {@code bytes[0, length)} that ends on a whole UTF-8 character. */
  private static int wholeCharacters(byte[] bytes, int length) {
    int start = length - 1;
    while (start > 0 && start > length - 4 && (bytes[start] & 0xC0) == 0x80) {
      start--;
    }
    if (start < 0) {
      return 0;
    }
    int lead = bytes[start] & 0xFF;
    int size = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    return start + size <= length ? length : start;
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
