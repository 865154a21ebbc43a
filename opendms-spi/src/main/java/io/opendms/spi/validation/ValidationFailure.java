package io.opendms.spi.validation;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of DMS's {@code awsdms_validation_failures_v1} table.
 *
 * @param taskName the task's identifier (TASK_NAME, at most 128 characters)
 * @param tableOwner the source table's schema (TABLE_OWNER)
 * @param tableName the source table's name (TABLE_NAME)
 * @param failureTime when the mismatch was found (FAILURE_TIME)
 * @param key the row's key as DMS writes it, {@code {"key":["3451491"]}} (KEY; KEY_TYPE is always
 *     {@code Row})
 * @param failureType {@code RECORD_DIFF}, {@code MISSING_SOURCE} or {@code MISSING_TARGET}
 * @param details JSON of the differing values, at most 8000 characters (DETAILS)
 */
public record ValidationFailure(
    String taskName,
    String tableOwner,
    String tableName,
    Instant failureTime,
    String key,
    String failureType,
    String details) {

  public ValidationFailure {
    Objects.requireNonNull(taskName, "taskName");
    Objects.requireNonNull(tableOwner, "tableOwner");
    Objects.requireNonNull(tableName, "tableName");
    Objects.requireNonNull(failureTime, "failureTime");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(failureType, "failureType");
    Objects.requireNonNull(details, "details");
    if (!failureType.equals("RECORD_DIFF") && !failureType.equals("MISSING_SOURCE")
        && !failureType.equals("MISSING_TARGET")) {
      throw new IllegalArgumentException("unknown failure type " + failureType);
    }
    if (details.length() > 8000) {
      details = details.substring(0, 7997) + "...";
    }
  }
}
