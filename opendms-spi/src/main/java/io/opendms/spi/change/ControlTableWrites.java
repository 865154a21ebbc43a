package io.opendms.spi.change;

import io.opendms.spi.table.TableId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What a database target's {@link ChangeApplier} writes to DMS's optional control tables ({@link
 * ControlTables}), and when, shared by every database target so that they all write the same rows;
 * the target only runs the statements ({@link Target}). DMS's columns, in lower case:
 *
 * <pre>
 * awsdms_status (server_name, task_name PRIMARY KEY together, task_status, status_time,
 *   pending_changes, disk_swap_size, task_memory, source_current_position,
 *   source_current_timestamp, source_tail_position, source_tail_timestamp, source_timestamp_applied)
 * awsdms_suspended_tables (server_name, task_name, table_owner, table_name, suspend_reason,
 *   suspend_timestamp)
 * awsdms_history (server_name, task_name, timeslot_type, timeslot PRIMARY KEY together,
 *   timeslot_duration, timeslot_latency, timeslot_records, timeslot_volume)
 * </pre>
 *
 * Status and history are written with each target commit, in the transaction that stores the
 * position: two statements per commit, and commits group many source transactions, so the apply
 * path hardly notices. The applier knows neither the capture's backlog nor memory use, so
 * pending_changes, disk_swap_size, task_memory, the tail columns and timeslot_volume stay NULL.
 * Times are UTC, as {@link LocalDateTime} (the columns have no zone). History rows add up the
 * commits of their timeslot, so a restarted task goes on counting. Confined to the apply thread.
 *
 * @param <E> the target's checked failure (for JDBC targets {@code SQLException})
 */
public final class ControlTableWrites<E extends Exception> {

  public static final String STATUS = "awsdms_status";
  public static final String HISTORY = "awsdms_history";
  /** {@code task_status} while changes are applied. */
  public static final String CDC_STATUS = "CHANGE PROCESSING (CDC)";
  /** {@code timeslot_type} of the changes applied in a timeslot. */
  public static final String CDC_TIMESLOT = "CHANGE PROCESSING";

  /**
   * A target's statements, each run inside the applier's open transaction, binding a row's {@code
   * values()} in order (String, Long, Integer, LocalDateTime or null).
   */
  public interface Target<E extends Exception> {

    /** Inserts the task's row, or replaces its {@link StatusRow#UPDATED_COLUMNS}. */
    void upsertStatus(StatusRow row) throws E;

    /**
     * Inserts the timeslot's row, or adds {@code timeslot_records} to it and keeps the larger
     * {@code timeslot_latency}.
     */
    void addToHistory(HistoryRow row) throws E;

    /** Inserts a row into {@code awsdms_suspended_tables}. */
    void insertSuspended(SuspendedRow row) throws E;
  }

  /** The columns of {@code awsdms_status} a commit sets; the others stay NULL. */
  public record StatusRow(String serverName, String taskName, String taskStatus, LocalDateTime statusTime,
      String sourceCurrentPosition, LocalDateTime sourceCurrentTimestamp, LocalDateTime sourceTimestampApplied) {
    public static final List<String> COLUMNS = List.of("server_name", "task_name", "task_status",
        "status_time", "source_current_position", "source_current_timestamp", "source_timestamp_applied");
    /** What a commit replaces in the task's row: every column but the key. */
    public static final List<String> UPDATED_COLUMNS = COLUMNS.subList(2, COLUMNS.size());

    public List<Object> values() {
      return Arrays.asList(serverName, taskName, taskStatus, statusTime, sourceCurrentPosition,
          sourceCurrentTimestamp, sourceTimestampApplied);
    }
  }

  /** The columns of {@code awsdms_history} a commit adds to; {@code timeslot_volume} stays NULL. */
  public record HistoryRow(String serverName, String taskName, String timeslotType, LocalDateTime timeslot,
      int timeslotDurationMinutes, long timeslotLatencySeconds, long timeslotRecords) {
    public static final List<String> COLUMNS = List.of("server_name", "task_name", "timeslot_type",
        "timeslot", "timeslot_duration", "timeslot_latency", "timeslot_records");

    public List<Object> values() {
      return Arrays.asList(serverName, taskName, timeslotType, timeslot, timeslotDurationMinutes,
          timeslotLatencySeconds, timeslotRecords);
    }
  }

  /** A row of {@code awsdms_suspended_tables}. */
  public record SuspendedRow(String serverName, String taskName, String tableOwner, String tableName,
      String suspendReason, LocalDateTime suspendTimestamp) {
    public static final List<String> COLUMNS = List.of("server_name", "task_name", "table_owner",
        "table_name", "suspend_reason", "suspend_timestamp");

    public List<Object> values() {
      return Arrays.asList(serverName, taskName, tableOwner, tableName, suspendReason, suspendTimestamp);
    }
  }

