package io.opendms.server.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opendms.server.control.LiveTask;
import io.opendms.server.control.TaskService;
import io.opendms.server.store.MetricHistoryStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples every running task each {@link #SAMPLE_INTERVAL}: the sample feeds the Prometheus gauges,
 * the console's live view and the stored history, which is pruned after {@link #RETENTION}.
 */
public final class MetricsService implements AutoCloseable {
  public static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(5);
  public static final Duration RETENTION = Duration.ofHours(24);
  private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);
  private static final Logger log = LoggerFactory.getLogger(MetricsService.class);

  private final TaskService tasks;
  private final MetricHistoryStore history;
  private final Clock clock;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final InstanceGauges instance;
  private final TaskSampler sampler = new TaskSampler();
  private final Map<String, TaskGauges> gauges = new HashMap<>();
  private final Map<String, TaskSample> latest = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler;
  private Instant lastPrune = Instant.EPOCH;

  private MetricsService(TaskService tasks, MetricHistoryStore history, Path dataDir, Clock clock) {
    this.tasks = tasks;
    this.history = history;
    this.clock = clock;
    this.instance = new InstanceGauges(registry, dataDir);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "opendms-metrics");
      thread.setDaemon(true);
      return thread;
    });
  }

  public static MetricsService start(TaskService tasks, MetricHistoryStore history, Path dataDir, Clock clock) {
    var service = new MetricsService(tasks, history, dataDir, clock);
    service.scheduler.scheduleWithFixedDelay(service::sampleSafely, 0,
        SAMPLE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    return service;
  }

  /** Everything in the Prometheus text format (0.0.4). */
  public String scrape() {
    return registry.scrape();
  }

  /** The newest sample of a running task. */
  public Optional<TaskSample> latest(String taskArn) {
    return Optional.ofNullable(latest.get(taskArn));
  }

  /** The stored samples of a task from the last {@code window}, oldest first. */
  public List<MetricHistoryStore.Sample> history(String taskArn, Duration window) {
    return history.since(taskArn, clock.instant().minus(window));
  }

  private void sampleSafely() {
    try {
      sampleNow();
    } catch (RuntimeException e) {
      // The next round tries again; a metrics failure must never touch the tasks.
      log.warn("sampling task metrics failed: {}", e.toString());
    }
  }

  synchronized void sampleNow() {
    Instant now = clock.instant();
    List<LiveTask> running = tasks.live();
    Set<String> arns = running.stream().map(LiveTask::arn).collect(Collectors.toSet());
    for (LiveTask task : running) {
      TaskSample sample = sampler.sample(task, now);
      latest.put(task.arn(), sample);
      TaskGauges existing = gauges.get(task.arn());
      if (existing != null && !existing.identifier().equals(sample.identifier())) {
        existing.remove();
        existing = null;
      }
      if (existing == null) {
        gauges.put(task.arn(), new TaskGauges(registry, sample));
      } else {
        existing.update(sample);
      }
      history.append(task.arn(), new MetricHistoryStore.Sample(now, named(sample.values())));
    }
    gauges.entrySet().removeIf(entry -> {
      if (arns.contains(entry.getKey())) {
        return false;
      }
      entry.getValue().remove();
      return true;
    });
    latest.keySet().retainAll(arns);
    sampler.retain(arns);
    instance.refresh();
    if (Duration.between(lastPrune, now).compareTo(PRUNE_EVERY) >= 0) {
      lastPrune = now;
      int deleted = history.deleteOlderThan(now.minus(RETENTION));
      if (deleted > 0) {
        log.debug("pruned {} metric samples older than {}", deleted, RETENTION);
      }
    }
  }

  private static Map<String, Double> named(Map<TaskMetric, Double> values) {
    // in the enum's order; values may be empty (a task that has not measured anything yet)
    var named = new LinkedHashMap<String, Double>();
    for (TaskMetric metric : TaskMetric.values()) {
      Double value = values.get(metric);
      if (value != null && Double.isFinite(value)) {
        named.put(metric.name(), value);
      }
    }
    return named;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    registry.close();
  }
}
