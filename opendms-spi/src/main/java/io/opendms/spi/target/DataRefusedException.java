package io.opendms.spi.target;

import io.opendms.spi.change.ApplyConflict;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import java.util.Objects;

/**
 * The target refused rows because of their data, not because of the connection or the statement:
 * a value too long or out of range, a constraint (NOT NULL, unique, foreign key, CHECK), a value
 * it cannot represent at all. What a {@link BulkLoad} throws for such a failure, so that the
 * engine can find the refused rows and let DMS's {@code DataErrorPolicy} (or, for {@link
 * ApplyConflict.Kind#TRUNCATION}, {@code DataTruncationErrorPolicy}) decide about each.
 */
public final class DataRefusedException extends OpenDmsException {
  private static final long serialVersionUID = 1L;

  private final ApplyConflict.Kind kind;

  /** @param kind what was wrong with the data: TRUNCATION, DUPLICATE_KEY or DATA_ERROR */
  public DataRefusedException(ApplyConflict.Kind kind, String message, Throwable cause) {
    super(ErrorCode.TARGET_WRITE_FAILED, message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public ApplyConflict.Kind kind() {
    return kind;
  }

  /** The refusal {@code failure} is or was caused by; null when it is another failure. */
  public static DataRefusedException in(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof DataRefusedException refused) {
        return refused;
      }
    }
    return null;
  }
}
