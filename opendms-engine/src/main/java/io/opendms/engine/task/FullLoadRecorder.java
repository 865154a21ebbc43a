package io.opendms.engine.task;

import io.opendms.engine.cdc.CdcCounters;
import io.opendms.engine.cdc.ChangeBuffer;
import io.opendms.engine.fullload.FullLoadRunner;
import io.opendms.engine.fullload.TableStatus;
import io.opendms.spi.change.ApplyRequest;
import io.opendms.spi.change.ChangeApplier;
import io.opendms.spi.change.ControlTableWrites;
import io.opendms.spi.change.StoredPosition;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes DMS's {@code FULL LOAD} status row and history timeslots while a task with CDC loads its
 * tables, when {@code StatusTableEnabled} or {@code HistoryTableEnabled} is on: at the start,
 * every {@link ControlTableWrites#STATUS_INTERVAL} and at the end, on a thread and a target
 * connection of its own, in short transactions touching only the control tables, so the load
 * neither waits for it nor shares a lock with it. A write that fails is logged and ends the
 * recording, not the load.
 */
final class FullLoadRecorder implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FullLoadRecorder.class);

  private final ChangeApplier applier;
  private final Supplier<FullLoadRunner> runner;
  private final CdcCounters counters;
  private final ChangeBuffer buffer;
  private final StoredPosition restart;
  private final Thread thread;
  private final Object wake = new Object();
  private boolean closing;
  private boolean failed;
  private long rows;
  private long bytes;

  private FullLoadRecorder(ChangeApplier applier, Supplier<FullLoadRunner> runner,
      CdcCounters counters, ChangeBuffer buffer, StoredPosition restart) {
    this.applier = applier;
    this.runner = runner;
    this.counters = counters;
    this.buffer = buffer;
    this.restart = restart;
    this.thread = new Thread(this::run, "full-load-status");
    thread.setDaemon(true);
  }

  /**
   * Starts recording when the task's target writes those tables and one is enabled; else returns
   * a recorder that does nothing.
   *
   * @param request the task's apply request: its control tables and schema
   * @param runner the full load, once it runs; else null
   * @param restart where a restart resumes the task: the capture's start, taken now
   */
  static FullLoadRecorder start(ChangeAppliers appliers, ApplyRequest request,
      Supplier<FullLoadRunner> runner, CdcCounters counters, ChangeBuffer buffer, String restart) {
    ChangeApplier applier = null;
    if (request.controlTables().status() || request.controlTables().history()) {
      // no table of the task: they may not exist before the load prepares them
      applier = appliers.openForControlTables(new ApplyRequest(request.taskId(), List.of(),
          request.batchApply(), request.controlSchema(), request.conflicts(), request.controlTables()))
          .orElse(null);
    }
    FullLoadRecorder recorder = new FullLoadRecorder(applier, runner, counters, buffer,
        new StoredPosition(restart, Instant.now()));
    if (applier != null) {
      recorder.thread.start();
    }
    return recorder;
  }

  private void run() {
    synchronized (wake) {
      while (!failed) {
        record();
        if (closing) {
          return;
        }
        try {
          wake.wait(ControlTableWrites.STATUS_INTERVAL.toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** Adds the rows and bytes loaded since the last write; on the recorder's thread. */
  private void record() {
    long rowsNow = 0;
    long bytesNow = 0;
    FullLoadRunner load = runner.get();
    for (TableStatus table : load == null ? List.<TableStatus>of() : load.status()) {
      rowsNow += table.rows();
      bytesNow += table.bytes();
    }
    try {
      applier.recordFullLoad(Math.max(0, rowsNow - rows), Math.max(0, bytesNow - bytes), restart,
          counters.progress(buffer));
      rows = Math.max(rows, rowsNow);
      bytes = Math.max(bytes, bytesNow);
    } catch (RuntimeException e) {
      failed = true;
      log.warn("cannot record the full load in awsdms_status/awsdms_history, no longer trying: {}",
          e.getMessage());
    }
  }

  /** Writes the last figures and closes the connection. */
  @Override
  public void close() {
    if (applier == null) {
      return;
    }
    synchronized (wake) {
      closing = true;
      wake.notifyAll();
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      applier.close();
    }
  }
}
