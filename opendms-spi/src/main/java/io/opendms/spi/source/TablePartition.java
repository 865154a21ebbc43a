package io.opendms.spi.source;

import io.opendms.spi.table.TableId;
import java.util.Objects;

/**
 * One unit of parallel full-load work: part of a table that one reader reads and one target
 * transaction writes.
 *
 * @param table the table
 * @param index 0-based position among the table's partitions
 * @param count how many partitions the table has
 * @param bounds the rows it covers
 * @param estimatedRows the share of the table's row estimate, for progress
 * @param filter the rows of the partition to read; readers of a session whose {@link
 *     SnapshotSession#appliesRowFilters()} is true apply it in the source's query
 */
public record TablePartition(
    TableId table,
    int index,
    int count,
    PartitionBounds bounds,
    long estimatedRows,
    RowFilter filter) {

  public TablePartition {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(bounds, "bounds");
    Objects.requireNonNull(filter, "filter");
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("partition " + index + " of " + count + " for " + table);
    }
  }

  /** A partition reading every row of its bounds. */
  public TablePartition(
      TableId table, int index, int count, PartitionBounds bounds, long estimatedRows) {
    this(table, index, count, bounds, estimatedRows, RowFilter.NONE);
  }

  /** The same partition reading only the rows {@code rows} accepts. */
  public TablePartition withFilter(RowFilter rows) {
    return new TablePartition(table, index, count, bounds, estimatedRows, rows);
  }

  public static TablePartition whole(TableId table, long estimatedRows) {
    return new TablePartition(table, 0, 1, new PartitionBounds.WholeTable(), estimatedRows);
  }

  @Override
  public String toString() {
    return count == 1 ? table.toString() : table + " part " + (index + 1) + "/" + count;
  }
}
