package io.opendms.engine.validation;

import java.util.Objects;

/**
 * A table's validation counters as DMS's {@code TableStatistics} reports them.
 *
 * @param state ValidationState
 * @param pending ValidationPendingRecords: rows not yet compared
 * @param failed ValidationFailedRecords
 * @param suspended ValidationSuspendedRecords
 * @param details ValidationStateDetails; empty when there is nothing to say
 */
public record ValidationStatus(
    ValidationState state, long pending, long failed, long suspended, String details) {

  public static final ValidationStatus NOT_ENABLED =
      new ValidationStatus(ValidationState.NOT_ENABLED, 0, 0, 0, "");

  public ValidationStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(details, "details");
    if (pending < 0 || failed < 0 || suspended < 0) {
      throw new IllegalArgumentException("validation counters must not be negative");
    }
  }

  /** Waiting to be compared: the table's estimated rows are pending. */
  public static ValidationStatus pending(long rows) {
    return new ValidationStatus(ValidationState.PENDING_RECORDS, Math.max(0, rows), 0, 0, "");
  }

  public static ValidationStatus of(TableVerdict verdict) {
    return new ValidationStatus(verdict.state(), verdict.pendingRecords(), verdict.failedRecords(),
        verdict.suspendedRecords(), verdict.details());
  }

  /** Whether validation ran and found the table different or could not finish it. */
  public boolean isFailure() {
    return switch (state) {
      case MISMATCHED_RECORDS, SUSPENDED_RECORDS, TABLE_ERROR, ERROR -> true;
      default -> false;
    };
  }
}
