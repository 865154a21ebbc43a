package io.opendms.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** Prints rows of cells as columns padded to their widest cell; numeric columns right-aligned. */
final class AlignedTable {

  private AlignedTable() {}

  /** @param rows the header first, then one array per row, all of the header's length */
  static void print(PrintStream out, List<String[]> rows, Set<Integer> numericColumns) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      var line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        String spaces = " ".repeat(widths[i] - row[i].length());
        line.append(numericColumns.contains(i) ? spaces + row[i] : row[i] + spaces)
            .append(i < row.length - 1 ? "  " : "");
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
