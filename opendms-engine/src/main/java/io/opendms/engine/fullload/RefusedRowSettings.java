package io.opendms.engine.fullload;

import io.opendms.engine.settings.ErrorBehaviorSettings;
import io.opendms.engine.settings.ErrorPolicy;
import java.util.Objects;

/**
 * What a full load does with rows the target refuses because of their data (DMS {@code
 * ErrorBehavior} during full load): a partition whose load the target refused is loaded again in
 * chunks, a refused chunk split in halves until the refused rows are single, and each of those is
 * decided by {@code DataErrorPolicy}, or {@code DataTruncationErrorPolicy} for a value too long,
 * until {@code DataErrorEscalationCount} refused rows of a table hand it to {@code
 * DataErrorEscalationPolicy}.
 *
 * @param taskId names the task in {@code awsdms_apply_exceptions}
 * @param controlSchema DMS {@code ControlTablesSettings.ControlSchema}
 * @param chunkRows rows per target transaction while looking for refused rows (DMS {@code
 *     CommitRate})
 */
public record RefusedRowSettings(String taskId, String controlSchema, ErrorPolicy dataErrorPolicy,
    ErrorPolicy dataTruncationErrorPolicy, ErrorPolicy escalationPolicy, int escalationCount,
    int chunkRows) {

  public RefusedRowSettings {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(controlSchema, "controlSchema");
    Objects.requireNonNull(dataErrorPolicy, "dataErrorPolicy");
    Objects.requireNonNull(dataTruncationErrorPolicy, "dataTruncationErrorPolicy");
    Objects.requireNonNull(escalationPolicy, "escalationPolicy");
    if (escalationCount < 0 || chunkRows < 1) {
      throw new IllegalArgumentException("escalationCount must be >= 0 and chunkRows >= 1, got "
          + escalationCount + ", " + chunkRows);
    }
  }

  /** The task's ErrorBehavior, chunks of {@code commitRate} rows. */
  public static RefusedRowSettings of(String taskId, String controlSchema, ErrorBehaviorSettings errors,
      int commitRate) {
    return new RefusedRowSettings(taskId, controlSchema, errors.dataErrorPolicy(),
        errors.dataTruncationErrorPolicy(), errors.dataErrorEscalationPolicy(),
        errors.dataErrorEscalationCount(), commitRate);
  }
}
