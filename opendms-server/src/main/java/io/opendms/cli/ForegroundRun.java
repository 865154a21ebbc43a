package io.opendms.cli;

import io.opendms.engine.cdc.CdcStop;
import io.opendms.engine.task.MigrationTask;
import io.opendms.engine.task.StartMode;
import io.opendms.engine.task.TaskDefinition;
import io.opendms.engine.task.TaskResult;
import io.opendms.spi.error.OpenDmsException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a task on the calling thread with a progress display refreshed by a second thread, and
 * turns SIGINT/SIGTERM into a graceful stop: the signal asks the task to stop, waits for it to save
 * its state, and exits with the task's own exit code.
 */
final class ForegroundRun {
  private static final Duration REFRESH = Duration.ofMillis(250);
  private static final Duration STOP_GRACE = Duration.ofSeconds(60);
  /** How often CDC metrics are printed while a task replicates. */
  static final Duration CDC_METRICS_INTERVAL =
      Duration.ofSeconds(Long.getLong("opendms.cdc.metrics.seconds", 10));

  private final MigrationTask task;
  private final StartMode startMode;
  private final TaskDefinition definition;
  private final ProgressDisplay progress;
  private final PrintStream out;
  private final PrintStream err;
  /** Counted down when the task has returned: stops the progress refresher. */
  private final CountDownLatch finished = new CountDownLatch(1);
  /** Counted down when everything is printed and the exit code is known: releases the hook. */
  private final CountDownLatch reported = new CountDownLatch(1);
  private final AtomicInteger exitCode = new AtomicInteger(ExitCode.TASK_FAILED);

  ForegroundRun(MigrationTask task, StartMode startMode, TaskDefinition definition,
      ProgressDisplay progress, PrintStream out, PrintStream err) {
    this.task = task;
    this.startMode = startMode;
    this.definition = definition;
    this.progress = progress;
    this.out = out;
    this.err = err;
  }

  int execute() {
    Thread stopOnSignal = new Thread(this::stopAndWait, "signal-stop");
    Runtime.getRuntime().addShutdownHook(stopOnSignal);
    Thread refresher = new Thread(this::refreshUntilDone, "progress");
    refresher.setDaemon(true);
    refresher.start();
    try {
      TaskResult result = task.run(startMode);
      finished.countDown();
      joinQuietly(refresher);
      progress.close(task.status());
      new Summary(result).print(out);
      if (!result.validation().isEmpty()) {
        out.println("validation:");
        ValidationReport.print(out, result.validation(), false);
      }
      task.cdcMetrics().ifPresent(m -> {
        err.println("opendms migrate: CDC " + m.describe());
        m.describeTables().forEach(line -> err.println("opendms migrate: CDC " + line));
      });
      if (result.cdcStop() == CdcStop.STOPPED_AFTER_FULL_LOAD
          || result.cdcStop() == CdcStop.STOPPED_AFTER_CACHED_EVENTS) {
        err.println("opendms migrate: task " + definition.taskId() + " stopped after its full load ("
            + result.cdcStop().stopReason() + "); rerun with --start resume-processing --task-id "
            + definition.taskId() + " to go on with change processing");
      }
      if (!result.validationPassed()) {
        err.println("opendms migrate: validation found tables that differ; see the target's"
            + " awsdms_validation_failures_v1 or run opendms validate --show-diff");
      } else if (!result.succeeded()) {
        err.println("opendms migrate: task " + definition.taskId() + " did not complete every table"
            + (result.stopped() ? " (stopped)" : "") + "; rerun with --start resume-processing"
            + " --task-id " + definition.taskId() + " to load the rest");
      }
      exitCode.set(MigrateCommand.exitCodeFor(result));
    } catch (OpenDmsException e) {
      finished.countDown();
      joinQuietly(refresher);
      progress.close(task.status());
      if (!task.status().isEmpty()) {
        // Tables may have been prepared or loaded before the failure: say which.
        new Summary(new TaskResult(task.status(), List.of(), false)).print(out);
      }
      err.println("opendms migrate: " + e.getMessage());
      exitCode.set(movedData() ? ExitCode.TASK_FAILED : MigrateCommand.exitCodeFor(e));
    } finally {
      finished.countDown();
      out.flush();
      err.flush();
      reported.countDown();
      removeHook(stopOnSignal);
    }
    return exitCode.get();
  }

  /**
   * Whether this run loaded rows or started change processing before it failed: then the failure
   * (an unreachable target after the recoverable-error retries, say) is the task's, exit code 1,
   * not input found bad before any data moved.
   */
  private boolean movedData() {
    return task.cdcMetrics().isPresent() || task.status().stream().anyMatch(t -> t.rows() > 0);
  }

  /** Runs in the JVM's shutdown: stop the task, wait for it, keep its exit code. */
  private void stopAndWait() {
    if (reported.getCount() == 0) {
      return;
    }
    err.println("opendms migrate: stopping task " + definition.taskId() + " ...");
    task.stop();
    try {
      if (reported.await(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
        // System.exit from main would wait for this hook: halt with the task's code instead.
        Runtime.getRuntime().halt(exitCode.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void refreshUntilDone() {
    try {
      long nextMetrics = System.nanoTime() + CDC_METRICS_INTERVAL.toNanos();
      while (!finished.await(REFRESH.toMillis(), TimeUnit.MILLISECONDS)) {
        progress.update(task.status());
        if (System.nanoTime() >= nextMetrics) {
          nextMetrics = System.nanoTime() + CDC_METRICS_INTERVAL.toNanos();
          task.cdcMetrics().ifPresent(m -> err.println("opendms migrate: CDC " + m.describe()));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Shutdown already under way: the hook is running and will halt with our code.
    }
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join(REFRESH.multipliedBy(4).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
