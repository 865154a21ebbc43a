package io.opendms.connector.kinesis;

import io.opendms.spi.change.Begin;
import io.opendms.spi.change.ChangeDelivery;
import io.opendms.spi.change.DataChange;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.Truncate;
import io.opendms.spi.stream.StreamEnvelope;
import io.opendms.spi.stream.TransactionSequence;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captured changes as DMS records, one per row change, batched until {@link #flush()}. A
 * truncation is logged and not sent, as with Kafka.
 */
final class KinesisDelivery implements ChangeDelivery {
  private static final Logger log = LoggerFactory.getLogger(KinesisDelivery.class);

  private final Map<TableId, TargetTable> tables = new HashMap<>();
  private final StreamEnvelope envelope;
  private final KinesisBatches batches;
  private final TransactionSequence transactions = new TransactionSequence();
  private String lastTable = "the changes";

  KinesisDelivery(List<TargetTable> tables, StreamEnvelope envelope, KinesisBatches batches) {
    tables.forEach(t -> this.tables.put(t.id(), t));
    this.envelope = envelope;
    this.batches = batches;
  }

  @Override
  public void begin(Begin begin) {
    transactions.begin(begin);
  }

  @Override
  public void deliver(DataChange change) {
    if (change instanceof Truncate truncate) {
      log.info("truncation of {} not sent to Kinesis", truncate.tables());
      return;
    }
    RowChange row = (RowChange) change;
    TargetTable table = tables.get(row.table());
    if (table == null) {
      throw new IllegalArgumentException("change of " + row.table() + ", not a table of the task");
    }
    lastTable = table.id().toString();
    batches.add(envelope.change(table, row, transactions.next()), lastTable);
  }

  @Override
  public long flush() {
    return batches.flush(lastTable);
  }

  @Override
  public void close() {
    // Records not yet sent are dropped; the engine sends them again from its stored position.
  }
}
