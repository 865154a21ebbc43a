package io.opendms.connector.postgres;

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
 * PostgreSQL's statements for DMS's optional control tables ({@link ControlTableWrites} decides
 * what and when), in the control schema, {@code timestamp} columns holding UTC. Confined to the
 * apply thread.
 */
final class DmsControlTables implements ControlTableWrites.Target<SQLException> {

  private final Connection connection;
  private final String schema;

  private DmsControlTables(Connection connection, String schema) {
    this.connection = connection;
    this.schema = schema;
  }

  /**
   * Creates the enabled tables when missing (the schema must exist) and returns the writes of the
   * task's applier over {@code connection}.
   *
   * @param controlSchema {@code ControlSchema}; empty means {@code public}
   */
  static ControlTableWrites<SQLException> open(Connection connection, ControlTables enabled,
      String controlSchema, String taskId) throws SQLException {
    DmsControlTables tables = new DmsControlTables(connection,
        SqlNames.quote(controlSchema.isEmpty() ? "public" : controlSchema));
    try (Statement statement = connection.createStatement()) {
      for (String create : ControlTableWrites.createStatements(enabled, tables::table, "timestamp", "")) {
        statement.execute(create);
      }
    }
    return new ControlTableWrites<>(enabled, tables, taskId, Clock.systemUTC());
  }

  @Override
  public void upsertStatus(StatusRow row) throws SQLException {
    execute(ControlTableWrites.insertInto(table(ControlTableWrites.STATUS), StatusRow.COLUMNS)
        + " ON CONFLICT (server_name, task_name) DO UPDATE SET " + StatusRow.UPDATED_COLUMNS.stream()
            .map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", ")), row.values());
  }

  @Override
  public void addToHistory(HistoryRow row) throws SQLException {
    execute(ControlTableWrites.insertInto(table(ControlTableWrites.HISTORY), HistoryRow.COLUMNS)
        + " ON CONFLICT (server_name, task_name, timeslot_type, timeslot) DO UPDATE SET timeslot_latency"
        + " = GREATEST(awsdms_history.timeslot_latency, EXCLUDED.timeslot_latency), timeslot_records ="
        + " awsdms_history.timeslot_records + EXCLUDED.timeslot_records", row.values());
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
    return schema + "." + SqlNames.quote(name);
  }
}
