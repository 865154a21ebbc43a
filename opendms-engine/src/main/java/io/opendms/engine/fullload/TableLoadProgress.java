package io.opendms.engine.fullload;

import io.opendms.engine.plan.TablePlan;
import io.opendms.engine.task.TableState;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live state of one table during a full load. Rows are counted by worker threads; the state
 * moves on the coordinating thread, except the start mark, which the first worker sets.
 */
final class TableLoadProgress {
  private final TablePlan plan;
  private final AtomicLong rows = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private volatile TableState state = TableState.BEFORE_LOAD;
  private volatile int partitions;
  private volatile int remaining;
  private volatile LoadPath path;
  private volatile Instant started;
  private volatile Instant finished;
  private volatile String error;

  TableLoadProgress(TablePlan plan) {
    this.plan = plan;
  }

  TablePlan plan() {
    return plan;
  }

  void planned(int partitionCount, LoadPath loadPath) {
    this.partitions = partitionCount;
    this.remaining = partitionCount;
    this.path = loadPath;
  }

  LoadPath path() {
    return path;
  }

  synchronized void markStarted() {
    if (started == null) {
      started = Instant.now();
      state = TableState.FULL_LOAD;
    }
  }

  void addRows(long count) {
    rows.addAndGet(count);
  }

  /** Counts bytes as they move, including those of a transaction later rolled back. */
  void addBytes(long count) {
    bytes.addAndGet(count);
  }

  /** Counts one committed partition; true when it was the table's last. */
  boolean partitionCommitted() {
    remaining--;
    return remaining == 0;
  }

  boolean hasFailed() {
    return state == TableState.TABLE_ERROR || state == TableState.TABLE_CANCELLED;
  }

  void completed() {
    finish(TableState.TABLE_COMPLETED, null);
  }

  void failed(String reason) {
    if (!hasFailed()) {
      finish(TableState.TABLE_ERROR, reason);
    }
  }

  void cancelled() {
    if (!state.isFinal()) {
      finish(TableState.TABLE_CANCELLED, "stopped before the table finished loading");
    }
  }

  private void finish(TableState finalState, String reason) {
    this.error = reason;
    this.finished = Instant.now();
    if (started == null) {
      started = finished;
    }
    this.state = finalState;
  }

  TableStatus status() {
    return new TableStatus(plan, state, rows.get(), partitions, path, started, finished, error, bytes.get());
  }
}
