package io.opendms.connector.kafka;

import io.opendms.spi.change.ApplyRequest;
import io.opendms.spi.change.ChangeDelivery;
import io.opendms.spi.change.DeliveryTargetConnector;
import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.stream.StreamEnvelope;
import io.opendms.spi.target.TablePreparation;
import io.opendms.spi.target.TargetConnector;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.target.TargetTable;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka endpoint during one task: one idempotent producer shared by the full load's worker
 * threads (a {@link KafkaProducer} is thread-safe and batches best when shared) and a second one
 * for change delivery. A table needs no preparation beyond its topic ({@code Topic}, or its
 * object-mapping rule's {@code kafka-target-topic}); DMS's {@code
 * TargetTablePrepMode} has nothing to drop or truncate on a topic, and is ignored as DMS does.
 */
final class KafkaTargetConnector implements DeliveryTargetConnector {
  private static final Logger log = LoggerFactory.getLogger(KafkaTargetConnector.class);
  private static final long ADMIN_TIMEOUT_SECONDS = 30;

  private final EndpointConfig endpoint;
  private final KafkaSettings settings;
  private final KafkaProducer<String, String> loadProducer;
  private final StreamEnvelope loadEnvelope;
  private final Set<String> readyTopics = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private KafkaTargetConnector(EndpointConfig endpoint, KafkaSettings settings) {
    this.endpoint = endpoint;
    this.settings = settings;
    this.loadProducer = new KafkaProducer<>(KafkaClients.producer(settings));
    this.loadEnvelope = new StreamEnvelope(settings.envelope(), Clock.systemUTC());
  }

  /** Checks that the brokers answer before any data moves. */
  static KafkaTargetConnector open(EndpointConfig endpoint, KafkaSettings settings) {
    try (Admin admin = Admin.create(KafkaClients.common(settings))) {
      admin.describeCluster().nodes().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(endpoint, settings, e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw unreachable(endpoint, settings, e);
    }
    return new KafkaTargetConnector(endpoint, settings);
  }

  @Override
  public void prepare(TargetTable table, TablePreparation preparation) {
    createTopicIfMissing(settings.topic(table));
  }

  @Override
  public List<NativeFormat> importFormats(TargetTable table) {
    return List.of();
  }

  @Override
  public TargetSession openSession() {
    return TargetSession.ofRowLoads("Kafka", table -> new KafkaRowLoad(table, settings.topic(table),
        loadEnvelope, new SendTracker(loadProducer, "the full load")));
  }

  @Override
  public void complete(TargetTable table, TablePreparation preparation) {}

  /**
   * Yes: each delivery has a producer of its own, which keeps the order of one key's messages in its
   * partition; messages of different keys from different producers interleave.
   */
  @Override
  public boolean deliversInParallel() {
    return true;
  }

  @Override
  public ChangeDelivery openDelivery(ApplyRequest request) {
    request.tables().forEach(table -> createTopicIfMissing(settings.topic(table)));
    var envelope = new StreamEnvelope(
        settings.envelope().withBeforeImage(request.beforeImage()), Clock.systemUTC());
    return new KafkaDelivery(request.tables(), request.taskId(), settings::topic, envelope,
        new KafkaProducer<>(KafkaClients.producer(settings)));
  }

  @Override
  public void close() {
    loadProducer.close();
  }

  /**
   * DMS needs {@code auto.create.topics.enable}; creating the topic here (with the brokers'
   * default partitions and replication) makes the first send independent of that setting.
   */
  private void createTopicIfMissing(String topic) {
    if (readyTopics.contains(topic)) {
      return;
    }
    try (Admin admin = Admin.create(KafkaClients.common(settings))) {
      Set<String> topics = admin.listTopics().names().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!topics.contains(topic)) {
        admin.createTopics(List.of(new NewTopic(topic, java.util.Optional.empty(),
            java.util.Optional.empty()))).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        log.info("created Kafka topic {}", topic);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(endpoint, settings, e);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new OpenDmsException(ErrorCode.TARGET_WRITE_FAILED, "cannot create Kafka topic "
            + topic + " on " + settings.brokers() + ": " + e.getCause().getMessage(), e);
      }
    } catch (java.util.concurrent.TimeoutException e) {
      throw unreachable(endpoint, settings, e);
    }
    readyTopics.add(topic);
  }

  private static OpenDmsException unreachable(EndpointConfig endpoint, KafkaSettings settings,
      Exception e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    String hint = KafkaClients.securityHint(cause);
    if (hint != null) {
      return new OpenDmsException(ErrorCode.AUTHENTICATION_FAILED, "the Kafka brokers "
          + settings.brokers() + " of " + endpoint.describe() + " refused the connection ("
          + settings.securityProtocol() + "): " + cause.getMessage() + "; " + hint, e);
    }
    return new OpenDmsException(ErrorCode.CONNECTION_FAILED, "cannot reach the Kafka brokers "
        + settings.brokers() + " of " + endpoint.describe() + ": " + cause.getMessage(), e);
  }
}
