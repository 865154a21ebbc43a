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
 */
public record TablePartition(
    TableId table, int index, int count, PartitionBounds bounds, long estimatedRows) {

  public TablePartition {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(bounds, "bounds");
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("partition " + index + " of " + count + " for " + table);
    }
  }

  public static TablePartition whole(TableId table, long estimatedRows) {
    return new TablePartition(table, 0, 1, new PartitionBounds.WholeTable(), estimatedRows);
  }

  @Override
  public String toString() {
    return count == 1 ? table.toString() : table + " part " + (index + 1) + "/" + count;
  }
}
