package io.opendms.connector.mysql;

import io.opendms.spi.change.ControlTableWrites;
import io.opendms.spi.change.ControlTableWrites.HistoryRow;
import io.opendms.spi.change.ControlTableWrites.StatusRow;
import io.opendms.spi.change.ControlTableWrites.SuspendedRow;
import io.opendms.spi.change.ControlTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/**
 * MySQL's statements for DMS's optional control tables ({@link ControlTableWrites} decides what
 * and when), InnoDB tables in the control database ({@link MySqlControlTable}) with {@code
 * datetime(6)} columns holding UTC. Confined to the apply thread.
 */
final class MySqlDmsControlTables implements ControlTableWrites.Target<SQLException> {

  private final Connection connection;
  private final String database;

  private MySqlDmsControlTables(Connection connection, String database) {
    this.connection = connection;
    this.database = database;
  }

  /**
   * Creates the enabled tables when missing (the database must exist; DDL commits, so outside a
   * transaction) and returns the writes of the task's applier over {@code connection}.
   */
  static ControlTableWrites<SQLException> open(Connection connection, ControlTables enabled,
      String database, String taskId) throws SQLException {
    MySqlDmsControlTables tables = new MySqlDmsControlTables(connection, database);
    try (Statement statement = connection.createStatement()) {
      for (String create : ControlTableWrites.createStatements(enabled, tables::table, "datetime(6)",
          "ENGINE=InnoDB")) {
        statement.execute(create);
      }
    }
    return new ControlTableWrites<>(enabled, tables, taskId, Clock.systemUTC());
  }

  @Override
  public void upsertStatus(StatusRow row) throws SQLException {
    execute(ControlTableWrites.insertInto(table(ControlTableWrites.STATUS), StatusRow.COLUMNS)
        + " ON DUPLICATE KEY UPDATE " + StatusRow.UPDATED_COLUMNS.stream()
            .map(c -> c + " = VALUES(" + c + ")").collect(Collectors.joining(", ")), row.values());
  }

  @Override
  public void addToHistory(HistoryRow row) throws SQLException {
    execute(ControlTableWrites.insertInto(table(ControlTableWrites.HISTORY), HistoryRow.COLUMNS)
        + " ON DUPLICATE KEY UPDATE timeslot_latency = GREATEST(timeslot_latency,"
        + " VALUES(timeslot_latency)), timeslot_records = timeslot_records + VALUES(timeslot_records)",
        row.values());
  }

  @Override
  public void insertSuspended(SuspendedRow row) throws SQLException {
    execute(ControlTableWrites.insertInto(table(ControlTables.SUSPENDED_TABLES), SuspendedRow.COLUMNS),
        row.values());
  }

  private void execute(String sql, List<Object> values) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.size(); i++) {
        statement.setObject(i + 1, values.get(i));
      }
      statement.executeUpdate();
    }
  }

  private String table(String name) {
    return SqlIdentifiers.quote(database) + "." + SqlIdentifiers.quote(name);
  }
}
