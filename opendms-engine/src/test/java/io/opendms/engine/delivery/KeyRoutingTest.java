package io.opendms.engine.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeyRoutingTest {
  private static final TableId DOCS = new TableId("public", "docs");
  private static final TableId LOGS = new TableId("public", "logs");
  private static final Column KEY = new Column("key", DataType.of(DmsType.BYTES), false, "bytea");
  private static final Column AMOUNT =
      new Column("amount", DataType.numeric(12, 2), true, "numeric");
  private final KeyRouting routing = new KeyRouting(List.of(
      new TargetTable(DOCS, "postgres", List.of(KEY, AMOUNT), List.of("key", "amount")),
      new TargetTable(LOGS, "postgres", List.of(AMOUNT), List.of())), 8);

  private static RowChange insert(TableId table, Object... row) {
    return RowChange.of(table, RowChange.Operation.INSERT, null, row, List.of());
  }

  @Test
  void equalKeysGoToOneLaneWhateverTheirInstanceAndDifferentKeysSpread() {
    int lane = routing.lane(insert(DOCS, new byte[] {1, 2}, new BigDecimal("1.50")));
    assertThat(routing.lane(insert(DOCS, new byte[] {1, 2}, new BigDecimal("1.5")))).isEqualTo(lane);
    assertThat(routing.lane(RowChange.of(DOCS, RowChange.Operation.DELETE,
        new Object[] {new byte[] {1, 2}, new BigDecimal("1.500")}, null, List.of())))
        .isEqualTo(lane);
    Set<Integer> lanes = IntStream.range(0, 100)
        .mapToObj(i -> routing.lane(insert(DOCS, new byte[] {(byte) i}, BigDecimal.ONE)))
        .collect(Collectors.toSet());
    assertThat(lanes).hasSize(8);
  }

  @Test
  void aTableWithoutAKeyKeepsAllItsChangesInOneLane() {
    Set<Integer> lanes = IntStream.range(0, 100)
        .mapToObj(i -> routing.lane(insert(LOGS, BigDecimal.valueOf(i))))
        .collect(Collectors.toSet());
    assertThat(lanes).hasSize(1);
  }

  @Test
  void onlyAnUpdateThatMovesTheRowToAnotherKeyChangesIt() {
    Object[] before = {new byte[] {1}, new BigDecimal("2.00")};
    assertThat(routing.changesKey(RowChange.of(DOCS, RowChange.Operation.UPDATE, before,
        new Object[] {new byte[] {1}, new BigDecimal("2.0")}, List.of()))).isFalse();
    assertThat(routing.changesKey(RowChange.of(DOCS, RowChange.Operation.UPDATE, before,
        new Object[] {new byte[] {2}, new BigDecimal("2.00")}, List.of()))).isTrue();
    assertThat(routing.changesKey(RowChange.of(DOCS, RowChange.Operation.UPDATE, null,
        new Object[] {new byte[] {2}, BigDecimal.ONE}, List.of()))).isFalse();
  }

  @Test
  void aDdlThatMovesTheKeyColumnsIsFollowed() {
    Column note = new Column("note", DataType.of(DmsType.INT4), true, "int4");
    int lane = routing.lane(insert(DOCS, new byte[] {9}, BigDecimal.TEN));
    routing.follow(new SchemaChange(DOCS, SchemaChange.Kind.ALTER_TABLE, List.of(),
        List.of(note, AMOUNT, KEY), Optional.empty()));
    assertThat(routing.lane(insert(DOCS, 5, BigDecimal.TEN, new byte[] {9}))).isEqualTo(lane);
  }
}
