package io.opendms.cli;

import io.opendms.engine.fullload.TableStatus;
import io.opendms.engine.plan.TablePlan;
import io.opendms.engine.task.TableState;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Plain progress lines for logs and pipes: one per table when it finishes, and one per loading
 * table every few seconds.
 */
final class LogLineProgress implements ProgressDisplay {
  private static final Duration EVERY = Duration.ofSeconds(5);

  private final PrintStream out;
  private final Set<TablePlan> reportedFinal = new HashSet<>();
  private Instant lastReport = Instant.now();

  LogLineProgress(PrintStream out) {
    this.out = out;
  }

  @Override
  public void update(List<TableStatus> tables) {
    boolean periodic = Duration.between(lastReport, Instant.now()).compareTo(EVERY) >= 0;
    for (TableStatus table : tables) {
      if (table.state().isFinal() && reportedFinal.add(table.plan())) {
        out.println(line(table));
      } else if (periodic && table.state() == TableState.FULL_LOAD) {
        out.println(line(table));
      }
    }
    if (periodic) {
      lastReport = Instant.now();
    }
  }

  @Override
  public void close(List<TableStatus> tables) {
    for (TableStatus table : tables) {
      if (table.state().isFinal() && reportedFinal.add(table.plan())) {
        out.println(line(table));
      }
    }
    out.flush();
  }

  private static String line(TableStatus table) {
    long estimate = table.plan().source().estimatedRows();
    String percent = estimate > 0 && table.state() == TableState.FULL_LOAD
        ? String.format(" (~%d%%)", Math.min(99, table.rows() * 100 / estimate)) : "";
    double seconds = table.elapsed().toMillis() / 1000.0;
    return String.format("%s: %s, %,d rows%s, %.1f s, %,.0f rows/s%s", table.plan(), table.state(),
        table.rows(), percent, seconds, seconds > 0 ? table.rows() / seconds : 0.0,
        table.error() == null ? "" : " - " + table.error());
  }
}
