package io.opendms.cli;

import io.opendms.engine.fullload.TableStatus;
import io.opendms.engine.plan.TablePlan;
import io.opendms.engine.task.TableState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** One progress bar per table while it loads, sized by the source's row estimate. */
final class TerminalProgress implements ProgressDisplay {
  private final Map<TablePlan, ProgressBar> bars = new HashMap<>();

  @Override
  public void update(List<TableStatus> tables) {
    for (TableStatus table : tables) {
      if (table.state() == TableState.BEFORE_LOAD) {
        continue;
      }
      ProgressBar bar = bars.computeIfAbsent(table.plan(), key -> open(table));
      long estimate = Math.max(table.plan().source().estimatedRows(), table.rows());
      if (table.state() == TableState.TABLE_COMPLETED) {
        estimate = table.rows();
      }
      if (bar.getMax() != estimate) {
        bar.maxHint(estimate);
      }
      bar.stepTo(table.rows());
      if (table.state().isFinal()) {
        bar.setExtraMessage(" " + table.state().dmsName());
      }
    }
  }

  @Override
  public void close(List<TableStatus> tables) {
    update(tables);
    bars.values().forEach(ProgressBar::close);
    bars.clear();
  }

  private static ProgressBar open(TableStatus table) {
    return new ProgressBarBuilder()
        .setTaskName(table.plan().toString())
        .setInitialMax(Math.max(1, table.plan().source().estimatedRows()))
        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
        .setUpdateIntervalMillis(250)
        .setUnit(" rows", 1)
        .showSpeed()
        .build();
  }
}
