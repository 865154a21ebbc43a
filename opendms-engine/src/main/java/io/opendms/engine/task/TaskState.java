package io.opendms.engine.task;

import io.opendms.spi.table.TableId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A task's durable state: enough to resume it.
 *
 * @param taskId the task's identifier
 * @param migrationType what the task does
 * @param tables one record per selected table
 * @param cdc the CDC record; null for full-load tasks and before CDC started
 * @param pendingReloads source tables asked to load again (ReloadTables) whose reload has not
 *     committed yet: the next run loads them, even after a crash mid-reload
 * @param suspendedTables target tables suspended during change processing, which stay
 *     suspended when the task resumes
 */
public record TaskState(
    String taskId, MigrationType migrationType, List<TableRecord> tables, CdcRecord cdc,
    List<TableId> pendingReloads, List<SuspendedTable> suspendedTables) {

  public TaskState(String taskId, MigrationType migrationType, List<TableRecord> tables) {
    this(taskId, migrationType, tables, null);
  }

  public TaskState(String taskId, MigrationType migrationType, List<TableRecord> tables, CdcRecord cdc) {
    this(taskId, migrationType, tables, cdc, List.of(), List.of());
  }

  public TaskState {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(migrationType, "migrationType");
    tables = List.copyOf(tables);
    // state files written before reloads existed have no such list
    pendingReloads = pendingReloads == null ? List.of() : List.copyOf(pendingReloads);
    suspendedTables = suspendedTables == null ? List.of() : List.copyOf(suspendedTables);
  }

  /** This state with {@code sources} added to the tables to load again at the next run. */
  public TaskState withReloadRequested(List<TableId> sources) {
    var pending = new java.util.LinkedHashSet<>(pendingReloads);
    pending.addAll(sources);
    return new TaskState(taskId, migrationType, tables, cdc, List.copyOf(pending),
        suspendedTables);
  }

  public Optional<TableRecord> table(TableId source) {
    return tables.stream().filter(t -> t.source().equals(source)).findFirst();
  }

  public boolean isCompleted(TableId source) {
    return table(source).map(t -> t.state() == TableState.TABLE_COMPLETED).orElse(false);
  }
}
