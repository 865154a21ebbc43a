package io.opendms.engine.validation;

/** A table's validation state, named as DMS's {@code TableStatistics.ValidationState} names it. */
public enum ValidationState {
  NOT_ENABLED("Not enabled"),
  PENDING_RECORDS("Pending records"),
  MISMATCHED_RECORDS("Mismatched records"),
  SUSPENDED_RECORDS("Suspended records"),
  NO_PRIMARY_KEY("No primary key"),
  TABLE_ERROR("Table error"),
  VALIDATED("Validated"),
  ERROR("Error");

  private final String dmsName;

  ValidationState(String dmsName) {
    this.dmsName = dmsName;
  }

  public String dmsName() {
    return dmsName;
  }

  /** The state named {@code dmsName}, as {@link #dmsName()} spells it. */
  public static ValidationState ofDmsName(String dmsName) {
    for (ValidationState state : values()) {
      if (state.dmsName.equals(dmsName)) {
        return state;
      }
    }
    throw new IllegalArgumentException("unknown validation state " + dmsName);
  }

  @Override
  public String toString() {
    return dmsName;
  }
}
