package io.opendms.spi.source;

import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.position.SourcePosition;
import io.opendms.spi.table.TableDefinition;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A consistent read view of the source. Its methods are called by the engine's coordinating
 * thread; each {@link SnapshotReader} it opens is then confined to one worker thread. Closing the
 * session ends the view; readers must be closed first.
 */
public interface SnapshotSession extends AutoCloseable {

  /** The change-stream position the view corresponds to, when the source can tell. */
  Optional<SourcePosition> position();

  /**
   * Splits a table into at most {@code maxPartitions} non-overlapping partitions that together
   * cover every row visible in this view. Small tables give one partition.
   */
  List<TablePartition> partition(TableDefinition table, int maxPartitions);

  /** The native formats {@link SnapshotReader#export} can produce, for any table. */
  Set<NativeFormat> exportFormats();

  /**
   * Whether its readers apply {@link TablePartition#filter()} and read {@link
   * PartitionBounds.TupleRange} partitions in the source's query. The engine refuses filters and
   * range partitions for a source that does not.
   */
  default boolean appliesRowFilters() {
    return false;
  }

  /**
   * The partitions of a partitioned table (its subpartitions when {@code subpartitions}), in the
   * source's order, as {@link PartitionBounds.SourcePartitions} takes them; empty when the table
   * has none or the source does not partition tables. Blocks on the database.
   */
  default List<String> partitionNames(TableDefinition table, boolean subpartitions) {
    return List.of();
  }

  /** Opens one more reader that sees this view; blocks while it connects. */
  SnapshotReader openReader();

  @Override
  void close();
}
