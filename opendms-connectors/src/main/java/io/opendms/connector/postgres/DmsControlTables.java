package io.opendms.connector.postgres;

import io.opendms.spi.change.ControlTables;
import io.opendms.spi.table.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * DMS's optional control tables, with DMS's columns (lower case, see {@link ApplyExceptions}),
 * created in the control schema only when enabled, written inside the applier's transactions:
 *
 * <pre>
 * awsdms_status (server_name, task_name PRIMARY KEY together, task_status, status_time,
 *   pending_changes, disk_swap_size, task_memory, source_current_position,
 *   source_current_timestamp, source_tail_position, source_tail_timestamp, source_timestamp_applied)
 * awsdms_suspended_tables (server_name, task_name, table_owner, table_name, suspend_reason,
 *   suspend_timestamp)
 * awsdms_history (server_name, task_name, timeslot_type, timeslot, timeslot_duration,
 *   timeslot_latency, timeslot_records, timeslot_volume)
 * </pre>
 *
 * The applier knows neither the capture's backlog nor memory use, so pending_changes,
 * disk_swap_size, task_memory, the tail columns and timeslot_volume stay NULL. Times are UTC.
 * History rows add up the commits of their timeslot, so a restarted task goes on counting.
 */
final class DmsControlTables {

  private final ControlTables enabled;
  private final String schema;
  private final String serverName = ControlTables.serverName();

  /** @param schema {@code ControlSchema}; empty means {@code public} */
  DmsControlTables(ControlTables enabled, String schema) {
    this.enabled = enabled;
    this.schema = SqlNames.quote(schema.isEmpty() ? "public" : schema);
  }

  /** Creates the enabled tables when missing; the schema must exist. */
  void create(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      if (enabled.status()) {
        statement.execute("CREATE TABLE IF NOT EXISTS " + table("awsdms_status") + " (server_name varchar(128)"
            + " NOT NULL, task_name varchar(128) NOT NULL, task_status varchar(32), status_time timestamp,"
            + " pending_changes bigint, disk_swap_size bigint, task_memory bigint,"
            + " source_current_position varchar(128), source_current_timestamp timestamp,"
            + " source_tail_position varchar(128), source_tail_timestamp timestamp,"
            + " source_timestamp_applied timestamp, PRIMARY KEY (server_name, task_name))");
      }
      if (enabled.suspendedTables()) {
        statement.execute("CREATE TABLE IF NOT EXISTS " + table(ControlTables.SUSPENDED_TABLES)
            + " (server_name varchar(128) NOT NULL, task_name varchar(128) NOT NULL,"
            + " table_owner varchar(128) NOT NULL, table_name varchar(128) NOT NULL,"
            + " suspend_reason text, suspend_timestamp timestamp NOT NULL)");
      }
      if (enabled.history()) {
        statement.execute("CREATE TABLE IF NOT EXISTS " + table("awsdms_history") + " (server_name varchar(128)"
            + " NOT NULL, task_name varchar(128) NOT NULL, timeslot_type varchar(32) NOT NULL,"
            + " timeslot timestamp NOT NULL, timeslot_duration int, timeslot_latency int,"
            + " timeslot_records bigint, timeslot_volume bigint,"
            + " PRIMARY KEY (server_name, task_name, timeslot_type, timeslot))");
      }
    }
  }

  /** Records a suspended table inside the open transaction, when that table is enabled. */
  void suspended(Connection connection, String taskId, TableId table, String reason) throws SQLException {
    if (!enabled.suspendedTables()) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement("INSERT INTO "
        + table(ControlTables.SUSPENDED_TABLES) + " VALUES (?, ?, ?, ?, ?, now() AT TIME ZONE 'UTC')")) {
      statement.setString(1, serverName);
      statement.setString(2, taskId);
      statement.setString(3, table.schema());
      statement.setString(4, table.name());
      statement.setString(5, reason);
      statement.executeUpdate();
    }
  }

  /**
   * Updates status and history inside the transaction about to commit {@code rows} changes
   * through {@code position}, committed on the source at {@code commitTime}.
   */
  void committing(Connection connection, String taskId, String position, Instant commitTime, long rows)
      throws SQLException {
    Instant now = Instant.now();
    if (enabled.status()) {
      try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + table("awsdms_status")
          + " (server_name, task_name, task_status, status_time, source_current_position,"
          + " source_current_timestamp, source_timestamp_applied) VALUES (?, ?, 'CHANGE PROCESSING (CDC)',"
          + " ?, ?, ?, ?) ON CONFLICT (server_name, task_name) DO UPDATE SET task_status ="
          + " EXCLUDED.task_status, status_time = EXCLUDED.status_time, source_current_position ="
          + " EXCLUDED.source_current_position, source_current_timestamp = EXCLUDED.source_current_timestamp,"
          + " source_timestamp_applied = EXCLUDED.source_timestamp_applied")) {
        statement.setString(1, serverName);
        statement.setString(2, taskId);
        statement.setTimestamp(3, utc(now));
        statement.setString(4, position);
        statement.setTimestamp(5, utc(commitTime));
        statement.setTimestamp(6, utc(commitTime));
        statement.executeUpdate();
      }
    }
    if (enabled.history()) {
      writeHistory(connection, taskId, now, commitTime, rows);
    }
  }

  private void writeHistory(Connection connection, String taskId, Instant now, Instant commitTime, long rows)
      throws SQLException {
    long slotSeconds = enabled.historyTimeslot().toSeconds();
    Instant slot = Instant.ofEpochSecond(now.getEpochSecond() / slotSeconds * slotSeconds);
    long latency = Math.max(0, Duration.between(commitTime, now).toSeconds());
    try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + table("awsdms_history")
        + " (server_name, task_name, timeslot_type, timeslot, timeslot_duration, timeslot_latency,"
        + " timeslot_records) VALUES (?, ?, 'CHANGE PROCESSING', ?, ?, ?, ?) ON CONFLICT (server_name,"
        + " task_name, timeslot_type, timeslot) DO UPDATE SET timeslot_latency = GREATEST("
        + " awsdms_history.timeslot_latency, EXCLUDED.timeslot_latency), timeslot_records ="
        + " awsdms_history.timeslot_records + EXCLUDED.timeslot_records")) {
      statement.setString(1, serverName);
      statement.setString(2, taskId);
      statement.setTimestamp(3, utc(slot));
      statement.setInt(4, (int) enabled.historyTimeslot().toMinutes());
      statement.setLong(5, latency);
      statement.setLong(6, rows);
      statement.executeUpdate();
    }
  }

  private String table(String name) {
    return schema + "." + SqlNames.quote(name);
  }

  private static Timestamp utc(Instant instant) {
    return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }
}
