package io.opendms.engine.fullload;

import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.source.TablePartition;
import io.opendms.spi.target.NativeLoad;
import io.opendms.spi.target.RowLoad;
import io.opendms.spi.target.TargetSession;

/**
 * One partition of one table, waiting for a worker.
 *
 * @param replacing whether its rows replace target rows of the same key: a block range read again
 *     after a resume, whose rows may be on the target already
 */
record PartitionJob(TableLoadProgress table, TablePartition partition, boolean replacing) {

  RowLoad openRowLoad(TargetSession session) {
    return replacing ? session.openReplacingRowLoad(table.plan().target())
        : session.openRowLoad(table.plan().target());
  }

  NativeLoad openNativeLoad(TargetSession session, NativeFormat format) {
    return replacing ? session.openReplacingNativeLoad(table.plan().target(), format)
        : session.openNativeLoad(table.plan().target(), format);
  }

  @Override
  public String toString() {
    return partition.toString();
  }
}
