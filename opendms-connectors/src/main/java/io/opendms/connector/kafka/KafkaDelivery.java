package io.opendms.connector.kafka;

import io.opendms.spi.change.Begin;
import io.opendms.spi.change.ChangeDelivery;
import io.opendms.spi.change.DataChange;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.Truncate;
import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.stream.StreamEnvelope;
import io.opendms.spi.stream.StreamTables;
import io.opendms.spi.stream.TransactionSequence;
import io.opendms.spi.target.TargetTable;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captured changes as DMS messages, one per row change, on a producer of its own; a replicated
 * DDL as a control record when {@code IncludeTableAlterOperations} is on. A truncation is logged
 * and not sent: DMS has no control operation for it.
 */
final class KafkaDelivery implements ChangeDelivery {
  private static final Logger log = LoggerFactory.getLogger(KafkaDelivery.class);

  private final StreamTables tables;
  private final Function<TargetTable, String> topics;
  private final StreamEnvelope envelope;
  private final KafkaProducer<String, String> producer;
  private final SendTracker sends;
  private final TransactionSequence transactions = new TransactionSequence();
  private String lastTable = "the changes";

  KafkaDelivery(List<TargetTable> tables, String taskId,
      Function<TargetTable, String> topics, StreamEnvelope envelope,
      KafkaProducer<String, String> producer) {
    this.tables = new StreamTables(tables, envelope, taskId);
    this.topics = topics;
    this.envelope = envelope;
    this.producer = producer;
    this.sends = new SendTracker(producer, "change delivery");
  }

  @Override
  public void begin(Begin begin) {
    transactions.begin(begin);
  }

  @Override
  public void deliver(DataChange change) {
    if (change instanceof Truncate truncate) {
      log.info("truncation of {} not sent to Kafka", truncate.tables());
      return;
    }
    RowChange row = (RowChange) change;
    TargetTable table = tables.table(row.table());
    lastTable = table.id().toString();
    StreamEnvelope.Message message = envelope.change(table, row, transactions.next());
    sends.send(new ProducerRecord<>(topics.apply(table), message.key(), message.json()),
        lastTable);
  }

  /** The table's later rows carry its new columns; a control record when the settings ask. */
  @Override
  public void applyDdl(SchemaChange change) {
    lastTable = change.table().toString();
    // the table's own topic, taken before a DROP TABLE forgets the table
    String topic = topics.apply(tables.table(change.table()));
    tables.ddl(change).ifPresent(message ->
        sends.send(new ProducerRecord<>(topic, message.key(), message.json()), lastTable));
  }

  @Override
  public void followDdl(SchemaChange change) {
    tables.follow(change);
  }

  @Override
  public long flush() {
    return sends.awaitAcknowledged(lastTable);
  }

  @Override
  public void close() {
    // Unflushed messages may still reach the topic: at least once, never lost.
    producer.close(Duration.ofSeconds(5));
  }
}
