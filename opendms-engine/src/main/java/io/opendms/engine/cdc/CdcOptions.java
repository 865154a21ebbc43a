package io.opendms.engine.cdc;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When the apply loop commits and when it stops.
 *
 * @param maxChanges commit once this many row changes are held (at a transaction boundary)
 * @param maxWait commit once the oldest held change waited this long
 * @param idleWait commit when no change is waiting and the oldest held one waited this long
 * @param stopAtServerTime DMS {@code CdcStopPosition server_time:}; null for none
 * @param stopAtCommitTime DMS {@code CdcStopPosition commit_time:}: transactions committed later
 *     are not applied; null for none
 * @param maxHeldBytes commit once the held changes take this many bytes of heap by {@link
 *     ChangeBuffer#estimate}'s measure (at a transaction boundary)
 */
public record CdcOptions(
    long maxChanges, Duration maxWait, Duration idleWait, Instant stopAtServerTime,
    Instant stopAtCommitTime, long maxHeldBytes) {

  public CdcOptions {
    Objects.requireNonNull(maxWait, "maxWait");
    Objects.requireNonNull(idleWait, "idleWait");
    if (maxChanges < 1) {
      throw new IllegalArgumentException("maxChanges must be >= 1, got " + maxChanges);
    }
    if (maxHeldBytes < 1) {
      throw new IllegalArgumentException("maxHeldBytes must be >= 1, got " + maxHeldBytes);
    }
  }

  /** Options without a bound on the held changes' memory. */
  public CdcOptions(long maxChanges, Duration maxWait, Duration idleWait, Instant stopAtServerTime,
      Instant stopAtCommitTime) {
    this(maxChanges, maxWait, idleWait, stopAtServerTime, stopAtCommitTime, Long.MAX_VALUE);
  }

  /**
   * DMS's grouping: transactional apply commits after {@code MinTransactionSize} changes or
   * {@code CommitTimeout}, at once when idle; batch apply after {@code BatchSplitSize} changes (no
   * limit: 100,000, to bound the memory of net changes) or {@code BatchApplyMemoryLimit} bytes
   * (0: no limit), {@code BatchApplyTimeoutMax}, or {@code BatchApplyTimeoutMin} when idle.
   */
  public static CdcOptions of(boolean batchApply, int minTransactionSize, Duration commitTimeout,
      int batchSplitSize, long batchMemoryLimitBytes, Duration batchTimeoutMin,
      Duration batchTimeoutMax, Instant stopAtServerTime, Instant stopAtCommitTime) {
    return batchApply
        ? new CdcOptions(batchSplitSize > 0 ? batchSplitSize : 100_000, batchTimeoutMax,
            batchTimeoutMin, stopAtServerTime, stopAtCommitTime,
            batchMemoryLimitBytes > 0 ? batchMemoryLimitBytes : Long.MAX_VALUE)
        : new CdcOptions(Math.max(1, minTransactionSize), commitTimeout, Duration.ZERO,
            stopAtServerTime, stopAtCommitTime);
  }

  /**
   * These options, holding changes at least {@code minimum} before a commit even when idle (a
   * target that writes a file per commit); the same options when {@code minimum} is zero.
   */
  public CdcOptions holdingAtLeast(Duration minimum) {
    if (minimum.isZero()) {
      return this;
    }
    return new CdcOptions(Math.max(maxChanges, Integer.MAX_VALUE),
        maxWait.compareTo(minimum) < 0 ? minimum : maxWait,
        idleWait.compareTo(minimum) < 0 ? minimum : idleWait, stopAtServerTime, stopAtCommitTime,
        maxHeldBytes);
  }
}
