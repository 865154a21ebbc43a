package io.opendms.connector.kafka;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The sends of one load or delivery on the shared producer: counts them and keeps the first
 * failure a broker reported, so that {@link #awaitAcknowledged} can say whether every message
 * since the last call was acknowledged. Callbacks run on the producer's I/O thread.
 */
final class SendTracker implements Callback {
  private final KafkaProducer<String, String> producer;
  private final String what;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final AtomicLong sent = new AtomicLong();

  SendTracker(KafkaProducer<String, String> producer, String what) {
    this.producer = producer;
    this.what = what;
  }

  /** Sends asynchronously; fails at once when an earlier send of this tracker failed. */
  void send(ProducerRecord<String, String> record, String table) {
    throwIfFailed(table);
    try {
      producer.send(record, this);
    } catch (KafkaException e) {
      throw failed(e, table);
    }
    sent.incrementAndGet();
  }

  /**
   * Blocks until the brokers acknowledged every message sent so far (all in-sync replicas);
   * returns how many were sent since the previous call.
   */
  long awaitAcknowledged(String table) {
    try {
      producer.flush();
    } catch (KafkaException e) {
      throw failed(e, table);
    }
    throwIfFailed(table);
    return sent.getAndSet(0);
  }

  @Override
  public void onCompletion(RecordMetadata metadata, Exception exception) {
    if (exception != null) {
      failure.compareAndSet(null, exception);
    }
  }

  private void throwIfFailed(String table) {
    Exception first = failure.get();
    if (first != null) {
      throw failed(first, table);
    }
  }

  /** Broker unreachable or timed out: transient (the engine restarts from its position). */
  private OpenDmsException failed(Exception e, String table) {
    String message = what + " of " + table + " to Kafka failed: " + e.getMessage();
    if (e instanceof RecordTooLargeException) {
      return new OpenDmsException(ErrorCode.TARGET_WRITE_FAILED,
          message + " (raise KafkaSettings.MessageMaxBytes and the topic's max.message.bytes)", e);
    }
    boolean transientFailure = e instanceof RetriableException || e instanceof TimeoutException;
    return new OpenDmsException(
        transientFailure ? ErrorCode.CONNECTION_FAILED : ErrorCode.TARGET_WRITE_FAILED, message, e);
  }
}
