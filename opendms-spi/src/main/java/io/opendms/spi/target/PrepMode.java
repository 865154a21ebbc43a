package io.opendms.spi.target;

/** DMS's {@code FullLoadSettings.TargetTablePrepMode}: what happens to a target table before loading. */
public enum PrepMode {
  /** Keep the table and its rows; create it when missing. */
  DO_NOTHING,
  /** Drop the table if it exists and create it anew. */
  DROP_AND_CREATE,
  /** Keep the table's definition, delete its rows; create it when missing. */
  TRUNCATE_BEFORE_LOAD
}
