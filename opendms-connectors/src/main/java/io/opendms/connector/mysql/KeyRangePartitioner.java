package io.opendms.connector.mysql;

import io.opendms.spi.source.PartitionBounds;
import io.opendms.spi.source.TablePartition;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Splits a table into ranges of its first primary-key column when that column is an integer:
 * InnoDB clusters rows by primary key, so each range is one index range scan. The first range has
 * no lower bound and the last no upper bound, so rows outside the sampled minimum and maximum are
 * still read exactly once. Tables without an integer key, or too small, give one partition.
 * Stateless.
 */
final class KeyRangePartitioner {

  /** Below this many estimated rows per partition, splitting costs more than it gains. */
  static final long DEFAULT_MIN_PARTITION_ROWS = 200_000;

  private final long minPartitionRows;

  KeyRangePartitioner(long minPartitionRows) {
    this.minPartitionRows = minPartitionRows;
  }

  /** The first key column when the table can be split by it, else null. */
  static Column splitColumn(TableDefinition table) {
    if (!table.hasPrimaryKey()) {
      return null;
    }
    Column first = table.column(table.primaryKey().get(0)).orElseThrow();
    return switch (first.type().kind()) {
      case INT1, INT2, INT4, INT8, UINT1, UINT2, UINT4, UINT8 -> first;
      default -> null;
    };
  }

  /** How many partitions to aim for; 1 means "don't split". */
  int wanted(TableDefinition table, int maxPartitions) {
    if (splitColumn(table) == null || maxPartitions <= 1) {
      return 1;
    }
    long byRows = table.estimatedRows() / Math.max(1, minPartitionRows);
    return (int) Math.max(1, Math.min(maxPartitions, byRows));
  }

  /**
   * Partitions covering {@code [min, max]} in {@code count} equal ranges.
   *
   * @param min the smallest key, or null when the table is empty
   * @param max the largest key
   */
  List<TablePartition> split(TableDefinition table, BigInteger min, BigInteger max, int count) {
    Column column = splitColumn(table);
    if (column == null || min == null || count <= 1) {
      return List.of(TablePartition.whole(table.id(), table.estimatedRows()));
    }
    BigInteger span = max.subtract(min);
    TreeSet<BigInteger> cuts = new TreeSet<>();
    for (int i = 1; i < count; i++) {
      // rounded up, so that a range narrower than the count still splits at its upper values
      BigInteger scaled = span.multiply(BigInteger.valueOf(i)).add(BigInteger.valueOf(count - 1));
      BigInteger cut = min.add(scaled.divide(BigInteger.valueOf(count)));
      if (cut.compareTo(min) > 0) {
        cuts.add(cut);
      }
    }
    if (cuts.isEmpty()) {
      return List.of(TablePartition.whole(table.id(), table.estimatedRows()));
    }
    List<BigInteger> bounds = new ArrayList<>(cuts);
    int parts = bounds.size() + 1;
    List<TablePartition> partitions = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      BigInteger lower = i == 0 ? null : bounds.get(i - 1);
      BigInteger upper = i == parts - 1 ? null : bounds.get(i);
      partitions.add(new TablePartition(table.id(), i, parts,
          new PartitionBounds.KeyRange(column.name(), lower, upper),
          table.estimatedRows() / parts));
    }
    return partitions;
  }
}
