package io.opendms.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * The gauges of one running task, one per {@link TaskMetric}, labelled {@code task}. They read the
 * latest sample; a metric the task does not have yet reads NaN. Removed when the task stops, so a
 * stopped task's last values do not linger as if current.
 */
final class TaskGauges {
  private final MeterRegistry registry;
  private final List<Gauge> gauges = new ArrayList<>();
  private volatile TaskSample latest;

  TaskGauges(MeterRegistry registry, TaskSample first) {
    this.registry = registry;
    this.latest = first;
    for (TaskMetric metric : TaskMetric.values()) {
      gauges.add(Gauge.builder(metric.name(), this, g -> g.latest.value(metric))
          .description(metric.description() + " (" + metric.unit() + ")")
          .tag("task", first.identifier())
          .register(registry));
    }
  }

  String identifier() {
    return latest.identifier();
  }

  void update(TaskSample sample) {
    latest = sample;
  }

  void remove() {
    gauges.forEach(registry::remove);
  }
}
