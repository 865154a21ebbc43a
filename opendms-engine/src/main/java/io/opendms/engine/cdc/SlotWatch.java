package io.opendms.engine.cdc;

import io.opendms.spi.change.ChangeCapture;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the change log a capture makes the source keep against a budget, on a thread of its
 * own: a slot that falls behind (a slow or stopped target, a long transaction) fills the
 * source's disk, and PostgreSQL does not stop it unless {@code max_slot_wal_keep_size} is set.
 * Warns once when the retention passes the budget and says when it is back under it.
 */
public final class SlotWatch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SlotWatch.class);
  private static final Duration INTERVAL = Duration.ofSeconds(5);

  private final String taskId;
  private final ChangeCapture capture;
  private final long budgetBytes;
  private final Consumer<String> warnings;
  private final Thread thread;
  private volatile boolean closing;
  private boolean over;

  /**
   * @param warnings where a warning goes besides the task log (the server's events); called on
   *     the watch thread
   */
  public SlotWatch(String taskId, ChangeCapture capture, long budgetBytes, Consumer<String> warnings) {
    this.taskId = taskId;
    this.capture = capture;
    this.budgetBytes = budgetBytes;
    this.warnings = warnings;
    this.thread = new Thread(this::watch, "slot-watch-" + taskId);
    thread.setDaemon(true);
  }

  public SlotWatch start() {
    thread.start();
    return this;
  }

  private void watch() {
    while (!closing) {
      capture.retainedBytes().ifPresent(this::check);
      try {
        Thread.sleep(INTERVAL.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Compares one measurement with the budget; package-private for tests. */
  void check(long retained) {
    if (!over && retained > budgetBytes) {
      over = true;
      String message = String.format("task %s: the source keeps %.1f MB of WAL for its replication"
          + " slot, over the budget of %d MB (OpenDmsSettings.SlotRetainedWalWarningMb): the"
          + " target falls behind or the task applies too slowly; the source's disk fills until"
          + " it catches up", taskId, retained / 1048576.0, budgetBytes >> 20);
      log.warn(message);
      warnings.accept(message);
    } else if (over && retained <= budgetBytes) {
      over = false;
      log.info("task {}: WAL kept for the replication slot is back under the budget ({} MB)",
          taskId, retained >> 20);
    }
  }

  @Override
  public void close() {
    closing = true;
    thread.interrupt();
  }
}
