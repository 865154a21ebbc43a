package io.opendms.cli;

import io.opendms.engine.fullload.TableStatus;
import java.io.PrintStream;
import java.util.List;

/** Shows a running task's table progress. Called from one refresh thread, then closed once. */
interface ProgressDisplay {

  void update(List<TableStatus> tables);

  /** Shows the final state and releases the display. */
  void close(List<TableStatus> tables);

  /** Bars per table on a terminal; plain log lines when the output is not a terminal. */
  static ProgressDisplay forConsole(PrintStream err) {
    boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
    return terminal ? new TerminalProgress() : new LogLineProgress(err);
  }
}
