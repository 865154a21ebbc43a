package io.opendms.spi.change;

import io.opendms.spi.table.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * What a database target's {@link ChangeApplier} writes to DMS's optional control tables ({@link
 * ControlTables}), and when, shared by every database target so that they all write the same rows;
 * the target only describes its SQL ({@link Dialect}) and runs the statements ({@link Target}).
 * DMS's columns, in lower case, in types PostgreSQL and MySQL share but for the timestamps':
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
 * path hardly notices. During a full load the engine records its progress every few seconds in a
 * transaction of its own ({@link #loading}). What only the engine knows (the capture's backlog, its
 * spill, memory, the position it has read) comes as a {@link TaskProgress}. Times are UTC, as
 * {@link LocalDateTime} (the columns have no zone). History rows add up the commits of their
 * timeslot, so a restarted task goes on counting; {@code timeslot_volume} is in MB, rounded up
 * per timeslot and run. Confined to one thread (the apply thread, or the full load's recorder).
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
  /** {@code task_status} while a table loads, and {@code timeslot_type} of the rows loaded. */
  public static final String FULL_LOAD = "FULL LOAD";
  /** {@code task_status} once the task has stopped. */
  public static final String NOT_RUNNING = "NOT RUNNING";
  /**
   * How often a running task rewrites its status row when nothing else does: during the full
   * load, and during change processing while there is nothing to commit.
   */
  public static final Duration STATUS_INTERVAL = Duration.ofSeconds(5);
  private static final long MB = 1 << 20;

  private static final List<String> STATUS_KEY = List.of("server_name", "task_name");
  /** The columns of {@code awsdms_status}, the key first; each write sets them all. */
  private static final List<String> STATUS_COLUMNS = List.of("server_name", "task_name", "task_status",
      "status_time", "pending_changes", "disk_swap_size", "task_memory", "source_current_position",
      "source_current_timestamp", "source_tail_position", "source_tail_timestamp", "source_timestamp_applied");
  private static final List<String> HISTORY_KEY = List.of("server_name", "task_name", "timeslot_type", "timeslot");
  /** The columns of {@code awsdms_history}, the key first. */
  private static final List<String> HISTORY_COLUMNS = List.of("server_name", "task_name", "timeslot_type",
      "timeslot", "timeslot_duration", "timeslot_latency", "timeslot_records", "timeslot_volume");
  private static final List<String> SUSPENDED_COLUMNS = List.of("server_name", "task_name", "table_owner",
      "table_name", "suspend_reason", "suspend_timestamp");

  /**
   * How a target writes the statements.
   *
   * @param qualified a control table's name as the target writes it (schema or database, quotes)
   * @param timestampType a type holding a UTC date and time to the microsecond
   * @param tableOptions what follows a CREATE TABLE's column list ({@code ENGINE=InnoDB}), or ""
   * @param onDuplicateKey the clause that, given the key columns, turns an INSERT into an upsert
   *     and is followed by {@code column = expression, ...}
   * @param proposed an expression for the value the INSERT proposed for a column
   */
  public record Dialect(UnaryOperator<String> qualified, String timestampType, String tableOptions,
      Function<List<String>, String> onDuplicateKey, UnaryOperator<String> proposed) {
    public Dialect {
      Objects.requireNonNull(qualified, "qualified");
      Objects.requireNonNull(timestampType, "timestampType");
      Objects.requireNonNull(tableOptions, "tableOptions");
      Objects.requireNonNull(onDuplicateKey, "onDuplicateKey");
      Objects.requireNonNull(proposed, "proposed");
    }
  }

  /** Runs one statement inside the applier's open transaction (DDL: before it opens). */
  @FunctionalInterface
  public interface Target<E extends Exception> {
    /** @param values bound in order: String, Integer, Long, LocalDateTime (UTC) or null */
    void execute(String sql, List<Object> values) throws E;
  }

  /** The statements run as prepared statements over a JDBC connection, values set as objects. */
  public static Target<SQLException> jdbc(Connection connection) {
    Objects.requireNonNull(connection, "connection");
    return (sql, values) -> {
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        for (int i = 0; i < values.size(); i++) {
          statement.setObject(i + 1, values.get(i));
        }
        statement.executeUpdate();
      }
    };
  }

  private final ControlTables enabled;
  private final Dialect dialect;
  private final Target<E> target;
  private final String taskId;
  private final Clock clock;
  private final String serverName = ControlTables.serverName();
  /** Per timeslot type, the bytes this writer added to its current slot: the MB it still owes. */
  private final Map<String, SlotVolume> volumes = new HashMap<>();

  public ControlTableWrites(ControlTables enabled, Dialect dialect, Target<E> target, String taskId,
      Clock clock) {
    this.enabled = Objects.requireNonNull(enabled, "enabled");
    this.dialect = Objects.requireNonNull(dialect, "dialect");
    this.target = Objects.requireNonNull(target, "target");
    this.taskId = Objects.requireNonNull(taskId, "taskId");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Creates the enabled tables when missing; the schema (database) must exist. */
  public void createTables() throws E {
    for (String statement : createStatements()) {
      target.execute(statement, List.of());
    }
  }

  /** The {@code CREATE TABLE IF NOT EXISTS} statements of the enabled tables. */
  List<String> createStatements() {
    List<String> statements = new ArrayList<>();
    if (enabled.status()) {
      statements.add("CREATE TABLE IF NOT EXISTS " + table(STATUS) + " (server_name varchar(128)"
          + " NOT NULL, task_name varchar(128) NOT NULL, task_status varchar(32), status_time %1$s,"
          + " pending_changes bigint, disk_swap_size bigint, task_memory bigint,"
          + " source_current_position varchar(128), source_current_timestamp %1$s,"
          + " source_tail_position varchar(128), source_tail_timestamp %1$s,"
          + " source_timestamp_applied %1$s, PRIMARY KEY (server_name, task_name))%2$s");
    }
    if (enabled.suspendedTables()) {
      statements.add("CREATE TABLE IF NOT EXISTS " + table(ControlTables.SUSPENDED_TABLES)
          + " (server_name varchar(128) NOT NULL, task_name varchar(128) NOT NULL,"
          + " table_owner varchar(128) NOT NULL, table_name varchar(128) NOT NULL,"
          + " suspend_reason text, suspend_timestamp %1$s NOT NULL)%2$s");
    }
    if (enabled.history()) {
      statements.add("CREATE TABLE IF NOT EXISTS " + table(HISTORY) + " (server_name varchar(128)"
          + " NOT NULL, task_name varchar(128) NOT NULL, timeslot_type varchar(32) NOT NULL,"
          + " timeslot %1$s NOT NULL, timeslot_duration int, timeslot_latency int,"
          + " timeslot_records bigint, timeslot_volume bigint,"
          + " PRIMARY KEY (server_name, task_name, timeslot_type, timeslot))%2$s");
    }
    String options = dialect.tableOptions().isEmpty() ? "" : " " + dialect.tableOptions();
    return statements.stream().map(s -> s.formatted(dialect.timestampType(), options)).toList();
  }

  /** Records a suspended table inside the open transaction, when {@code SuspendedTablesTableEnabled}. */
  public void suspended(TableId table, String reason) throws E {
    if (enabled.suspendedTables()) {
      target.execute(insertInto(ControlTables.SUSPENDED_TABLES, SUSPENDED_COLUMNS),
          Arrays.asList(serverName, taskId, table.schema(), table.name(), reason, utc(clock.instant())));
    }
  }

  /**
   * Updates status and history, as enabled, inside the transaction about to commit {@code records}
   * changes of {@code bytes} payload through {@code position}, committed on the source at {@code
   * commitTime}: the applied position is also the tail, where a restart loses no change.
   */
  public void committing(String position, Instant commitTime, long records, long bytes,
      TaskProgress progress) throws E {
    Instant now = clock.instant();
    if (enabled.status()) {
      writeStatus(CDC_STATUS, now, progress, position, commitTime, commitTime);
    }
    if (enabled.history()) {
      addToTimeslot(CDC_TIMESLOT, now, Math.max(0, Duration.between(commitTime, now).toSeconds()), records, bytes);
    }
  }

  /**
   * Records the full load's progress, as enabled: status {@code FULL LOAD} and {@code rows} of
   * {@code bytes} loaded since the previous call added to the {@code FULL LOAD} timeslot; the
   * caller commits. Nothing is applied yet, so {@code source_timestamp_applied} stays NULL.
   *
   * @param restart where a restart resumes the task (the capture's start) and when it was taken
   */
  public void loading(long rows, long bytes, StoredPosition restart, TaskProgress progress) throws E {
    Instant now = clock.instant();
    if (enabled.status()) {
      writeStatus(FULL_LOAD, now, progress, restart.position(), restart.commitTime(), null);
    }
    if (enabled.history()) {
      addToTimeslot(FULL_LOAD, now, null, rows, bytes);
    }
  }

  /**
   * Marks the task's status row {@code NOT RUNNING} as of now, when enabled; its positions stay
   * as the last commit wrote them, where the task resumes. The caller commits.
   */
  public void stopped() throws E {
    updateStatus(NOT_RUNNING, List.of(), List.of());
  }

  /**
   * Marks the status row {@code CHANGE PROCESSING (CDC)} as of now, with {@code progress}'s
   * backlog and memory, when enabled; its positions stay as the last commit wrote them. For a
   * task that has nothing to commit, so that {@code status_time} shows it alive (and a resumed
   * task no longer {@code NOT RUNNING}). The caller commits.
   */
  public void running(TaskProgress progress) throws E {
    updateStatus(CDC_STATUS, List.of("pending_changes", "disk_swap_size", "task_memory"), Arrays.asList(
        known(progress.pendingChanges()), known(progress.diskSwapBytes()), memoryMb(progress)));
  }

  /** Sets the status and its time, and {@code columns} to {@code values}, in the task's row. */
  private void updateStatus(String status, List<String> columns, List<Object> values) throws E {
    if (enabled.status()) {
      List<Object> bound = new ArrayList<>(Arrays.asList(status, utc(clock.instant())));
      bound.addAll(values);
      bound.addAll(List.of(serverName, taskId));
      target.execute("UPDATE " + table(STATUS) + " SET task_status = ?, status_time = ?"
          + columns.stream().map(c -> ", " + c + " = ?").collect(Collectors.joining())
          + " WHERE server_name = ? AND task_name = ?", bound);
    }
  }

  private void writeStatus(String status, Instant now, TaskProgress progress, String tail,
      Instant tailTime, Instant applied) throws E {
    // before the capture handed over a commit, it reads from where the task would restart
    String current = progress.readPosition().orElse(tail);
    Instant currentTime = progress.readCommitTime().orElse(tailTime);
    target.execute(insertInto(STATUS, STATUS_COLUMNS) + dialect.onDuplicateKey().apply(STATUS_KEY)
        + STATUS_COLUMNS.subList(STATUS_KEY.size(), STATUS_COLUMNS.size()).stream()
            .map(c -> c + " = " + dialect.proposed().apply(c)).collect(Collectors.joining(", ")),
        Arrays.asList(serverName, taskId, status, utc(now), known(progress.pendingChanges()),
            known(progress.diskSwapBytes()), memoryMb(progress),
            current, utc(currentTime), tail, utc(tailTime), applied == null ? null : utc(applied)));
  }

  /** Adds to the row of the timeslot {@code now} falls in; {@code latency} null for the full load. */
  private void addToTimeslot(String type, Instant now, Long latency, long records, long bytes) throws E {
    Duration slot = enabled.historyTimeslot();
    long slotSeconds = slot.toSeconds();
    Instant slotStart = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), slotSeconds) * slotSeconds);
    long volume = volumes.computeIfAbsent(type, t -> new SlotVolume()).add(slotStart, bytes);
    // the existing row's columns qualified by the table's name: PostgreSQL has both rows in scope
    String latest = latency == null ? "" : "timeslot_latency = GREATEST(" + HISTORY + ".timeslot_latency, "
        + dialect.proposed().apply("timeslot_latency") + "), ";
    target.execute(insertInto(HISTORY, HISTORY_COLUMNS) + dialect.onDuplicateKey().apply(HISTORY_KEY)
        + latest + "timeslot_records = " + HISTORY + ".timeslot_records + "
        + dialect.proposed().apply("timeslot_records") + ", timeslot_volume = COALESCE(" + HISTORY
        + ".timeslot_volume, 0) + " + dialect.proposed().apply("timeslot_volume"),
        Arrays.asList(serverName, taskId, type, utc(slotStart), (int) slot.toMinutes(), latency, records, volume));
  }

  /**
   * The bytes one writer added to its current timeslot, so that the slot's MB are rounded up once
   * rather than lost commit by commit.
   */
  private static final class SlotVolume {
    private Instant slot;
    private long bytes;
    private long writtenMb;

    /** Adds {@code more} bytes in {@code slotStart}; returns the MB to add to its row. */
    long add(Instant slotStart, long more) {
      if (!slotStart.equals(slot)) {
        slot = slotStart;
        bytes = 0;
        writtenMb = 0;
      }
      bytes += more;
      long owed = ceilMb(bytes) - writtenMb;
      writtenMb += owed;
      return owed;
    }
  }

  private static long ceilMb(long bytes) {
    return (bytes + MB - 1) / MB;
  }

  /** The task's memory in MB, rounded up, as DMS's {@code task_memory}; null when unknown. */
  private static Long memoryMb(TaskProgress progress) {
    return progress.memoryBytes() < 0 ? null : ceilMb(progress.memoryBytes());
  }

  private static Long known(long value) {
    return value < 0 ? null : value;
  }

  private String insertInto(String name, List<String> columns) {
    return "INSERT INTO " + table(name) + " (" + String.join(", ", columns) + ") VALUES ("
        + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
  }

  private String table(String name) {
    return dialect.qualified().apply(name);
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
