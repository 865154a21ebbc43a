package io.opendms.connector.postgres;

import io.opendms.spi.source.PartitionBounds;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a table's heap blocks into contiguous ranges of roughly equal size. Pure arithmetic;
 * immutable and thread-safe.
 */
final class BlockRangePartitioner {

  /**
   * The smallest partition worth its cost: each partition is one COPY on the source and one
   * transaction on the target, and below a few tens of megabytes that fixed cost and the imbalance
   * of the last partition outweigh what parallel loading gains.
   */
  static final long DEFAULT_MIN_PARTITION_BYTES = 32L * 1024 * 1024;

  private final long minPartitionBytes;

  BlockRangePartitioner(long minPartitionBytes) {
    if (minPartitionBytes < 1) {
      throw new IllegalArgumentException(
          "minPartitionBytes must be >= 1, got " + minPartitionBytes);
    }
    this.minPartitionBytes = minPartitionBytes;
  }

  /**
   * The ranges for a table of {@code blocks} blocks of {@code blockSize} bytes: one {@link
   * PartitionBounds.WholeTable} when it is too small to split, else at most {@code maxPartitions}
   * block ranges of at least the minimum size each, the last one open-ended so rows in blocks added
   * since the size was read are not missed.
   *
   * @param fileNode the table's file, which the ranges name (0 when unknown)
   */
  List<PartitionBounds> split(long blocks, long blockSize, int maxPartitions, long fileNode) {
    if (maxPartitions < 1) {
      throw new IllegalArgumentException("maxPartitions must be >= 1, got " + maxPartitions);
    }
    long minBlocks = Math.max(1, minPartitionBytes / blockSize);
    long count = Math.min(maxPartitions, blocks / minBlocks);
    if (count <= 1) {
      return List.of(new PartitionBounds.WholeTable());
    }
    long size = (blocks + count - 1) / count;
    List<PartitionBounds> ranges = new ArrayList<>();
    for (long first = 0; first < blocks; first += size) {
      boolean last = first + size >= blocks;
      ranges.add(new PartitionBounds.BlockRange(first, last ? -1 : first + size, fileNode));
    }
    return ranges;
  }
}
