package io.opendms.engine.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.change.DataChange;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.RowChange.Operation;
import io.opendms.spi.table.TableId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdempotentChangesTest {
  private static final TableId TABLE = new TableId("s", "t");

  @Test
  void anInsertOrUpdateDeletesItsKeysAndInsertsTheAfterImage() {
    List<Object> row = List.of(7L, "seven");
    assertThat(IdempotentChanges.of(new RowChange(TABLE, Operation.INSERT, null, row, List.of())))
        .containsExactly(delete(row), insert(row));

    List<Object> oldKey = Arrays.asList(3L, null);
    assertThat(IdempotentChanges.of(new RowChange(TABLE, Operation.UPDATE, oldKey, row, List.of())))
        .containsExactly(delete(oldKey), delete(row), insert(row));
  }

  @Test
  void deletesAndUpdatesLackingValuesStayAsTheyAre() {
    RowChange delete = delete(List.of(7L, "seven"));
    assertThat(IdempotentChanges.of(delete)).containsExactly(delete);
    RowChange partial = new RowChange(TABLE, Operation.UPDATE, null, Arrays.asList(7L, null), List.of(1));
    assertThat(IdempotentChanges.of(partial)).containsExactly(partial);
  }

  private static DataChange insert(List<Object> row) {
    return new RowChange(TABLE, Operation.INSERT, null, row, List.of());
  }

  private static RowChange delete(List<Object> row) {
    return new RowChange(TABLE, Operation.DELETE, row, null, List.of());
  }
}
