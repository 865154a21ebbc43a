package io.opendms.engine.task;

/** A table's load state, named as DMS's {@code TableStatistics.TableState} names it. */
public enum TableState {
  BEFORE_LOAD("Before load"),
  FULL_LOAD("Full load"),
  TABLE_COMPLETED("Table completed"),
  TABLE_ERROR("Table error"),
  TABLE_CANCELLED("Table cancelled"),
  /** A completed table loading again on request (ReloadTables) while its task runs. */
  TABLE_RELOADING("Table is being reloaded");

  private final String dmsName;

  TableState(String dmsName) {
    this.dmsName = dmsName;
  }

  public String dmsName() {
    return dmsName;
  }

  public boolean isFinal() {
    return this == TABLE_COMPLETED || this == TABLE_ERROR || this == TABLE_CANCELLED;
  }

  @Override
  public String toString() {
    return dmsName;
  }
}
