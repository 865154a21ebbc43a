package io.opendms.engine.fullload;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.engine.plan.TablePlan;
import io.opendms.spi.source.PartitionBounds;
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
  private static final List<Column> COLUMNS = List.of(
      new Column("id", DataType.of(DmsType.INT8), false, "bigint"),
      new Column("name", DataType.string(DmsType.WSTRING, 20), true, "varchar(20)"));

  @Test
  void keepsTheCommittedKeyRangesWhenThePlanIsTheSame() {
    List<TablePartition> planned = keyRanges(4);
    List<CompletedRange> done = List.of(done(planned.get(0), 10), done(planned.get(3), 7));

    ResumableRanges ranges = ResumableRanges.of(plan(List.of("id")), planned, done);

    assertThat(ranges.whyNot()).isEmpty();
    assertThat(ranges.remaining()).containsExactly(planned.get(1), planned.get(2));
    assertThat(ranges.keptRows()).isEqualTo(17);
  }

  @Test
  void loadsWholeWhenTheRangesMovedSinceOrAreNoKeySpans() {
    List<CompletedRange> done = List.of(done(keyRanges(4).get(0), 10));

    assertThat(ResumableRanges.of(plan(List.of("id")), keyRanges(3), done).whyNot())
        .hasValueSatisfying(why -> assertThat(why).contains("other partitions than before"));
    List<TablePartition> blocks = List.of(
        new TablePartition(ID, 0, 2, new PartitionBounds.BlockRange(0, 10), 5),
        new TablePartition(ID, 1, 2, new PartitionBounds.BlockRange(10, -1), 5));
    assertThat(ResumableRanges.of(plan(List.of("id")), blocks, List.of(done(blocks.get(0), 3))).whyNot())
        .hasValueSatisfying(why -> assertThat(why).contains("not key ranges"));
    assertThat(ResumableRanges.of(plan(List.of()), keyRanges(4), done).whyNot())
        .hasValueSatisfying(why -> assertThat(why).contains("no primary key"));
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
