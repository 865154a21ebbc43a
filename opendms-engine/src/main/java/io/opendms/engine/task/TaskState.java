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
 */
public record TaskState(
    String taskId, MigrationType migrationType, List<TableRecord> tables, CdcRecord cdc) {

  public TaskState(String taskId, MigrationType migrationType, List<TableRecord> tables) {
    this(taskId, migrationType, tables, null);
  }

  public TaskState {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(migrationType, "migrationType");
    tables = List.copyOf(tables);
  }

  public Optional<TableRecord> table(TableId source) {
    return tables.stream().filter(t -> t.source().equals(source)).findFirst();
  }

  public boolean isCompleted(TableId source) {
    return table(source).map(t -> t.state() == TableState.TABLE_COMPLETED).orElse(false);
  }
}
