package io.opendms.spi.change;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the engine knows of its task when a target writes DMS's {@code awsdms_status} row, beyond
 * what the target's own write says (its applied position). Immutable; a figure the engine does not
 * know is -1 and written as NULL.
 *
 * @param pendingChanges {@code PENDING_CHANGES}: row changes captured from the source and not yet
 *     taken to be applied, held in memory or spilled to disk
 * @param diskSwapBytes {@code DISK_SWAP_SIZE}: bytes of captured changes spilled to disk and not
 *     read back yet
 * @param memoryBytes {@code TASK_MEMORY} (written in MB): the heap in use of the process running the
 *     task
 * @param readPosition {@code SOURCE_CURRENT_POSITION}: the newest source position the capture has
 *     read, the position of the last source commit it handed over; empty before the first
 * @param readCommitTime {@code SOURCE_CURRENT_TIMESTAMP}: that commit's source time; empty with it
 */
public record TaskProgress(long pendingChanges, long diskSwapBytes, long memoryBytes,
    Optional<String> readPosition, Optional<Instant> readCommitTime) {

  /** Nothing known: every column it fills stays NULL. */
  public static final TaskProgress UNKNOWN = new TaskProgress(-1, -1, -1, Optional.empty(), Optional.empty());

  public TaskProgress {
    Objects.requireNonNull(readPosition, "readPosition");
    Objects.requireNonNull(readCommitTime, "readCommitTime");
    if (pendingChanges < -1 || diskSwapBytes < -1 || memoryBytes < -1) {
      throw new IllegalArgumentException("pendingChanges, diskSwapBytes and memoryBytes are counts or -1,"
          + " got " + pendingChanges + ", " + diskSwapBytes + ", " + memoryBytes);
    }
    if (readPosition.isPresent() != readCommitTime.isPresent()) {
      throw new IllegalArgumentException("readPosition and readCommitTime come together, got "
          + readPosition + " and " + readCommitTime);
    }
  }

  /** The heap in use of this process now, as {@link #memoryBytes()} measures it. */
  public static long heapInUse() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
