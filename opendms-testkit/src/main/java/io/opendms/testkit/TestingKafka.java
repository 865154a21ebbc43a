package io.opendms.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A topic of its own on the local KRaft broker that {@code scripts/services.sh up} starts
 * (127.0.0.1:9092), read back with a real consumer, deleted on {@link #close()}. {@link
 * #stopBroker()} and {@link #startBroker()} stop and restart that broker process.
 */
public final class TestingKafka implements AutoCloseable {
  public static final String BOOTSTRAP =
      System.getProperty("opendms.test.kafka.bootstrap", "127.0.0.1:9092");

  private final String topic;

  private TestingKafka(String topic) {
    this.topic = topic;
  }

  /** A unique topic name (not yet created: the target creates it). */
  public static TestingKafka topic(String prefix) {
    return new TestingKafka(UniqueNames.database(prefix));
  }

  public String topic() {
    return topic;
  }

  /** {@code kafka://127.0.0.1:9092?topic=...} plus {@code extraQuery} ({@code &Name=value...}). */
  public String uri(String extraQuery) {
    return "kafka://" + BOOTSTRAP + "?topic=" + topic + extraQuery;
  }

  /** Every message of the topic, in partition-offset order, waiting until {@code done} holds. */
  public List<ConsumerRecord<String, String>> readUntil(
      Predicate<List<ConsumerRecord<String, String>>> done, Duration timeout) {
    var properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    long end = System.nanoTime() + timeout.toNanos();
    try (var consumer = new KafkaConsumer<String, String>(properties)) {
      List<TopicPartition> partitions = new ArrayList<>();
      while (partitions.isEmpty() && System.nanoTime() < end) {
        try {
          consumer.partitionsFor(topic, Duration.ofSeconds(10))
              .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
          // a busy machine or a broker starting again: ask again until the deadline
        }
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (!done.test(records) && System.nanoTime() < end) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    return records;
  }

  /** Stops the broker process that scripts/services.sh started. */
  public static void stopBroker() {
    ServiceScript.run("down", "kafka");
  }

  /** Starts it again and waits until it serves. */
  public static void startBroker() {
    ServiceScript.run("up", "kafka");
  }

  @Override
  public void close() {
    var properties = new Properties();
    properties.put("bootstrap.servers", BOOTSTRAP);
    try (Admin admin = Admin.create(properties)) {
      admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // never created (the test failed before any message) or already gone
    }
  }

  @Override
  public String toString() {
    return Map.of("topic", topic, "bootstrap", BOOTSTRAP).toString();
  }
}
