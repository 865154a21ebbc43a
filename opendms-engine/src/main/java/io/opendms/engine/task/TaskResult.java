package io.opendms.engine.task;

import io.opendms.engine.cdc.CdcStop;
import io.opendms.engine.fullload.TableStatus;
import io.opendms.engine.validation.TableVerdict;
import io.opendms.engine.validation.ValidationStatus;
import java.util.List;

/**
 * How a task run ended.
 *
 * @param loaded the tables this run loaded (or tried to), in plan order
 * @param keptFromEarlierRun tables a resumed run found completed and left alone
 * @param stopped whether the run was stopped before its end
 * @param cdcStop for a task with CDC that replicated: why replication ended; null otherwise
 * @param validation the verdict of each table validated by this run; empty without validation
 */
public record TaskResult(
    List<TableStatus> loaded, List<TableRecord> keptFromEarlierRun, boolean stopped, CdcStop cdcStop,
    List<TableVerdict> validation) {

  public TaskResult(List<TableStatus> loaded, List<TableRecord> keptFromEarlierRun, boolean stopped,
      CdcStop cdcStop) {
    this(loaded, keptFromEarlierRun, stopped, cdcStop, List.of());
  }

  public TaskResult(List<TableStatus> loaded, List<TableRecord> keptFromEarlierRun, boolean stopped) {
    this(loaded, keptFromEarlierRun, stopped, null);
  }

  public TaskResult {
    loaded = List.copyOf(loaded);
    keptFromEarlierRun = List.copyOf(keptFromEarlierRun);
    validation = List.copyOf(validation);
  }

  /** Whether every validated table matched (or could not be validated for lack of a key). */
  public boolean validationPassed() {
    return validation.stream().noneMatch(v -> ValidationStatus.of(v).isFailure());
  }

  /**
   * True when the task did its job: every table loaded, for CDC, replication ended by a stop
   * request or a stop position (it runs until then), and every validated table matched.
   */
  public boolean succeeded() {
    boolean tablesDone = loaded.stream().allMatch(t -> t.state() == TableState.TABLE_COMPLETED);
    return (cdcStop != null ? tablesDone : allTablesCompleted()) && validationPassed();
  }

  /** True when every selected table is completed on the target. */
  public boolean allTablesCompleted() {
    return !stopped && loaded.stream().allMatch(t -> t.state() == TableState.TABLE_COMPLETED);
  }
}
