package io.opendms.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.Truncate;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import io.opendms.spi.validation.KeySpan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangedKeysTest {
  private static final TableId ITEMS = new TableId("app", "items");
  private static final List<Column> KEY =
      List.of(new Column("id", DataType.of(DmsType.INT8), false, "bigint"));

  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private static RowChange insert(long id) {
    return RowChange.of(ITEMS, RowChange.Operation.INSERT, null, new Object[] {"x", id},
        List.of());
  }

  private ChangedKeys keys(int max) {
    // the key is the second column of the rows
    return new ChangedKeys(Map.of(ITEMS, new int[] {1}), max, clock);
  }

  @Test
  void aKeyIsDueOnlyOnceItsTargetCommitHappened() {
    ChangedKeys keys = keys(100);
    keys.applied(insert(7));
    assertThat(keys.takeDue(ITEMS, Duration.ZERO).isEmpty()).isTrue();
    keys.committed();
    assertThat(keys.takeDue(ITEMS, Duration.ZERO).keys()).containsExactly(List.of(7L));
    assertThat(keys.takeDue(ITEMS, Duration.ZERO).isEmpty()).as("taken once").isTrue();
  }

  @Test
  void anUpdateThatChangesTheKeyRechecksTheOldAndTheNewKey() {
    ChangedKeys keys = keys(100);
    keys.applied(RowChange.of(ITEMS, RowChange.Operation.UPDATE, new Object[] {"x", 1L},
        new Object[] {"y", 2L}, List.of()));
    keys.committed();
    assertThat(keys.takeDue(ITEMS, Duration.ZERO).keys()).containsExactly(List.of(1L), List.of(2L));
  }

  @Test
  void aKeyWaitsForTheQueryDelay() {
    ChangedKeys keys = keys(100);
    keys.applied(insert(7));
    keys.committed();
    assertThat(keys.takeDue(ITEMS, Duration.ofSeconds(30)).isEmpty()).isTrue();
    assertThat(keys.takeDue(ITEMS, Duration.ZERO).keys()).containsExactly(List.of(7L));
  }

  @Test
  void tooManyKeysFallBackToTheRangesHoldingThem() {
    ChangedKeys keys = keys(3);
    var first = new KeySpan(ITEMS, KEY, null, List.of(100L));
    var second = new KeySpan(ITEMS, KEY, List.of(100L), List.of(200L));
    var third = new KeySpan(ITEMS, KEY, List.of(200L), null);
    keys.ranges(ITEMS, List.of(first, second, third));
    for (long id : new long[] {5, 6, 7, 250}) {
      keys.applied(insert(id));
    }
    keys.applied(insert(260));
    keys.committed();
    ValidationRunner.Recheck due = keys.takeDue(ITEMS, Duration.ZERO);
    assertThat(due.keys()).isEmpty();
    assertThat(due.spans()).containsExactly(first, third);
    assertThat(keys.remembered(ITEMS)).isZero();
    keys.applied(insert(150)); // back to keys once the ranges were taken
    keys.committed();
    assertThat(keys.takeDue(ITEMS, Duration.ZERO).keys()).containsExactly(List.of(150L));
  }

  @Test
  void tooManyKeysWithoutKnownRangesOrATruncateMakeTheWholeTableDue() {
    ChangedKeys keys = keys(2);
    for (long id = 1; id <= 3; id++) {
      keys.applied(insert(id));
    }
    keys.committed();
    assertThat(keys.takeDue(ITEMS, Duration.ZERO)).isNull();
    keys.applied(new Truncate(List.of(ITEMS), false));
    keys.committed();
    assertThat(keys.takeDue(ITEMS, Duration.ZERO)).isNull();
    assertThat(keys.takeDue(ITEMS, Duration.ZERO).isEmpty()).isTrue();
  }

  @Test
  void aWholeComparisonForgetsOnlyCommittedChanges() {
    ChangedKeys keys = keys(100);
    keys.applied(insert(1));
    keys.committed();
    keys.applied(insert(2)); // in flight: the comparison may not see it
    keys.startWholeComparison();
    keys.committed();
    assertThat(keys.takeDue(ITEMS, Duration.ZERO).keys()).containsExactly(List.of(2L));
  }
}
