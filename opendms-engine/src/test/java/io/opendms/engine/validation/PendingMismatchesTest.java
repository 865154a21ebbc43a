package io.opendms.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.table.TableId;
import io.opendms.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingMismatchesTest {
  private static final TableId TABLE = new TableId("app", "items");

  private static TableVerdict pass(String... keys) {
    List<RowMismatch> mismatches = java.util.Arrays.stream(keys)
        .map(k -> RowMismatch.missingTarget(List.of(k), new Object[] {k})).toList();
    return new TableVerdict(TABLE, TABLE, mismatches.isEmpty() ? ValidationState.VALIDATED
        : ValidationState.MISMATCHED_RECORDS, 100, mismatches.size(), 0, 0, "", "digest native",
        mismatches, Duration.ZERO);
  }

  @Test
  void aDifferenceThatGoesAwayIsNeverReported() {
    var clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    var pending = new PendingMismatches(Duration.ofMinutes(1), clock);
    assertThat(pending.update(List.of(pass("7"))).newlyFailed()).isEmpty();
    assertThat(pending.status(TABLE).state()).isEqualTo(ValidationState.PENDING_RECORDS);
    assertThat(pending.status(TABLE).pending()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(30));
    assertThat(pending.update(List.of(pass())).newlyFailed()).isEmpty();
    assertThat(pending.status(TABLE)).isEqualTo(
        new ValidationStatus(ValidationState.VALIDATED, 0, 0, 0, ""));
  }

  @Test
  void aDifferencePersistingPastTheDelayIsReportedOnce() {
    var clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    var pending = new PendingMismatches(Duration.ofMinutes(1), clock);
    pending.update(List.of(pass("7")));
    clock.advance(Duration.ofSeconds(61));
    List<TableVerdict> failed = pending.update(List.of(pass("7", "8"))).newlyFailed();
    assertThat(failed).singleElement().satisfies(v ->
        assertThat(v.mismatches()).extracting(RowMismatch::key).containsExactly(List.of("7")));
    assertThat(pending.status(TABLE).state()).isEqualTo(ValidationState.MISMATCHED_RECORDS);
    assertThat(pending.status(TABLE).failed()).isEqualTo(1);
    assertThat(pending.status(TABLE).pending()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(10));
    assertThat(pending.update(List.of(pass("7"))).newlyFailed()).isEmpty();
  }
}
