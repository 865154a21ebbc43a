package io.opendms.engine.task;

import io.opendms.engine.fullload.TableStatus;
import java.util.List;

/**
 * How a task run ended.
 *
 * @param loaded the tables this run loaded (or tried to), in plan order
 * @param keptFromEarlierRun tables a resumed run found completed and left alone
 * @param stopped whether the run was stopped before its end
 */
public record TaskResult(List<TableStatus> loaded, List<TableRecord> keptFromEarlierRun, boolean stopped) {

  public TaskResult {
    loaded = List.copyOf(loaded);
    keptFromEarlierRun = List.copyOf(keptFromEarlierRun);
  }

  /** True when every selected table is completed on the target. */
  public boolean allTablesCompleted() {
    return !stopped && loaded.stream().allMatch(t -> t.state() == TableState.TABLE_COMPLETED);
  }
}
