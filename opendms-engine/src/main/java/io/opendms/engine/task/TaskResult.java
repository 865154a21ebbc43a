package io.opendms.engine.task;

import io.opendms.engine.cdc.CdcStop;
import io.opendms.engine.fullload.TableStatus;
import java.util.List;

/**
 * How a task run ended.
 *
 * @param loaded the tables this run loaded (or tried to), in plan order
 * @param keptFromEarlierRun tables a resumed run found completed and left alone
 * @param stopped whether the run was stopped before its end
 * @param cdcStop for a task with CDC that replicated: why replication ended; null otherwise
 */
public record TaskResult(
    List<TableStatus> loaded, List<TableRecord> keptFromEarlierRun, boolean stopped, CdcStop cdcStop) {

  public TaskResult(List<TableStatus> loaded, List<TableRecord> keptFromEarlierRun, boolean stopped) {
    this(loaded, keptFromEarlierRun, stopped, null);
  }

  public TaskResult {
    loaded = List.copyOf(loaded);
    keptFromEarlierRun = List.copyOf(keptFromEarlierRun);
  }

  /**
   * True when the task did its job: every table loaded, and for CDC, replication ended by a stop
   * request or a stop position (it runs until then).
   */
  public boolean succeeded() {
    boolean tablesDone = loaded.stream().allMatch(t -> t.state() == TableState.TABLE_COMPLETED);
    return cdcStop != null ? tablesDone : allTablesCompleted();
  }

  /** True when every selected table is completed on the target. */
  public boolean allTablesCompleted() {
    return !stopped && loaded.stream().allMatch(t -> t.state() == TableState.TABLE_COMPLETED);
  }
}
