package io.opendms.engine.settings;

/**
 * DMS's error-handling vocabulary for the {@code ErrorBehavior} section. Each key allows its own
 * subset; {@link ErrorBehaviorSettings} declares which.
 */
public enum ErrorPolicy {
  /** Skip the record and go on, counting it. */
  IGNORE_RECORD,
  /** Write the record to the exceptions table and go on. */
  LOG_ERROR,
  /** Stop processing the table, keep the task running. */
  SUSPEND_TABLE,
  /** Stop the whole task. */
  STOP_TASK,
  /** On a duplicate key while inserting a change, update the existing row instead. */
  INSERT_RECORD,
  /** On an update of a missing target row, insert the row instead. */
  UPDATE_RECORD,
  /** Ignore the event (for {@code EventErrorPolicy} only). */
  IGNORE
}
