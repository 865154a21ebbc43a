package io.opendms.server.metrics;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One sample of a running task's metrics.
 *
 * @param taskArn the task
 * @param identifier its ReplicationTaskIdentifier, the {@code task} label
 * @param time when it was taken
 * @param values every {@link TaskMetric} the task has now (CDC metrics only once capture started)
 */
public record TaskSample(String taskArn, String identifier, Instant time, Map<TaskMetric, Double> values) {
  public TaskSample {
    Objects.requireNonNull(taskArn, "taskArn");
    Objects.requireNonNull(identifier, "identifier");
    Objects.requireNonNull(time, "time");
    values = Collections.unmodifiableMap(values.isEmpty() ? new EnumMap<>(TaskMetric.class) : new EnumMap<>(values));
  }

  /** The value, or NaN when the task does not have the metric (yet). */
  public double value(TaskMetric metric) {
    Double value = values.get(metric);
    return value == null ? Double.NaN : value;
  }
}
