package io.opendms.engine.task;

import io.opendms.engine.settings.ErrorBehaviorSettings;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * When to restart change processing after a recoverable (TRANSIENT) error, by DMS's
 * RecoverableErrorCount, RecoverableErrorInterval, RecoverableErrorThrottling(Max) and
 * RecoverableErrorStopRetryAfterThrottlingMax: the first wait is the interval, each further wait
 * doubles up to the maximum when throttling; retries end after the count (-1 = never) or, when
 * asked to, after the wait that reached the maximum. Progress (a target commit) since the last
 * restart starts the sequence over, so a task that ran for days gets its full count again.
 * Confined to the thread that restarts.
 */
final class RecoveryBackoff {

  private final ErrorBehaviorSettings settings;
  private int restarts;
  private Duration last;
  private boolean reachedMax;

  RecoveryBackoff(ErrorBehaviorSettings settings) {
    this.settings = settings;
  }

  /** The wait before the next restart, or empty when no more restarts are allowed. */
  Optional<Duration> next() {
    int count = settings.recoverableErrorCount();
    if (count >= 0 && restarts >= count) {
      return Optional.empty();
    }
    if (reachedMax && settings.recoverableErrorThrottling()
        && settings.recoverableErrorStopRetryAfterThrottlingMax()) {
      return Optional.empty();
    }
    Duration wait = last == null || !settings.recoverableErrorThrottling()
        ? settings.recoverableErrorInterval() : last.multipliedBy(2);
    Duration max = settings.recoverableErrorThrottlingMax();
    if (settings.recoverableErrorThrottling() && wait.compareTo(max) >= 0) {
      wait = max;
      reachedMax = true;
    }
    last = wait;
    restarts++;
    return Optional.of(wait);
  }

  /** Restarts made since the last progress. */
  int restarts() {
    return restarts;
  }

  /** Change processing made progress: the next failure starts over at the first interval. */
  void progressed() {
    restarts = 0;
    last = null;
    reachedMax = false;
  }

  /**
   * Waits {@code wait} in steps of 100 ms, so that a stop need not wait for a long backoff.
   *
   * @return false when {@code stopping} turned true or the thread was interrupted first
   */
  static boolean await(Duration wait, BooleanSupplier stopping) {
    long end = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < end) {
      if (stopping.getAsBoolean()) {
        return false;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
