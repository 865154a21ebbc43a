package io.opendms.connector.kinesis;

import io.opendms.spi.stream.StreamEnvelope;
import io.opendms.spi.target.RowLoad;
import io.opendms.spi.target.TargetTable;

/**
 * One partition of a table's full load as {@code load} records. {@link #commit()} returns once
 * Kinesis took all of them; records sent before a failure stay in the stream, so a reloaded
 * table may appear twice to a consumer.
 */
final class KinesisRowLoad implements RowLoad {
  private final TargetTable table;
  private final String name;
  private final StreamEnvelope envelope;
  private final KinesisBatches batches;

  KinesisRowLoad(TargetTable table, StreamEnvelope envelope, KinesisBatches batches) {
    this.table = table;
    this.name = table.id().toString();
    this.envelope = envelope;
    this.batches = batches;
  }

  @Override
  public void accept(Object[] values) {
    batches.add(envelope.load(table, values), name);
  }

  @Override
  public long commit() {
    return batches.flush(name);
  }

  @Override
  public void close() {}
}
