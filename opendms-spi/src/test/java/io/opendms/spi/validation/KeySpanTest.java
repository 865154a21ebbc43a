package io.opendms.spi.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeySpanTest {
  private static final TableId TABLE = new TableId("s", "t");
  private static final Column A = new Column("a", DataType.of(DmsType.INT4), false, "int");
  private static final Column B = new Column("b", DataType.of(DmsType.STRING), false, "text");

  @Test
  void anUnboundedSpanSelectsEveryRow() {
    KeySpan span = new KeySpan(TABLE, List.of(A), null, null);
    assertThat(span.condition(i -> "k" + i, i -> "?")).isEqualTo("TRUE");
    assertThat(span.parameters()).isEmpty();
  }

  @Test
  void aSingleColumnSpanIsInclusiveBelowAndExclusiveAbove() {
    KeySpan span = new KeySpan(TABLE, List.of(A), List.of(10), List.of(20));
    assertThat(span.condition(i -> "k" + i, i -> "?")).isEqualTo("((k0 >= ?)) AND ((k0 < ?))");
    assertThat(span.parameters()).containsExactly(10, 20);
  }

  @Test
  void aCompositeKeyExpandsIntoIndexFriendlyOrTerms() {
    KeySpan span = new KeySpan(TABLE, List.of(A, B), List.of(1, "x"), null);
    assertThat(span.condition(i -> "k" + i, i -> "?" + i))
        .isEqualTo("((k0 > ?0) OR (k0 = ?0 AND k1 >= ?1))");
    assertThat(span.parameters()).containsExactly(1, 1, "x");
  }

  @Test
  void aBoundMustHaveOneValuePerKeyColumn() {
    assertThatThrownBy(() -> new KeySpan(TABLE, List.of(A, B), List.of(1), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s.t");
  }

  @Test
  void theSameRangeMovesToTheOtherSidesTable() {
    KeySpan span = new KeySpan(TABLE, List.of(A), List.of(5), null);
    KeySpan other = span.on(new TableId("copy", "t"), List.of(A));
    assertThat(other.table()).isEqualTo(new TableId("copy", "t"));
    assertThat(other.lower()).containsExactly(5);
  }

  @Test
  void keysAreLocatedAsTheDatabasesOrderThem() {
    KeySpan span = new KeySpan(TABLE, List.of(A, B), List.of(10, "B"), List.of(20L, "a"));
    assertThat(span.contains(List.of(10L, "B"))).as("lower bound, Long against Integer").isTrue();
    assertThat(span.contains(List.of(10, "A"))).isFalse();
    assertThat(span.locate(List.of(20, "Z"))).as("'Z' < 'a' by code point").isZero();
    assertThat(span.locate(List.of(20, "a"))).isPositive();
    assertThat(span.locate(List.of(new java.math.BigDecimal("9.5"), "z"))).isNegative();
    assertThatThrownBy(() -> span.contains(List.of(10, 3.0f)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aKeyListSelectsEachKeyByEquality() {
    KeyList keys = new KeyList(TABLE, List.of(A, B), List.of(List.of(1, "x"), List.of(2, "y")));
    assertThat(keys.condition(i -> "k" + i, i -> "?"))
        .isEqualTo("((k0 = ? AND k1 = ?) OR (k0 = ? AND k1 = ?))");
    assertThat(keys.parameters()).containsExactly(1, "x", 2, "y");
  }
}