  private final ControlTables enabled;
  private final Target<E> target;
  private final String taskId;
  private final Clock clock;
  private final String serverName = ControlTables.serverName();

  public ControlTableWrites(ControlTables enabled, Target<E> target, String taskId, Clock clock) {
    this.enabled = Objects.requireNonNull(enabled, "enabled");
    this.target = Objects.requireNonNull(target, "target");
    this.taskId = Objects.requireNonNull(taskId, "taskId");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The {@code CREATE TABLE IF NOT EXISTS} statements of the enabled tables, in types both
   * PostgreSQL and MySQL know but for the timestamps'.
   *
   * @param qualified the table's name as the target writes it in SQL (schema, quotes)
   * @param timestampType a type holding a UTC date and time to the microsecond
   * @param tableOptions what follows the column list (MySQL's {@code ENGINE=InnoDB}), or ""
   */
  public static List<String> createStatements(ControlTables enabled, UnaryOperator<String> qualified,
      String timestampType, String tableOptions) {
    List<String> statements = new ArrayList<>();
    if (enabled.status()) {
      statements.add("CREATE TABLE IF NOT EXISTS " + qualified.apply(STATUS) + " (server_name varchar(128)"
          + " NOT NULL, task_name varchar(128) NOT NULL, task_status varchar(32), status_time %1$s,"
          + " pending_changes bigint, disk_swap_size bigint, task_memory bigint,"
          + " source_current_position varchar(128), source_current_timestamp %1$s,"
          + " source_tail_position varchar(128), source_tail_timestamp %1$s,"
          + " source_timestamp_applied %1$s, PRIMARY KEY (server_name, task_name))%2$s");
    }
    if (enabled.suspendedTables()) {
      statements.add("CREATE TABLE IF NOT EXISTS " + qualified.apply(ControlTables.SUSPENDED_TABLES)
          + " (server_name varchar(128) NOT NULL, task_name varchar(128) NOT NULL,"
          + " table_owner varchar(128) NOT NULL, table_name varchar(128) NOT NULL,"
          + " suspend_reason text, suspend_timestamp %1$s NOT NULL)%2$s");
    }
    if (enabled.history()) {
      statements.add("CREATE TABLE IF NOT EXISTS " + qualified.apply(HISTORY) + " (server_name varchar(128)"
          + " NOT NULL, task_name varchar(128) NOT NULL, timeslot_type varchar(32) NOT NULL,"
          + " timeslot %1$s NOT NULL, timeslot_duration int, timeslot_latency int,"
          + " timeslot_records bigint, timeslot_volume bigint,"
          + " PRIMARY KEY (server_name, task_name, timeslot_type, timeslot))%2$s");
    }
    String options = tableOptions.isEmpty() ? "" : " " + tableOptions;
    return statements.stream().map(s -> s.formatted(timestampType, options)).toList();
  }

  /** {@code INSERT INTO qualifiedTable (columns) VALUES (?, ...)}: a target's statement starts so. */
  public static String insertInto(String qualifiedTable, List<String> columns) {
    return "INSERT INTO " + qualifiedTable + " (" + String.join(", ", columns) + ") VALUES ("
        + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
  }

  /** Records a suspended table, when {@code SuspendedTablesTableEnabled}. */
  public void suspended(TableId table, String reason) throws E {
    if (enabled.suspendedTables()) {
      target.insertSuspended(new SuspendedRow(serverName, taskId, table.schema(), table.name(), reason,
          utc(clock.instant())));
    }
  }

  /**
   * Updates status and history, as enabled, inside the transaction about to commit {@code records}
   * changes through {@code position}, committed on the source at {@code commitTime}.
   */
  public void committing(String position, Instant commitTime, long records) throws E {
    Instant now = clock.instant();
    if (enabled.status()) {
      target.upsertStatus(new StatusRow(serverName, taskId, CDC_STATUS, utc(now), position,
          utc(commitTime), utc(commitTime)));
    }
    if (enabled.history()) {
      Duration slot = enabled.historyTimeslot();
      long slotSeconds = slot.toSeconds();
      Instant slotStart = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), slotSeconds) * slotSeconds);
      long latency = Math.max(0, Duration.between(commitTime, now).toSeconds());
      target.addToHistory(new HistoryRow(serverName, taskId, CDC_TIMESLOT, utc(slotStart),
          (int) slot.toMinutes(), latency, records));
    }
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
