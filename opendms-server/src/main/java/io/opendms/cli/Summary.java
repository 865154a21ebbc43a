package io.opendms.cli;

import io.opendms.engine.fullload.TableStatus;
import io.opendms.engine.task.TableRecord;
import io.opendms.engine.task.TaskResult;
import java.io.PrintStream;
import java.util.ArrayList;

/** The per-table table printed when a task ends: state, rows, seconds, rows/s, and how rows moved. */
final class Summary {
  private static final String[] HEADER = {"TABLE", "STATE", "ROWS", "SECONDS", "ROWS/S", "PATH"};

  private final TaskResult result;

  Summary(TaskResult result) {
    this.result = result;
  }

  void print(PrintStream out) {
    var rows = new ArrayList<String[]>();
    rows.add(HEADER);
    for (TableRecord kept : result.keptFromEarlierRun()) {
      rows.add(new String[] {kept.source() + arrow(kept), kept.state().dmsName(),
          String.format("%,d", kept.rows()), "-", "-", "completed by an earlier run"});
    }
    long totalRows = 0;
    double slowest = 0;
    for (TableStatus table : result.loaded()) {
      double seconds = table.elapsed().toMillis() / 1000.0;
      totalRows += table.rows();
      slowest = Math.max(slowest, seconds);
      rows.add(new String[] {table.plan().toString(), table.state().dmsName(),
          String.format("%,d", table.rows()), String.format("%.1f", seconds),
          seconds > 0 ? String.format("%,.0f", table.rows() / seconds) : "-",
          table.path() == null ? "-" : table.path().toString()});
    }
    AlignedTable.print(out, rows, java.util.Set.of(2, 3, 4));
    out.printf("%d table(s) loaded, %,d rows%n", result.loaded().size(), totalRows);
    for (TableStatus table : result.loaded()) {
      if (table.error() != null) {
        out.println(table.plan() + ": " + table.error());
      }
    }
    out.flush();
  }

  private static String arrow(TableRecord kept) {
    return kept.source().equals(kept.target()) ? "" : " -> " + kept.target();
  }
}
