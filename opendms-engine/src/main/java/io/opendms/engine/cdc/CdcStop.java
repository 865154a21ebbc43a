package io.opendms.engine.cdc;

/** Why the apply loop returned. */
public enum CdcStop {
  /** {@link ApplyLoop#stop()} was called: a graceful stop. */
  STOPPED,
  /** DMS STOPPED_AT_SERVER_TIME. */
  STOPPED_AT_SERVER_TIME,
  /** DMS STOPPED_AT_COMMIT_TIME. */
  STOPPED_AT_COMMIT_TIME
}
