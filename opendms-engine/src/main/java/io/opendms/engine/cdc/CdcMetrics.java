package io.opendms.engine.cdc;

import io.opendms.spi.table.TableId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A task's CDC metrics, named as DMS's CloudWatch metrics.
 *
 * @param latencySource CDCLatencySource: now minus the commit time of the newest captured change
 *     (zero when nothing waits)
 * @param latencyTarget CDCLatencyTarget: now minus the commit time of the oldest change not yet
 *     committed on the target (includes the source latency; zero when nothing waits)
 * @param incomingChanges CDCIncomingChanges: row changes captured and not yet applied
 * @param memoryEvents CDCChangesMemoryTarget: events waiting in memory
 * @param diskEvents CDCChangesDiskTarget: events waiting in spill files
 * @param throughputSource CDCThroughputRowsSource: row changes captured per second
 * @param throughputTarget CDCThroughputRowsTarget: row changes applied per second
 * @param bandwidthSource CDCThroughputBandwidthSource: KB per second of change data captured
 *     (values' {@link io.opendms.engine.throughput.PayloadSize payload size})
 * @param bandwidthTarget CDCThroughputBandwidthTarget: KB per second of change data applied
 * @param captured row changes captured since the task started
 * @param applied row changes applied since the task started
 * @param appliedPosition the source position stored with the last target commit; empty before
 * @param tables per target table: Inserts, Updates, Deletes and Ddls committed, by table name
 * @param retainedBytes change log the source keeps for the task's capture (PostgreSQL: WAL held
 *     by the slot); -1 when not measured (yet)
 * @param suspended target tables the error policy suspended (DMS "Table error"), with the reason
 */
public record CdcMetrics(
    Duration latencySource,
    Duration latencyTarget,
    long incomingChanges,
    long memoryEvents,
    long diskEvents,
    double throughputSource,
    double throughputTarget,
    double bandwidthSource,
    double bandwidthTarget,
    long captured,
    long applied,
    String appliedPosition,
    Map<TableId, TableChanges> tables,
    long retainedBytes,
    Map<TableId, String> suspended) {

  public CdcMetrics {
    tables = Collections.unmodifiableMap(new TreeMap<>(tables));
    suspended = Collections.unmodifiableMap(new TreeMap<>(suspended));
  }

  /** These metrics with the tables the error policy suspended. */
  public CdcMetrics withSuspended(Map<TableId, String> reasons) {
    return new CdcMetrics(latencySource, latencyTarget, incomingChanges, memoryEvents, diskEvents,
        throughputSource, throughputTarget, bandwidthSource, bandwidthTarget, captured, applied,
        appliedPosition, tables, retainedBytes, reasons);
  }

  /** One line for logs and the console. */
  public String describe() {
    return String.format(
        "CDCLatencySource %.1f s, CDCLatencyTarget %.1f s, CDCIncomingChanges %d (memory %d, disk %d"
            + " events), CDCThroughputRowsSource %.0f/s, CDCThroughputRowsTarget %.0f/s, applied %d,"
            + " position %s, slot retains %s",
        latencySource.toMillis() / 1000.0, latencyTarget.toMillis() / 1000.0, incomingChanges,
        memoryEvents, diskEvents, throughputSource, throughputTarget, applied,
        appliedPosition.isEmpty() ? "-" : appliedPosition,
        retainedBytes < 0 ? "-" : String.format("%.1f MB WAL", retainedBytes / 1048576.0));
  }

  /** One line per table that changed: {@code schema.table: 3 inserts, 1 updates, 0 deletes, 0 ddls}. */
  public List<String> describeTables() {
    List<String> lines = new ArrayList<>();
    tables.forEach((table, c) -> lines.add(table + ": " + c.inserts() + " inserts, " + c.updates()
        + " updates, " + c.deletes() + " deletes, " + c.ddls() + " ddls"));
    suspended.forEach((table, reason) -> lines.add(table + ": Table error (suspended): " + reason));
    return lines;
  }
}
