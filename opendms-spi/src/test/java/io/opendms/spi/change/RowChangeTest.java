package io.opendms.spi.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.change.RowChange.Operation;
import io.opendms.spi.table.TableId;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowChangeTest {
  private static final TableId T = new TableId("public", "t");

  @Test
  void identityIsTheBeforeImageWhenGivenElseTheAfterImage() {
    Object[] after = {1, "b"};
    assertThat(RowChange.of(T, Operation.UPDATE, null, after, List.of()).identity())
        .containsExactly(1, "b");
    assertThat(RowChange.of(T, Operation.UPDATE, new Object[] {2, null}, after, List.of()).identity())
        .containsExactly(2, null);
  }

  @Test
  void rejectsImagesThatDoNotFitTheOperation() {
    assertThatThrownBy(() -> RowChange.of(T, Operation.DELETE, null, null, List.of()))
        .hasMessageContaining("before image");
    assertThatThrownBy(() -> RowChange.of(T, Operation.INSERT, new Object[] {1}, new Object[] {1}, List.of()))
        .hasMessageContaining("insert");
    assertThatThrownBy(() -> RowChange.of(T, Operation.INSERT, null, null, List.of()))
        .hasMessageContaining("after image");
  }

  @Test
  void valuesCannotBeChangedThroughTheRecord() {
    RowChange change = RowChange.of(T, Operation.INSERT, null, new Object[] {1}, List.of());
    assertThatThrownBy(() -> change.after().set(0, 2)).isInstanceOf(UnsupportedOperationException.class);
  }
}
