package io.opendms.spi.change;

/** What an applier does with an {@link ApplyConflict}, as the engine's policy decided. */
public enum ApplyResolution {
  /** Drop the change silently (DMS IGNORE_RECORD). */
  SKIP,
  /** Drop the change and record it in {@code awsdms_apply_exceptions} (DMS LOG_ERROR). */
  LOG,
  /**
   * Write the change's after image whether or not its key exists: update the existing row of a
   * duplicate INSERT (DMS INSERT_RECORD), insert the missing row of an UPDATE (UPDATE_RECORD).
   * When the change lacks values (unchanged TOASTed columns) or the upsert fails too, the applier
   * records it as for {@link #LOG}.
   */
  UPSERT,
  /**
   * Record the change as for {@link #LOG} and apply no further change of its table (DMS
   * SUSPEND_TABLE); the engine stops routing that table's changes.
   */
  SUSPEND_TABLE,
  /** Fail: the applier rolls back and throws a USER-category error naming the table (STOP_TASK). */
  STOP
}
