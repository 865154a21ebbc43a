package io.opendms.engine.validation;

import io.opendms.spi.table.TableId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How one table's validation ended, with DMS's counters.
 *
 * @param source the source table
 * @param target the target table (the source's name when it could not be resolved)
 * @param state the validation state
 * @param rowsCompared rows compared (by digest or row by row)
 * @param failedRecords rows that differ (DMS ValidationFailedRecords)
 * @param suspendedRecords rows left uncompared after validation was suspended, estimated from the
 *     partitions skipped (DMS ValidationSuspendedRecords)
 * @param pendingRecords rows waiting to be compared (DMS ValidationPendingRecords)
 * @param details why the state is not Validated, or empty (DMS ValidationStateDetails)
 * @param method how the table was compared: {@code digest native}, {@code digest canonical}, or
 *     {@code rows (<why no digest>)}
 * @param mismatches the differing rows found, at most TableFailureMaxCount of them
 * @param elapsed how long the table took: planning and cutting it into key ranges, then from
 *     its first range compared to its last
 */
public record TableVerdict(
    TableId source,
    TableId target,
    ValidationState state,
    long rowsCompared,
    long failedRecords,
    long suspendedRecords,
    long pendingRecords,
    String details,
    String method,
    List<RowMismatch> mismatches,
    Duration elapsed) {

  public TableVerdict {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(details, "details");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(elapsed, "elapsed");
    mismatches = List.copyOf(mismatches);
  }

  /** A table that could not be compared at all. */
  static TableVerdict refused(TableId source, TableId target, ValidationState state,
      String details) {
    return new TableVerdict(source, target, state, 0, 0, 0, 0, details, "-", List.of(),
        Duration.ZERO);
  }

  /** The same verdict with the state and counters of {@code status}. */
  public TableVerdict with(ValidationStatus status) {
    return new TableVerdict(source, target, status.state(), rowsCompared, status.failed(),
        status.suspended(), status.pending(), status.details(), method, mismatches, elapsed);
  }

  public boolean matches() {
    return state == ValidationState.VALIDATED;
  }
}
