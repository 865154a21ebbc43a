package io.opendms.engine.fullload;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.engine.plan.TablePlan;
import io.opendms.spi.source.PartitionBounds;
import io.opendms.spi.source.PartitionBounds.BlockRange;
import io.opendms.spi.source.TablePartition;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResumableRangesTest {
  private static final TableId ID = new TableId("s", "t");
  private static final BlockRangeResume.Context REPLAYED = new BlockRangeResume.Context(true, true);
  private static final List<Column> COLUMNS = List.of(
      new Column("id", DataType.of(DmsType.INT8), false, "bigint"),
      new Column("name", DataType.string(DmsType.WSTRING, 20), true, "varchar(20)"));

  @Test
  void keepsTheCommittedKeyRangesWhenThePlanIsTheSame() {
    List<TablePartition> planned = keyRanges(4);
    List<CompletedRange> done = List.of(done(planned.get(0), 10), done(planned.get(3), 7));

    ResumableRanges ranges = ResumableRanges.of(plan(List.of("id")), planned, done, REPLAYED);

    assertThat(ranges.whyNot()).isEmpty();
    assertThat(ranges.remaining()).containsExactly(planned.get(1), planned.get(2));
    assertThat(ranges.keptRows()).isEqualTo(17);
  }

  @Test
  void loadsWholeWhenTheRangesMovedSinceOrAreNoKeySpans() {
    List<CompletedRange> done = List.of(done(keyRanges(4).get(0), 10));

    assertThat(ResumableRanges.of(plan(List.of("id")), keyRanges(3), done, REPLAYED).whyNot())
        .hasValueSatisfying(why -> assertThat(why).contains("other partitions than before"));
    List<TablePartition> blocks = blockRanges(7, 0, 10, 20);
    assertThat(ResumableRanges.of(plan(List.of("id")), blocks, done, REPLAYED).whyNot())
        .hasValueSatisfying(why -> assertThat(why).contains("neither key ranges nor the block ranges"));
    assertThat(ResumableRanges.of(plan(List.of()), keyRanges(4), done, REPLAYED).whyNot())
        .hasValueSatisfying(why -> assertThat(why).contains("no primary key"));
  }

  @Test
  void keepsCommittedBlockRangesAndLoadsTheOtherBlocksOfTheGrownTableReplacingRows() {
    // the first run split 4 ways and committed blocks [0, 10) and [20, 30); the table grew since
    List<TablePartition> before = blockRanges(7, 0, 10, 20, 30);
    List<CompletedRange> done = List.of(done(before.get(2), 30), done(before.get(0), 40));
    List<TablePartition> now = blockRanges(7, 0, 12, 24);

    ResumableRanges ranges = ResumableRanges.of(plan(List.of("id")), now, done, REPLAYED);

    assertThat(ranges.whyNot()).isEmpty();
    assertThat(ranges.replacing()).isTrue();
    assertThat(ranges.keptRows()).isEqualTo(70);
    assertThat(ranges.remaining()).extracting(TablePartition::bounds).containsExactly(
        new BlockRange(10, 12, 7), new BlockRange(12, 20, 7), new BlockRange(30, -1, 7));
    assertThat(ranges.remaining()).extracting(TablePartition::index).containsExactly(0, 1, 2);
    assertThat(ranges.remaining()).allSatisfy(p -> assertThat(p.count()).isEqualTo(3));
  }

  @Test
  void keepsNothingToLoadWhenTheOpenEndedRangeAndAllBeforeItCommitted() {
    List<TablePartition> before = blockRanges(7, 0, 10);
    List<CompletedRange> done = List.of(done(before.get(0), 1), done(before.get(1), 2));

    ResumableRanges ranges = ResumableRanges.of(plan(List.of("id")), blockRanges(7, 0, 5, 15), done,
        REPLAYED);

    assertThat(ranges.whyNot()).isEmpty();
    assertThat(ranges.remaining()).isEmpty();
  }

  @Test
  void loadsABlockRangeTableWholeWhenItsRowsMayHaveMovedUnseenOrCannotBeReplaced() {
    List<TablePartition> before = blockRanges(7, 0, 10, 20);
    List<CompletedRange> done = List.of(done(before.get(0), 10));
    TablePlan keyed = plan(List.of("id"));

    assertThat(ResumableRanges.of(keyed, blockRanges(8, 0, 10, 20), done, REPLAYED).whyNot())
        .hasValueSatisfying(why -> assertThat(why).contains("rewritten to another file")
            .contains("file node 7 then, 8 now"));
    assertThat(ResumableRanges.of(keyed, blockRanges(0, 0, 10, 20), done, REPLAYED).whyNot())
        .hasValueSatisfying(why -> assertThat(why).contains("rewritten to another file"));
    assertThat(ResumableRanges.of(keyed, before, done, new BlockRangeResume.Context(false, true)).whyNot())
        .hasValueSatisfying(why -> assertThat(why).contains("only a task that replicates changes"));
    assertThat(ResumableRanges.of(keyed, before, done, new BlockRangeResume.Context(true, false)).whyNot())
        .hasValueSatisfying(why -> assertThat(why).contains("cannot replace rows"));
    assertThat(ResumableRanges.of(plan(List.of()), before, done, REPLAYED).whyNot())
        .hasValueSatisfying(why -> assertThat(why).contains("no primary key"));
    assertThat(ResumableRanges.of(keyed, List.of(TablePartition.whole(ID, 10)), done, REPLAYED).whyNot())
        .hasValueSatisfying(why -> assertThat(why).contains("no longer split into block ranges"));
    List<CompletedRange> overlapping = List.of(done(before.get(0), 1),
        done(new TablePartition(ID, 0, 1, new BlockRange(5, 15, 7), 1), 1));
    assertThat(ResumableRanges.of(keyed, before, overlapping, REPLAYED).whyNot())
        .hasValueSatisfying(why -> assertThat(why).contains("overlap"));
  }

  @Test
  void blockRangesReadBackFromTheirRecordedText() {
    BlockRange closed = new BlockRange(10, 20, 16_384);
    BlockRange open = new BlockRange(20, -1, 16_384);

    assertThat(BlockRange.parse(closed.toString())).contains(closed);
    assertThat(BlockRange.parse(open.toString())).contains(open);
    assertThat(BlockRange.parse("KeyRange[column=id, lower=1, upper=2]")).isEmpty();
  }

  /** Ranges of the file starting at each of {@code starts}, the last one open-ended. */
  private static List<TablePartition> blockRanges(long fileNode, long... starts) {
    List<TablePartition> partitions = new ArrayList<>();
    for (int i = 0; i < starts.length; i++) {
      long end = i == starts.length - 1 ? -1 : starts[i + 1];
      partitions.add(new TablePartition(ID, i, starts.length, new BlockRange(starts[i], end, fileNode), 100));
    }
    return partitions;
  }

  private static List<TablePartition> keyRanges(int count) {
    List<TablePartition> partitions = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      partitions.add(new TablePartition(ID, i, count, new PartitionBounds.TupleRange(List.of("id"),
          i == 0 ? List.of() : List.of(i * 100L), i == count - 1 ? List.of() : List.of((i + 1) * 100L)), 100));
    }
    return partitions;
  }

  private static CompletedRange done(TablePartition partition, long rows) {
    return new CompletedRange(partition.index(), partition.count(), partition.bounds().toString(), rows,
        Instant.now());
  }

  private static TablePlan plan(List<String> key) {
    var definition = new TableDefinition(ID, "memory", COLUMNS, key, 400, 40_000);
    return new TablePlan(definition, new TargetTable(ID, "memory", COLUMNS, key), 0);
  }
}
