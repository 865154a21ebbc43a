package io.opendms.engine.fullload;

import io.opendms.spi.source.TablePartition;

/** One partition of one table, waiting for a worker. */
record PartitionJob(TableLoadProgress table, TablePartition partition) {

  @Override
  public String toString() {
    return partition.toString();
  }
}
