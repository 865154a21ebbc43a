package io.opendms.cli;

/** The exit codes other tools script against; keep them stable. */
final class ExitCode {
  /** Every selected table completed (or a CDC task stopped gracefully). */
  static final int COMPLETED = 0;
  /** The task ran and failed, or some table did not complete. */
  static final int TASK_FAILED = 1;
  /** Bad input found before any data moved: flags, URIs, files, credentials, unreachable hosts. */
  static final int BAD_INPUT = 2;

  private ExitCode() {}
}
