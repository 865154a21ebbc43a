package io.opendms.engine.fullload;

import io.opendms.engine.plan.TablePlan;
import io.opendms.spi.source.TablePartition;
import java.util.List;

/**
 * Where a full load records each partition it committed, durably, and finds those an earlier,
 * interrupted run committed: a table with some can resume range by range. Called on the load's
 * coordinating thread only.
 */
public interface RangeLedger {

  /** Records nothing and knows nothing: every table loads whole. */
  RangeLedger NONE = new RangeLedger() {
    @Override
    public List<CompletedRange> completed(TablePlan table) {
      return List.of();
    }

    @Override
    public void committed(TablePlan table, TablePartition partition, long rows) {}

    @Override
    public void restarted(TablePlan table) {}
  };

  /** The partitions of the table committed by earlier runs; empty when none. */
  List<CompletedRange> completed(TablePlan table);

  /** A partition of the table committed on the target; recorded durably before returning. */
  void committed(TablePlan table, TablePartition partition, long rows);

  /** The table loads whole from now on: what was recorded of its partitions no longer holds. */
  void restarted(TablePlan table);
}
