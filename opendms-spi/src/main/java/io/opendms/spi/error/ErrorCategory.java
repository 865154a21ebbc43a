package io.opendms.spi.error;

/** Who can fix an error, which decides retry versus fail. */
public enum ErrorCategory {
  /** Bad input or configuration: retrying changes nothing; tell the user what to change. */
  USER,
  /** The network, a restart, a lock timeout: worth retrying with backoff. */
  TRANSIENT,
  /** A defect or an unexpected state of ours or of the database. */
  INTERNAL
}
