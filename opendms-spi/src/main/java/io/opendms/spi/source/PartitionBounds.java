package io.opendms.spi.source;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which rows of a table one partition covers. Partitions of a table never overlap. */
public sealed interface PartitionBounds permits PartitionBounds.WholeTable,
        PartitionBounds.BlockRange,
        PartitionBounds.KeyRange,
        PartitionBounds.TupleRange,
        PartitionBounds.SourcePartitions {

  /**
   * Whether the partition is a span of primary-key values, the same on the source and the
   * target: its rows on the target can be found (and deleted) by key, and a row is in it by its
   * key alone, not by where it is stored. A block range or a source partition is not: an update
   * moves a row to another block, or to another partition by a non-key column.
   */
  default boolean isKeySpan() {
    return this instanceof KeyRange || this instanceof TupleRange;
  }

  /** Every row. */
  record WholeTable() implements PartitionBounds {}

  /**
   * Rows stored in a range of physical blocks (PostgreSQL ctid pages) of one file of the table.
   *
   * @param firstBlock the first block, inclusive
   * @param endBlock the block after the last, or -1 for "to the end of the table"
   * @param fileNode the file the blocks are of (PostgreSQL's {@code pg_relation_filenode}), 0 when
   *     unknown: a rewrite of the table (VACUUM FULL, CLUSTER, a rewriting ALTER TABLE) gives it
   *     another and moves its rows to other blocks without a change the stream would show
   */
  record BlockRange(long firstBlock, long endBlock, long fileNode) implements PartitionBounds {
    private static final Pattern TEXT = Pattern.compile(
        "BlockRange\\[firstBlock=(\\d+), endBlock=(-1|\\d+), fileNode=(\\d+)]");

    public BlockRange {
      if (firstBlock < 0 || (endBlock != -1 && endBlock <= firstBlock) || fileNode < 0) {
        throw new IllegalArgumentException("bad block range " + firstBlock + ".." + endBlock
            + " of file " + fileNode);
      }
    }

    /** Blocks of a file not known. */
    public BlockRange(long firstBlock, long endBlock) {
      this(firstBlock, endBlock, 0);
    }

    /** Whether it runs to the end of the table. */
    public boolean isOpen() {
      return endBlock == -1;
    }

    /** What {@link #parse} reads back; the form the task state records. */
    @Override
    public String toString() {
      return "BlockRange[firstBlock=" + firstBlock + ", endBlock=" + endBlock + ", fileNode="
          + fileNode + "]";
    }

    /** The range {@link #toString} wrote, or empty when {@code text} is not one. */
    public static Optional<BlockRange> parse(String text) {
      Matcher matcher = TEXT.matcher(text);
      if (!matcher.matches()) {
        return Optional.empty();
      }
      return Optional.of(new BlockRange(Long.parseLong(matcher.group(1)),
          Long.parseLong(matcher.group(2)), Long.parseLong(matcher.group(3))));
    }
  }

  /**
   * Rows whose first primary-key column lies in {@code [lower, upper)}, for sources that split by
   * key (MySQL, whose InnoDB tables are clustered by it). The key column is never NULL.
   *
   * @param column the first primary-key column
   * @param lower the smallest value, inclusive, or null for "from the first row"
   * @param upper the value after the largest, exclusive, or null for "to the last row"
   */
  record KeyRange(String column, Object lower, Object upper) implements PartitionBounds {
    public KeyRange {
      java.util.Objects.requireNonNull(column, "column");
    }
  }

  /**
   * Rows whose key tuple, compared column by column (SQL row comparison), lies in {@code (after,
   * through]}: one segment of DMS's {@code parallel-load} {@code ranges}. Rows with a NULL key
   * column are in no segment, as in DMS. Values are canonical values of the columns' types.
   *
   * @param columns the key columns, at least one
   * @param after the exclusive lower bound, one value per column; empty for "from the first row"
   * @param through the inclusive upper bound, one value per column; empty for "to the last row"
   */
  record TupleRange(List<String> columns, List<Object> after, List<Object> through)
      implements PartitionBounds {
    public TupleRange {
      columns = List.copyOf(columns);
      after = List.copyOf(after);
      through = List.copyOf(through);
      if (columns.isEmpty()
          || (!after.isEmpty() && after.size() != columns.size())
          || (!through.isEmpty() && through.size() != columns.size())) {
        throw new IllegalArgumentException("a tuple range needs one bound value per column of "
            + columns);
      }
    }
  }

  /**
   * The rows stored in some partitions (or subpartitions) of a partitioned table: DMS's {@code
   * parallel-load} {@code partitions-auto}, {@code subpartitions-auto} and {@code
   * partitions-list}. Names are as {@link SnapshotSession#partitionNames} lists them.
   *
   * @param names at least one partition name
   */
  record SourcePartitions(List<String> names) implements PartitionBounds {
    public SourcePartitions {
      names = List.copyOf(names);
      if (names.isEmpty()) {
        throw new IllegalArgumentException("no partition named");
      }
    }
  }
}
