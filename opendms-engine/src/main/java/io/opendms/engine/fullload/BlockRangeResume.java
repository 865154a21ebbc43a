package io.opendms.engine.fullload;

import io.opendms.engine.plan.TablePlan;
import io.opendms.spi.source.PartitionBounds;
import io.opendms.spi.source.PartitionBounds.BlockRange;
import io.opendms.spi.source.TablePartition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Keeping the block ranges (PostgreSQL's default split, by {@code ctid}) an earlier run committed
 * of a table with a primary key. The blocks not committed are read again from a newer snapshot
 * and written by key, replacing rows already there; the changes since the first snapshot are
 * then replayed idempotently. A row an update moved after the first snapshot from a kept range
 * into one read again is read twice and replaced; one moved the other way is not read again, and
 * the update that moved it is in the replay. A rewrite of the table (VACUUM FULL, CLUSTER, a
 * rewriting ALTER TABLE) moves rows with no change to replay, and gives the table another file:
 * then the table loads whole.
 *
 * <p>The blocks to read are those of the new plan outside the kept ranges, so a table that grew or
 * shrank since is covered whole: the plan's last range is open-ended.
 */
final class BlockRangeResume {

  /** Whether the load can keep block ranges at all: what the runner knows of its context. */
  record Context(boolean changesReplayed, boolean targetReplacesRows) {}

  private BlockRangeResume() {}

  /** Whether {@code planned} and {@code completed} are block ranges, so that this class decides. */
  static boolean applies(List<TablePartition> planned, List<CompletedRange> completed) {
    return planned.stream().allMatch(p -> p.bounds() instanceof BlockRange
            || p.bounds() instanceof PartitionBounds.WholeTable)
        && !completed.isEmpty()
        && completed.stream().allMatch(c -> BlockRange.parse(c.bounds()).isPresent());
  }

  /** Why the kept ranges cannot stay; empty when they can. The table has a primary key. */
  static Optional<String> refusal(TablePlan plan, List<TablePartition> planned,
      List<CompletedRange> completed, Context context) {
    if (!context.changesReplayed()) {
      return Optional.of("its partitions are block ranges, which only a task that replicates changes"
          + " can keep (an update may have moved rows out of the blocks loaded again)");
    }
    if (!context.targetReplacesRows() || plan.target().primaryKey().isEmpty()) {
      return Optional.of("its partitions are block ranges, and the target cannot replace rows of it"
          + " by key, which loading some of them again needs");
    }
    if (!planned.stream().allMatch(p -> p.bounds() instanceof BlockRange)) {
      return Optional.of("it is no longer split into block ranges");
    }
    long fileNode = ((BlockRange) planned.get(0).bounds()).fileNode();
    List<BlockRange> kept = kept(completed);
    for (BlockRange range : kept) {
      if (fileNode == 0 || range.fileNode() != fileNode) {
        return Optional.of("its rows were rewritten to another file since its block ranges were"
            + " loaded (file node " + range.fileNode() + " then, " + fileNode + " now: VACUUM FULL,"
            + " CLUSTER or a rewriting ALTER TABLE), which moves rows between blocks unseen by the"
            + " change stream");
      }
    }
    for (int i = 1; i < kept.size(); i++) {
      if (end(kept.get(i - 1)) > kept.get(i).firstBlock()) {
        return Optional.of("its recorded block ranges overlap (" + kept.get(i - 1) + ", "
            + kept.get(i) + ")");
      }
    }
    return Optional.empty();
  }

  /**
   * The blocks of the planned ranges outside the kept ones, one partition per piece, numbered
   * anew; each is loaded replacing rows by key.
   */
  static List<TablePartition> remaining(List<TablePartition> planned, List<CompletedRange> completed) {
    List<BlockRange> kept = kept(completed);
    List<long[]> pieces = new ArrayList<>();
    List<Long> estimates = new ArrayList<>();
    long fileNode = ((BlockRange) planned.get(0).bounds()).fileNode();
    for (TablePartition partition : planned) {
      BlockRange range = (BlockRange) partition.bounds();
      long first = range.firstBlock();
      for (BlockRange done : kept) {
        if (end(done) <= first || done.firstBlock() >= end(range)) {
          continue;
        }
        if (done.firstBlock() > first) {
          pieces.add(new long[] {first, done.firstBlock()});
          estimates.add(share(partition, first, done.firstBlock()));
        }
        first = Math.max(first, end(done));
      }
      if (first < end(range)) {
        pieces.add(new long[] {first, end(range)});
        estimates.add(share(partition, first, end(range)));
      }
    }
    List<TablePartition> remaining = new ArrayList<>();
    for (int i = 0; i < pieces.size(); i++) {
      long[] piece = pieces.get(i);
      BlockRange bounds = new BlockRange(piece[0], piece[1] == Long.MAX_VALUE ? -1 : piece[1], fileNode);
      remaining.add(new TablePartition(planned.get(0).table(), i, pieces.size(), bounds,
          estimates.get(i), planned.get(0).filter()));
    }
    return remaining;
  }

  private static List<BlockRange> kept(List<CompletedRange> completed) {
    return completed.stream().map(c -> BlockRange.parse(c.bounds()).orElseThrow())
        .sorted(Comparator.comparingLong(BlockRange::firstBlock)).toList();
  }

  /** The block after the range's last; open ranges run to the end of any table. */
  private static long end(BlockRange range) {
    return range.isOpen() ? Long.MAX_VALUE : range.endBlock();
  }

  private static long share(TablePartition partition, long first, long end) {
    BlockRange range = (BlockRange) partition.bounds();
    if (range.isOpen() || end == Long.MAX_VALUE) {
      return partition.estimatedRows();
    }
    return partition.estimatedRows() * (end - first) / (range.endBlock() - range.firstBlock());
  }
}
