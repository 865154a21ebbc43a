package io.opendms.engine.validation;

import io.opendms.spi.table.TableId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validation while changes are being applied: a row found different may only be waiting for its
 * change to reach the target, so it is <em>pending</em> until a later pass finds it equal
 * (forgotten) or it has differed for longer than the failure delay (DMS's
 * RecordFailureDelayLimitInMinutes), when it becomes a failure, reported once. Fed by the
 * validation thread only.
 */
public final class PendingMismatches {

  /** What one pass changed: the rows that became failures, per table, to record. */
  public record Update(List<TableVerdict> newlyFailed) {}

  /** A differing row: since when, whether reported, and its key's values to look it up again. */
  private record Pending(Instant since, boolean reported, List<Object> key) {}

  private final Duration failureDelay;
  private final Clock clock;
  private final Map<TableId, Map<List<String>, Pending>> pending = new HashMap<>();
  private final Map<TableId, ValidationStatus> status = new HashMap<>();

  public PendingMismatches(Duration failureDelay, Clock clock) {
    this.failureDelay = failureDelay;
    this.clock = clock;
  }

  /**
   * Takes the verdicts of one pass: each covers its whole table, or (a re-check) at least every
   * row pending in it; rows pending in a table that differ no more are forgotten. Tables without
   * a verdict keep their pending rows.
   */
  public Update update(List<TableVerdict> verdicts) {
    Instant now = clock.instant();
    var newlyFailed = new ArrayList<TableVerdict>();
    for (TableVerdict verdict : verdicts) {
      Map<List<String>, Pending> before = pending.getOrDefault(verdict.source(), Map.of());
      Map<List<String>, Pending> after = new HashMap<>();
      var failedNow = new ArrayList<RowMismatch>();
      long failed = 0;
      for (RowMismatch mismatch : verdict.mismatches()) {
        Pending seen = before.getOrDefault(mismatch.key(),
            new Pending(now, false, keyValues(mismatch)));
        boolean overdue = !seen.since().plus(failureDelay).isAfter(now);
        if (overdue) {
          failed++;
          if (!seen.reported()) {
            failedNow.add(mismatch);
          }
        }
        after.put(mismatch.key(),
            new Pending(seen.since(), seen.reported() || overdue, seen.key()));
      }
      pending.put(verdict.source(), after);
      status.put(verdict.source(), status(verdict, after.size() - failed, failed));
      if (!failedNow.isEmpty()) {
        newlyFailed.add(new TableVerdict(verdict.source(), verdict.target(),
            ValidationState.MISMATCHED_RECORDS, verdict.rowsCompared(), failedNow.size(), 0, 0,
            verdict.details(), verdict.method(), failedNow, verdict.elapsed()));
      }
    }
    return new Update(newlyFailed);
  }

  /**
   * The keys (canonical values) of the table's differing rows, which a re-check must compare
   * again whether or not they changed since.
   */
  public List<List<Object>> keys(TableId table) {
    return pending.getOrDefault(table, Map.of()).values().stream().map(Pending::key)
        .filter(key -> key != null).toList();
  }

  private static List<Object> keyValues(RowMismatch mismatch) {
    Object[] row = mismatch.sourceRow() != null ? mismatch.sourceRow() : mismatch.targetRow();
    if (row == null) {
      return null;
    }
    var key = new ArrayList<Object>(mismatch.key().size());
    for (int i = 0; i < mismatch.key().size(); i++) {
      key.add(row[i]);
    }
    return key.contains(null) ? null : key;
  }

  /** The table's counters after the last pass; Pending records before the first. */
  public ValidationStatus status(TableId table) {
    return status.getOrDefault(table, ValidationStatus.pending(0));
  }

  private static ValidationStatus status(TableVerdict verdict, long waiting, long failed) {
    return switch (verdict.state()) {
      case VALIDATED, MISMATCHED_RECORDS -> failed > 0
          ? new ValidationStatus(ValidationState.MISMATCHED_RECORDS, waiting, failed, 0,
              failed + " record(s) still differ after the failure delay")
          : waiting > 0
              ? new ValidationStatus(ValidationState.PENDING_RECORDS, waiting, 0, 0,
                  waiting + " record(s) differ while changes are applied; re-checking")
              : new ValidationStatus(ValidationState.VALIDATED, 0, 0, 0, "");
      default -> ValidationStatus.of(verdict);
    };
  }
}
