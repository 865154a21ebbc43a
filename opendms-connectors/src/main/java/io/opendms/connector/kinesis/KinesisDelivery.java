package io.opendms.connector.kinesis;

import io.opendms.spi.change.Begin;
import io.opendms.spi.change.ChangeDelivery;
import io.opendms.spi.change.DataChange;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.Truncate;
import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.stream.StreamEnvelope;
import io.opendms.spi.stream.StreamTables;
import io.opendms.spi.stream.TransactionSequence;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captured changes as DMS records, one per row change, batched until {@link #flush()}; a
 * replicated DDL as a control record when {@code IncludeTableAlterOperations} is on. A
 * truncation is logged and not sent, as with Kafka.
 */
final class KinesisDelivery implements ChangeDelivery {
  private static final Logger log = LoggerFactory.getLogger(KinesisDelivery.class);

  private final StreamTables tables;
  private final StreamEnvelope envelope;
  private final KinesisBatches batches;
  private final TransactionSequence transactions = new TransactionSequence();
  private String lastTable = "the changes";

  KinesisDelivery(List<TargetTable> tables, String taskId, StreamEnvelope envelope,
      KinesisBatches batches) {
    this.tables = new StreamTables(tables, envelope, taskId);
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
    TargetTable table = tables.table(row.table());
    lastTable = table.id().toString();
    batches.add(envelope.change(table, row, transactions.next()), lastTable);
  }

  /** The table's later rows carry its new columns; a control record when the settings ask. */
  @Override
  public void applyDdl(SchemaChange change) {
    lastTable = change.table().toString();
    tables.ddl(change).ifPresent(message -> batches.add(message, lastTable));
  }

  @Override
  public void followDdl(SchemaChange change) {
    tables.follow(change);
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
