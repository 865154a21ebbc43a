package io.opendms.engine.fullload;

import io.opendms.engine.mapping.TableSettingsRule.ParallelLoad;
import io.opendms.engine.mapping.TableTransform;
import io.opendms.engine.plan.TablePlan;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.source.PartitionBounds;
import io.opendms.spi.source.SnapshotSession;
import io.opendms.spi.source.TablePartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits one table into the partitions its full load reads: as its {@code parallel-load} table
 * setting says, else as the source proposes; each partition carrying the table's source filter.
 */
final class TablePartitions {

  private TablePartitions() {}

  static List<TablePartition> of(TablePlan plan, SnapshotSession snapshot, int maxPartitions) {
    TableTransform transform = plan.transform();
    Optional<ParallelLoad> parallel = transform.parallelLoad();
    boolean ranges = parallel.isPresent() && parallel.get().type() == ParallelLoad.Type.RANGES;
    if ((ranges || !transform.filter().isEmpty()) && !snapshot.appliesRowFilters()) {
      throw new OpenDmsException(ErrorCode.UNSUPPORTED, "the source cannot apply "
          + (ranges ? "parallel-load ranges" : "selection-rule filters") + " to " + plan.source().id()
          + " in this version");
    }
    List<TablePartition> partitions;
    if (ranges) {
      partitions = ranges(plan, transform);
    } else if (parallel.isPresent() && parallel.get().type() == ParallelLoad.Type.NONE) {
      partitions = List.of(TablePartition.whole(plan.source().id(), plan.source().estimatedRows()));
    } else if (parallel.isPresent()) {
      partitions = sourcePartitions(plan, parallel.get(), snapshot);
    } else {
      partitions = snapshot.partition(plan.source(), maxPartitions);
    }
    return partitions.stream().map(p -> p.withFilter(transform.filter())).toList();
  }

  /**
   * One partition per source partition (or subpartition). A partitions-list reads the listed
   * ones in parallel and the rest together in one more partition, so that no row is left out.
   */
  private static List<TablePartition> sourcePartitions(TablePlan plan, ParallelLoad parallel,
      SnapshotSession snapshot) {
    boolean sub = parallel.type() == ParallelLoad.Type.SUBPARTITIONS_AUTO;
    List<String> existing = snapshot.partitionNames(plan.source(), sub);
    String rule = "rule-id " + plan.transform().settingsRuleId() + ": parallel-load type "
        + parallel.type().dmsName();
    if (existing.isEmpty()) {
      throw new OpenDmsException(ErrorCode.INVALID_TABLE_MAPPINGS, rule + ": " + plan.source().id()
          + " has no " + (sub ? "subpartitions" : "partitions") + " the source can list");
    }
    List<List<String>> groups = new ArrayList<>();
    if (parallel.type() == ParallelLoad.Type.PARTITIONS_LIST) {
      List<String> rest = new ArrayList<>(existing);
      for (String name : parallel.partitions()) {
        if (!rest.remove(name)) {
          throw new OpenDmsException(ErrorCode.INVALID_TABLE_MAPPINGS, rule + ": partitions names '"
              + name + "', which is not a partition of " + plan.source().id() + " (it has "
              + existing + ")");
        }
        groups.add(List.of(name));
      }
      if (!rest.isEmpty()) {
        groups.add(rest);
      }
    } else {
      existing.forEach(name -> groups.add(List.of(name)));
    }
    long share = plan.source().estimatedRows() / groups.size();
    var partitions = new ArrayList<TablePartition>();
    for (int i = 0; i < groups.size(); i++) {
      partitions.add(new TablePartition(plan.source().id(), i, groups.size(),
          new PartitionBounds.SourcePartitions(groups.get(i)), share));
    }
    return partitions;
  }

  /**
   * DMS ranges: segment k holds key tuples above boundary k-1 and up to boundary k; one more
   * segment holds those above the last boundary.
   */
  private static List<TablePartition> ranges(TablePlan plan, TableTransform transform) {
    List<String> columns = transform.parallelLoad().orElseThrow().columns();
    List<List<Object>> boundaries = transform.rangeBoundaries();
    int count = boundaries.size() + 1;
    long share = plan.source().estimatedRows() / count;
    var partitions = new ArrayList<TablePartition>();
    for (int k = 0; k < count; k++) {
      List<Object> after = k == 0 ? List.of() : boundaries.get(k - 1);
      List<Object> through = k == boundaries.size() ? List.of() : boundaries.get(k);
      partitions.add(new TablePartition(plan.source().id(), k, count,
          new PartitionBounds.TupleRange(columns, after, through), share));
    }
    return partitions;
  }
}
