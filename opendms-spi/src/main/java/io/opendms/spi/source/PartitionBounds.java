package io.opendms.spi.source;

/** Which rows of a table one partition covers. Partitions of a table never overlap. */
public sealed interface PartitionBounds permits PartitionBounds.WholeTable, PartitionBounds.BlockRange {

  /** Every row. */
  record WholeTable() implements PartitionBounds {}

  /**
   * Rows stored in a range of physical blocks (PostgreSQL ctid pages).
   *
   * @param firstBlock the first block, inclusive
   * @param endBlock the block after the last, or -1 for "to the end of the table"
   */
  record BlockRange(long firstBlock, long endBlock) implements PartitionBounds {
    public BlockRange {
      if (firstBlock < 0 || (endBlock != -1 && endBlock <= firstBlock)) {
        throw new IllegalArgumentException("bad block range " + firstBlock + ".." + endBlock);
      }
    }
  }
}
