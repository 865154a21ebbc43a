package io.opendms.engine.fullload;

import io.opendms.engine.settings.ErrorPolicy;
import io.opendms.spi.change.ApplyConflict;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.DataRefusedException;
import io.opendms.spi.target.RefusedRowLog;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.target.TargetTable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides about each row a full load's target refused, as {@link RefusedRowSettings} say, and
 * carries out the decision's record: the task log, and {@code awsdms_apply_exceptions} on targets
 * that keep it ({@link RefusedRowLog}). Counts refused rows per table for the escalation. Shared by
 * the load's worker threads; thread-safe.
 */
final class RefusedRows {
  private static final Logger log = LoggerFactory.getLogger(RefusedRows.class);

  /** A refused row ended its table (SUSPEND_TABLE) or the load (STOP_TASK). */
  static final class TableStopped extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean stopTask;

    TableStopped(String message, boolean stopTask, Throwable cause) {
      super(message, cause);
      this.stopTask = stopTask;
    }

    /** Whether the whole load stops (STOP_TASK), not just the table. */
    boolean stopTask() {
      return stopTask;
    }
  }

  private final RefusedRowSettings settings;
  private final Map<TableId, Integer> counts = new ConcurrentHashMap<>();

  RefusedRows(RefusedRowSettings settings) {
    this.settings = settings;
  }

  int chunkRows() {
    return settings.chunkRows();
  }

  /**
   * One row the target refused alone: skips or records it and returns, or throws {@link
   * TableStopped} when the policy ends the table or the load.
   *
   * @param session the worker's session, to record the row in (when it keeps control tables)
   */
  void refused(TargetSession session, TargetTable table, List<Object> row, DataRefusedException refusal) {
    ErrorPolicy policy = refusal.kind() == ApplyConflict.Kind.TRUNCATION
        ? settings.dataTruncationErrorPolicy() : settings.dataErrorPolicy();
    int count = counts.merge(table.id(), 1, Integer::sum);
    if (settings.escalationCount() > 0 && count >= settings.escalationCount()
        && policy != settings.escalationPolicy()) {
      log.warn("{}: {} refused row(s) reached DataErrorEscalationCount; escalating to {}", table.id(),
          count, settings.escalationPolicy());
      policy = settings.escalationPolicy();
    }
    if (policy == ErrorPolicy.IGNORE_RECORD) {
      return;
    }
    log.warn("{}: row refused by the target ({} -> {}): {}", table.id(), refusal.kind(), policy,
        refusal.getMessage());
    if (session instanceof RefusedRowLog exceptions) {
      exceptions.recordRefusedRow(settings.taskId(), settings.controlSchema(), table, row,
          refusal.getMessage());
    }
    switch (policy) {
      case SUSPEND_TABLE -> throw new TableStopped("table suspended by the " + refusal.kind()
          + " policy (SUSPEND_TABLE): " + refusal.getMessage(), false, refusal);
      case STOP_TASK -> throw new TableStopped("the " + refusal.kind()
          + " policy stops the task (STOP_TASK): " + refusal.getMessage(), true, refusal);
      default -> { }
    }
  }
}
