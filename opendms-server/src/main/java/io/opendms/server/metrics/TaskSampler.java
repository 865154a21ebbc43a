package io.opendms.server.metrics;

import io.opendms.engine.cdc.CdcMetrics;
import io.opendms.engine.fullload.TableStatus;
import io.opendms.server.control.LiveTask;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns the engine's live figures into {@link TaskSample}s. The CDC rates are the engine's,
 * averaged since the previous sample (this is their only reader in the server); the full-load rate
 * is the rows loaded between two samples. Called by one thread at a time.
 */
final class TaskSampler {
  private record Previous(Instant time, long rows, long bytes) {}

  private final Map<String, Previous> previous = new HashMap<>();

  TaskSample sample(LiveTask task, Instant now) {
    var values = new EnumMap<TaskMetric, Double>(TaskMetric.class);
    var tables = task.migration().status();
    long rows = tables.stream().mapToLong(TableStatus::rows).sum();
    long bytes = tables.stream().mapToLong(TableStatus::bytes).sum();
    Previous before = previous.put(task.arn(), new Previous(now, rows, bytes));
    if (before != null) {
      double seconds = Duration.between(before.time(), now).toMillis() / 1000.0;
      double rate = seconds > 0 ? Math.max(0, rows - before.rows()) / seconds : 0;
      double kilobytes = seconds > 0 ? Math.max(0, bytes - before.bytes()) / 1024.0 / seconds : 0;
      values.put(TaskMetric.FullLoadThroughputRowsSource, rate);
      values.put(TaskMetric.FullLoadThroughputRowsTarget, rate);
      values.put(TaskMetric.FullLoadThroughputBandwidthSource, kilobytes);
      values.put(TaskMetric.FullLoadThroughputBandwidthTarget, kilobytes);
    }
    task.migration().cdcMetrics().ifPresent(cdc -> putCdc(values, cdc));
    return new TaskSample(task.arn(), task.identifier(), now, values);
  }

  private static void putCdc(Map<TaskMetric, Double> values, CdcMetrics cdc) {
    values.put(TaskMetric.CDCLatencySource, cdc.latencySource().toMillis() / 1000.0);
    values.put(TaskMetric.CDCLatencyTarget, cdc.latencyTarget().toMillis() / 1000.0);
    values.put(TaskMetric.CDCIncomingChanges, (double) cdc.incomingChanges());
    values.put(TaskMetric.CDCChangesMemorySource, 0.0);
    values.put(TaskMetric.CDCChangesDiskSource, 0.0);
    values.put(TaskMetric.CDCChangesMemoryTarget, (double) cdc.memoryEvents());
    values.put(TaskMetric.CDCChangesDiskTarget, (double) cdc.diskEvents());
    values.put(TaskMetric.CDCThroughputRowsSource, cdc.throughputSource());
    values.put(TaskMetric.CDCThroughputRowsTarget, cdc.throughputTarget());
    values.put(TaskMetric.CDCThroughputBandwidthSource, cdc.bandwidthSource());
    values.put(TaskMetric.CDCThroughputBandwidthTarget, cdc.bandwidthTarget());
  }

  /** Forgets the tasks that no longer run, so a restart begins a new rate window. */
  void retain(Set<String> runningArns) {
    previous.keySet().retainAll(runningArns);
  }
}
