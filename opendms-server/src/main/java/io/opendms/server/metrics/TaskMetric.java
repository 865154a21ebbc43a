package io.opendms.server.metrics;

/**
 * The task metrics, named as DMS's CloudWatch metrics (namespace AWS/DMS) and exported under these
 * names with a {@code task} label.
 */
public enum TaskMetric {
  CDCLatencySource("seconds",
      "Now minus the source commit time of the newest change captured; 0 when nothing waits"),
  CDCLatencyTarget("seconds",
      "Now minus the source commit time of the oldest change not yet committed on the target"),
  CDCIncomingChanges("changes", "Row changes captured and not yet applied to the target"),
  CDCChangesMemorySource("events",
      "Events held in memory waiting for their source commit (PostgreSQL sends committed transactions only: 0)"),
  CDCChangesDiskSource("events",
      "Events held on disk waiting for their source commit (PostgreSQL sends committed transactions only: 0)"),
  CDCChangesMemoryTarget("events", "Events held in memory waiting to be applied to the target"),
  CDCChangesDiskTarget("events", "Events spilled to the on-disk change cache waiting to be applied"),
  CDCThroughputRowsSource("rows/s", "Row changes captured per second"),
  CDCThroughputRowsTarget("rows/s", "Row changes applied per second"),
  CDCThroughputBandwidthSource("KB/s", "Change data captured per second (payload size of the values)"),
  CDCThroughputBandwidthTarget("KB/s", "Change data applied per second (payload size of the values)"),
  FullLoadThroughputRowsSource("rows/s", "Rows read from the source per second during the full load"),
  FullLoadThroughputRowsTarget("rows/s",
      "Rows written to the target per second during the full load (rows stream through, so equal to the source's)"),
  FullLoadThroughputBandwidthSource("KB/s",
      "Data read per second during the full load (exact bytes of a native COPY stream, payload size of decoded rows)"),
  FullLoadThroughputBandwidthTarget("KB/s",
      "Data written per second during the full load (the same bytes as read: they stream through)");

  private final String unit;
  private final String description;

  TaskMetric(String unit, String description) {
    this.unit = unit;
    this.description = description;
  }

  public String unit() {
    return unit;
  }

  public String description() {
    return description;
  }
}
