package io.opendms.engine.fullload;

import io.opendms.engine.plan.TablePlan;
import io.opendms.engine.task.TableState;
import java.time.Duration;
import java.time.Instant;

/**
 * A point-in-time view of one table's full load, for progress displays and summaries.
 *
 * @param plan the table
 * @param state its load state
 * @param rows rows loaded so far (committed plus in flight)
 * @param partitions how many partitions it was split into (0 before planning)
 * @param path how its rows travel; null before planning
 * @param started when loading started; null before
 * @param finished when it ended; null before
 * @param error why it failed; null unless failed
 * @param bytes bytes moved so far: exact for a native stream, {@link
 *     io.opendms.engine.throughput.PayloadSize estimated} for decoded rows
 * @param reloaded whether this is a reload the task was asked for (DMS's {@code FullLoadReloaded})
 */
public record TableStatus(
    TablePlan plan,
    TableState state,
    long rows,
    int partitions,
    LoadPath path,
    Instant started,
    Instant finished,
    String error,
    long bytes,
    boolean reloaded) {

  /** The status of a first load. */
  public TableStatus(TablePlan plan, TableState state, long rows, int partitions, LoadPath path,
      Instant started, Instant finished, String error, long bytes) {
    this(plan, state, rows, partitions, path, started, finished, error, bytes, false);
  }

  /**
   * This status as a reload shows it: {@link TableState#TABLE_RELOADING} until it ends, then
   * its final state.
   */
  public TableStatus asReload() {
    TableState shown = state.isFinal() ? state : TableState.TABLE_RELOADING;
    return new TableStatus(plan, shown, rows, partitions, path, started, finished, error, bytes, true);
  }

  /** This status in {@link TableState#TABLE_ERROR} for {@code reason}, its counts kept. */
  public TableStatus failed(String reason) {
    return new TableStatus(plan, TableState.TABLE_ERROR, rows, partitions, path, started, finished,
        reason, bytes, reloaded);
  }

  /** Time spent loading, up to now while it runs. */
  public Duration elapsed() {
    if (started == null) {
      return Duration.ZERO;
    }
    return Duration.between(started, finished == null ? Instant.now() : finished);
  }
}
