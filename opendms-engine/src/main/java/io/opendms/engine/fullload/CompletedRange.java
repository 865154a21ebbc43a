package io.opendms.engine.fullload;

import java.time.Instant;
import java.util.Objects;

/**
 * One partition of a table whose load committed on the target, as the task state keeps it so that
 * a resumed full load does not read it again.
 *
 * @param index its 0-based position among the table's partitions
 * @param count how many partitions the table had
 * @param bounds the partition's bounds in text ({@code PartitionBounds#toString()}): a resumed
 *     load keeps the partition only when it plans the very same bounds again
 * @param rows the rows it committed
 * @param finished when it committed
 */
public record CompletedRange(int index, int count, String bounds, long rows, Instant finished) {

  public CompletedRange {
    Objects.requireNonNull(bounds, "bounds");
  }
}
