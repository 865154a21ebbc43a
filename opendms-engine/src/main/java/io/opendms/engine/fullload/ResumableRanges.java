package io.opendms.engine.fullload;

import io.opendms.engine.plan.TablePlan;
import io.opendms.spi.source.PartitionBounds;
import io.opendms.spi.source.TablePartition;
import io.opendms.spi.table.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a table an earlier run loaded in part can keep the partitions it committed, and which
 * are left. It can when the new plan splits it into the very same partitions, each a span of
 * primary-key values with the same column names on the target: then a partition's rows on the
 * target are exactly those of its key span, the span can be cleared and loaded again from a newer
 * snapshot, and replaying the changes between the two snapshots by key makes the table whole.
 * Block ranges (PostgreSQL's default split) are not key spans: an update moves a row between
 * them, so they are kept only under the conditions of {@link BlockRangeResume}, and the others
 * load again replacing rows by key. Source partitions are never kept.
 *
 * @param remaining the partitions to load, in plan order
 * @param keptRows the rows of the partitions kept
 * @param replacing whether the remaining partitions must replace target rows by key: their rows
 *     may be on the target already
 * @param whyNot why the table must load whole instead; empty when it can resume
 */
record ResumableRanges(List<TablePartition> remaining, long keptRows, boolean replacing,
    Optional<String> whyNot) {

  static ResumableRanges of(TablePlan plan, List<TablePartition> planned, List<CompletedRange> completed,
      BlockRangeResume.Context context) {
    long kept = completed.stream().mapToLong(CompletedRange::rows).sum();
    if (plan.source().primaryKey().isEmpty()) {
      return refused(planned, "it has no primary key");
    }
    if (BlockRangeResume.applies(planned, completed)) {
      Optional<String> refusal = BlockRangeResume.refusal(plan, planned, completed, context);
      return refusal.isPresent() ? refused(planned, refusal.get())
          : new ResumableRanges(BlockRangeResume.remaining(planned, completed), kept, true,
              Optional.empty());
    }
    Optional<String> refusal = keySpanRefusal(plan, planned, completed);
    if (refusal.isPresent()) {
      return refused(planned, refusal.get());
    }
    Set<Integer> done = completed.stream().map(CompletedRange::index).collect(Collectors.toSet());
    List<TablePartition> remaining = new ArrayList<>();
    planned.stream().filter(p -> !done.contains(p.index())).forEach(remaining::add);
    return new ResumableRanges(List.copyOf(remaining), kept, false, Optional.empty());
  }

  private static ResumableRanges refused(List<TablePartition> planned, String why) {
    return new ResumableRanges(planned, 0, false, Optional.of(why));
  }

  private static Optional<String> keySpanRefusal(TablePlan plan, List<TablePartition> planned,
      List<CompletedRange> completed) {
    if (!planned.stream().allMatch(p -> p.bounds().isKeySpan())) {
      return Optional.of("its partitions are neither key ranges nor the block ranges of before ("
          + planned.get(0).bounds().getClass().getSimpleName() + "; rows move between them when"
          + " updated): give it parallel-load ranges to resume range by range");
    }
    Set<String> targetColumns = plan.target().columns().stream().map(Column::name)
        .collect(Collectors.toSet());
    for (TablePartition partition : planned) {
      List<String> columns = partition.bounds() instanceof PartitionBounds.KeyRange key
          ? List.of(key.column()) : ((PartitionBounds.TupleRange) partition.bounds()).columns();
      if (!targetColumns.containsAll(columns)) {
        return Optional.of("its range columns " + columns + " are renamed on the target");
      }
    }
    for (CompletedRange range : completed) {
      boolean same = range.index() < planned.size() && range.count() == planned.size()
          && planned.get(range.index()).bounds().toString().equals(range.bounds());
      if (!same) {
        return Optional.of("it splits into other partitions than before (" + planned.size()
            + " now, partition " + (range.index() + 1) + "/" + range.count() + " " + range.bounds()
            + " before)");
      }
    }
    return Optional.empty();
  }
}
