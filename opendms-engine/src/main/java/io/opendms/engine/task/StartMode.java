package io.opendms.engine.task;

/** DMS's {@code StartReplicationTaskType}. */
public enum StartMode {
  /** First run: prepare every table and load it; any earlier state of the task is discarded. */
  START_REPLICATION("start-replication"),
  /** Continue from the saved state: completed tables are kept, the others are loaded again. */
  RESUME_PROCESSING("resume-processing"),
  /** Prepare and load every table again, whatever the saved state says. */
  RELOAD_TARGET("reload-target");

  private final String dmsName;

  StartMode(String dmsName) {
    this.dmsName = dmsName;
  }

  public String dmsName() {
    return dmsName;
  }

  public static StartMode parse(String text) {
    for (StartMode mode : values()) {
      if (mode.dmsName.equals(text)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "unknown start type '" + text
            + "' (expected start-replication, resume-processing or reload-target)");
  }

  @Override
  public String toString() {
    return dmsName;
  }
}
