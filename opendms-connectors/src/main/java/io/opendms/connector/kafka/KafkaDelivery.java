package io.opendms.connector.kafka;

import io.opendms.spi.change.Begin;
import io.opendms.spi.change.ChangeDelivery;
import io.opendms.spi.change.DataChange;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.Truncate;
import io.opendms.spi.stream.StreamEnvelope;
import io.opendms.spi.stream.TransactionSequence;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captured changes as DMS messages, one per row change, on a producer of its own. A truncation
 * is logged and not sent: DMS sends no message for it either unless control records are on,
 * which this build does not produce.
 */
final class KafkaDelivery implements ChangeDelivery {
  private static final Logger log = LoggerFactory.getLogger(KafkaDelivery.class);

  private final Map<TableId, TargetTable> tables = new HashMap<>();
  private final java.util.function.Function<TargetTable, String> topics;
  private final StreamEnvelope envelope;
  private final KafkaProducer<String, String> producer;
  private final SendTracker sends;
  private final TransactionSequence transactions = new TransactionSequence();
  private String lastTable = "the changes";

  KafkaDelivery(List<TargetTable> tables, java.util.function.Function<TargetTable, String> topics,
      StreamEnvelope envelope,
      KafkaProducer<String, String> producer) {
    tables.forEach(t -> this.tables.put(t.id(), t));
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
    TargetTable table = tables.get(row.table());
    if (table == null) {
      throw new IllegalArgumentException("change of " + row.table() + ", not a table of the task");
    }
    lastTable = table.id().toString();
    StreamEnvelope.Message message = envelope.change(table, row, transactions.next());
    sends.send(new ProducerRecord<>(topics.apply(table), message.key(), message.json()),
        lastTable);
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
