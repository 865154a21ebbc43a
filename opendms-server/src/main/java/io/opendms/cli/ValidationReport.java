package io.opendms.cli;

import io.opendms.engine.validation.RowMismatch;
import io.opendms.engine.validation.TableVerdict;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Prints validation verdicts: one line per table and, when asked, every differing row. */
final class ValidationReport {
  private static final String[] HEADER =
      {"TABLE", "VALIDATION", "ROWS", "FAILED", "SUSPENDED", "SECONDS", "ROWS/S", "METHOD"};

  private ValidationReport() {}

  static void print(PrintStream out, List<TableVerdict> verdicts, boolean showDiff) {
    var rows = new ArrayList<String[]>();
    rows.add(HEADER);
    for (TableVerdict verdict : verdicts) {
      double seconds = verdict.elapsed().toMillis() / 1000.0;
      rows.add(new String[] {name(verdict), verdict.state().dmsName(),
          String.format("%,d", verdict.rowsCompared()), String.format("%,d", verdict.failedRecords()),
          String.format("%,d", verdict.suspendedRecords()), String.format("%.1f", seconds),
          seconds > 0 ? String.format("%,.0f", verdict.rowsCompared() / seconds) : "-",
          verdict.method()});
    }
    AlignedTable.print(out, rows, Set.of(2, 3, 4, 5, 6));
    for (TableVerdict verdict : verdicts) {
      if (!verdict.details().isEmpty()) {
        out.println(name(verdict) + ": " + verdict.details());
      }
      if (showDiff) {
        verdict.mismatches().forEach(m -> out.println(name(verdict) + ": " + describe(m)));
      }
    }
    out.flush();
  }

  static String describe(RowMismatch mismatch) {
    var text = new StringBuilder(mismatch.type()).append(" key ").append(quoted(mismatch.key()));
    for (RowMismatch.Difference difference : mismatch.differences()) {
      text.append("; ").append(difference.column()).append(": source ")
          .append(quote(difference.source())).append(", target ").append(quote(difference.target()));
    }
    return text.toString();
  }

  private static String quoted(List<String> key) {
    return key.stream().map(ValidationReport::quote).toList().toString();
  }

  /** NULL unquoted, every text quoted: NULL and '' must not look alike. */
  private static String quote(String value) {
    return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
  }

  private static String name(TableVerdict verdict) {
    return verdict.source().equals(verdict.target()) ? verdict.source().toString()
        : verdict.source() + " -> " + verdict.target();
  }
}
