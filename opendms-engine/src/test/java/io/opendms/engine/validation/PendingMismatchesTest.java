package io.opendms.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.opendms.spi.table.TableId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingMismatchesTest {
  private static final TableId TABLE = new TableId("app", "items");

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static TableVerdict pass(String... keys) {
    List<RowMismatch> mismatches = java.util.Arrays.stream(keys)
        .map(k -> RowMismatch.missingTarget(List.of(k), new Object[] {k})).toList();
    return new TableVerdict(TABLE, TABLE, mismatches.isEmpty() ? ValidationState.VALIDATED
        : ValidationState.MISMATCHED_RECORDS, 100, mismatches.size(), 0, 0, "", "digest native",
        mismatches, Duration.ZERO);
  }

  @Test
  void aDifferenceThatGoesAwayIsNeverReported() {
    var clock = new ManualClock();
    var pending = new PendingMismatches(Duration.ofMinutes(1), clock);
    assertThat(pending.update(List.of(pass("7"))).newlyFailed()).isEmpty();
    assertThat(pending.status(TABLE).state()).isEqualTo(ValidationState.PENDING_RECORDS);
    assertThat(pending.status(TABLE).pending()).isEqualTo(1);
    clock.now = clock.now.plusSeconds(30);
    assertThat(pending.update(List.of(pass())).newlyFailed()).isEmpty();
    assertThat(pending.status(TABLE)).isEqualTo(
        new ValidationStatus(ValidationState.VALIDATED, 0, 0, 0, ""));
  }

  @Test
  void aDifferencePersistingPastTheDelayIsReportedOnce() {
    var clock = new ManualClock();
    var pending = new PendingMismatches(Duration.ofMinutes(1), clock);
    pending.update(List.of(pass("7")));
    clock.now = clock.now.plusSeconds(61);
    List<TableVerdict> failed = pending.update(List.of(pass("7", "8"))).newlyFailed();
    assertThat(failed).singleElement().satisfies(v ->
        assertThat(v.mismatches()).extracting(RowMismatch::key).containsExactly(List.of("7")));
    assertThat(pending.status(TABLE).state()).isEqualTo(ValidationState.MISMATCHED_RECORDS);
    assertThat(pending.status(TABLE).failed()).isEqualTo(1);
    assertThat(pending.status(TABLE).pending()).isEqualTo(1);
    clock.now = clock.now.plusSeconds(10);
    assertThat(pending.update(List.of(pass("7"))).newlyFailed()).isEmpty();
  }
}
