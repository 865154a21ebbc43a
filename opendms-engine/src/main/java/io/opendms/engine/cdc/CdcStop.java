package io.opendms.engine.cdc;

/** Why change processing ended; the names are DMS's stop reasons (StopReason without its prefix). */
public enum CdcStop {
  /** {@link ApplyLoop#stop()} was called: a graceful stop. DMS NORMAL. */
  STOPPED,
  /** DMS STOPPED_AT_SERVER_TIME: {@code CdcStopPosition server_time:} passed. */
  STOPPED_AT_SERVER_TIME,
  /** DMS STOPPED_AT_COMMIT_TIME: {@code CdcStopPosition commit_time:} reached. */
  STOPPED_AT_COMMIT_TIME,
  /** DMS STOPPED_AFTER_FULL_LOAD: {@code StopTaskCachedChangesNotApplied}. */
  STOPPED_AFTER_FULL_LOAD,
  /** DMS STOPPED_AFTER_CACHED_EVENTS: {@code StopTaskCachedChangesApplied}. */
  STOPPED_AFTER_CACHED_EVENTS;

  /**
   * Whether the task reached the stop position it was given, the cut-over: no change is to be
   * applied after it. The other stops are pauses that {@code resume-processing} continues.
   */
  public boolean atStopPosition() {
    return this == STOPPED_AT_SERVER_TIME || this == STOPPED_AT_COMMIT_TIME;
  }

  /** DMS's StopReason text, e.g. {@code Stop Reason STOPPED_AFTER_FULL_LOAD}. */
  public String stopReason() {
    return "Stop Reason " + (this == STOPPED ? "NORMAL" : name());
  }
}
