package io.opendms.connector.kafka;

import io.opendms.spi.stream.StreamEnvelope;
import io.opendms.spi.target.RowLoad;
import io.opendms.spi.target.TargetTable;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One partition of a table's full load as {@code load} messages. {@link #commit()} returns once
 * the brokers acknowledged all of them; messages sent before a failure stay in the topic (a topic
 * has no rollback), so a reloaded table may appear twice to a consumer.
 */
final class KafkaRowLoad implements RowLoad {
  private final TargetTable table;
  private final String topic;
  private final StreamEnvelope envelope;
  private final SendTracker sends;

  KafkaRowLoad(TargetTable table, String topic, StreamEnvelope envelope, SendTracker sends) {
    this.table = table;
    this.topic = topic;
    this.envelope = envelope;
    this.sends = sends;
  }

  @Override
  public void accept(Object[] values) {
    StreamEnvelope.Message message = envelope.load(table, values);
    sends.send(new ProducerRecord<>(topic, message.key(), message.json()), table.id().toString());
  }

  @Override
  public long commit() {
    return sends.awaitAcknowledged(table.id().toString());
  }

  @Override
  public void close() {}
}
