package io.opendms.engine.task;

import io.opendms.engine.cdc.CdcStop;
import io.opendms.engine.settings.ErrorBehaviorSettings;
import io.opendms.spi.error.ErrorCategory;
import io.opendms.spi.error.OpenDmsException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs change processing and, after a transient failure (a lost connection), runs it again as
 * the task's ErrorBehavior allows ({@link RecoveryBackoff}); any other failure ends it.
 */
final class ChangeProcessingRestarts {
  private static final Logger log = LoggerFactory.getLogger(ChangeProcessingRestarts.class);

  private final String taskId;
  private final RecoveryBackoff backoff;
  /** Set by the apply thread on each commit, read by the restarting thread. */
  private volatile boolean progressed;

  ChangeProcessingRestarts(String taskId, ErrorBehaviorSettings settings) {
    this.taskId = taskId;
    this.backoff = new RecoveryBackoff(settings);
  }

  /** A target commit: the next failure starts the backoff over. Any thread. */
  void progressed() {
    progressed = true;
  }

  /**
   * @param restart which attempt to make after a failure, asked at that time (what the target
   *     stored by then decides where to resume)
   * @return how the last attempt stopped; {@link CdcStop#STOPPED} when stopped during a wait
   */
  CdcStop run(Supplier<CdcStop> firstAttempt, Supplier<Supplier<CdcStop>> restart, BooleanSupplier stopping) {
    Supplier<CdcStop> attempt = firstAttempt;
    while (true) {
      try {
        return attempt.get();
      } catch (OpenDmsException e) {
        if (e.category() != ErrorCategory.TRANSIENT || stopping.getAsBoolean()) {
          throw e;
        }
        if (progressed) {
          progressed = false;
          backoff.progressed();
        }
        Optional<Duration> wait = backoff.next();
        if (wait.isEmpty()) {
          log.error("task {}: {}; no restart left after {} (RecoverableErrorCount,"
              + " RecoverableErrorStopRetryAfterThrottlingMax)", taskId, e.getMessage(), backoff.restarts());
          throw e;
        }
        log.warn("task {}: {}; restarting change processing in {} s (restart {})", taskId,
            e.getMessage(), wait.get().toSeconds(), backoff.restarts());
        if (!RecoveryBackoff.await(wait.get(), stopping)) {
          return CdcStop.STOPPED;
        }
        attempt = restart.get();
      }
    }
  }
}
