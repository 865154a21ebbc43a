package io.opendms.engine.cdc;

import io.opendms.spi.change.Commit;
import io.opendms.spi.change.TaskProgress;
import io.opendms.spi.table.TableId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters of a task's CDC, written by the capture and apply threads, read as {@link
 * CdcMetrics} by any thread.
 */
public final class CdcCounters {

  private final Clock clock;
  private final AtomicLong captured = new AtomicLong();
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong capturedBytes = new AtomicLong();
  private final AtomicLong appliedBytes = new AtomicLong();
  /** The last source commit the capture handed over; null before. */
  private volatile Commit newestRead;
  private volatile Instant applying;
  private volatile String appliedPosition = "";
  private final Map<TableId, TableChanges> tables = new ConcurrentHashMap<>();
  private Instant windowStart;
  private long windowCaptured;
  private long windowApplied;
  private long windowCapturedBytes;
  private long windowAppliedBytes;
  private double rateSource;
  private double rateTarget;
  private double bandwidthSource;
  private double bandwidthTarget;

  public CdcCounters(Clock clock) {
    this.clock = clock;
    this.windowStart = clock.instant();
  }

  /** The capture handed over a source transaction of {@code rowChanges}, ending with {@code commit}. */
  void captured(long rowChanges, long payloadBytes, Commit commit) {
    captured.addAndGet(rowChanges);
    capturedBytes.addAndGet(payloadBytes);
    newestRead = commit;
  }

  /**
   * What DMS's {@code awsdms_status} tells of the task now: the changes waiting in {@code buffer}
   * and its spill, the process's heap in use, the newest commit the capture has read.
   */
  public TaskProgress progress(ChangeBuffer buffer) {
    Commit read = newestRead;
    return new TaskProgress(buffer.waitingRowChanges(), buffer.diskBytes(), TaskProgress.heapInUse(),
        Optional.ofNullable(read).map(c -> c.position().format()), Optional.ofNullable(read).map(Commit::commitTime));
  }

  /** The apply thread starts a transaction committed at {@code commitTime}; null when idle. */
  void applying(Instant commitTime) {
    applying = commitTime;
  }

  void applied(long rowChanges, long payloadBytes, String position, Map<TableId, TableChanges> byTable) {
    applied.addAndGet(rowChanges);
    appliedBytes.addAndGet(payloadBytes);
    appliedPosition = position;
    byTable.forEach((table, changes) -> tables.merge(table, changes, TableChanges::plus));
  }

  /** The source position stored with the last target commit; empty before the first. */
  public String appliedPosition() {
    return appliedPosition;
  }

  /** Starts the counts of reloaded target tables again, as DMS does on a reload. */
  public void forget(java.util.Set<TableId> targets) {
    tables.keySet().removeAll(targets);
  }

  /** Changes committed on the target per target table since the task started. */
  public Map<TableId, TableChanges> tables() {
    return new TreeMap<>(tables);
  }

  /**
   * The metrics now. Throughputs are averaged since the previous call, so one reader (the
   * progress display) should call this periodically.
   */
  public CdcMetrics snapshot(ChangeBuffer buffer) {
    return snapshot(buffer, java.util.OptionalLong.empty());
  }

  /** {@link #snapshot(ChangeBuffer)} with the change log the source retains for the capture. */
  public synchronized CdcMetrics snapshot(ChangeBuffer buffer, java.util.OptionalLong retained) {
    Instant now = clock.instant();
    long capturedNow = captured.get();
    long appliedNow = applied.get();
    long capturedBytesNow = capturedBytes.get();
    long appliedBytesNow = appliedBytes.get();
    double seconds = Duration.between(windowStart, now).toMillis() / 1000.0;
    if (seconds >= 1) {
      rateSource = (capturedNow - windowCaptured) / seconds;
      rateTarget = (appliedNow - windowApplied) / seconds;
      bandwidthSource = (capturedBytesNow - windowCapturedBytes) / 1024.0 / seconds;
      bandwidthTarget = (appliedBytesNow - windowAppliedBytes) / 1024.0 / seconds;
      windowCapturedBytes = capturedBytesNow;
      windowAppliedBytes = appliedBytesNow;
      windowStart = now;
      windowCaptured = capturedNow;
      windowApplied = appliedNow;
    }
    long incoming = Math.max(0, capturedNow - appliedNow);
    boolean idle = incoming == 0 && applying == null;
    Instant newestCaptured = newestRead == null ? null : newestRead.commitTime();
    Duration source = idle || newestCaptured == null ? Duration.ZERO : positive(Duration.between(newestCaptured, now));
    Instant oldest = applying != null ? applying : newestCaptured;
    Duration target = idle || oldest == null ? Duration.ZERO : positive(Duration.between(oldest, now));
    return new CdcMetrics(source, target, incoming,
        buffer == null ? 0 : buffer.memoryEvents(), buffer == null ? 0 : buffer.diskEvents(),
        rateSource, rateTarget, bandwidthSource, bandwidthTarget, capturedNow, appliedNow,
        appliedPosition, tables(), retained.orElse(-1), Map.of());
  }

  private static Duration positive(Duration duration) {
    return duration.isNegative() ? Duration.ZERO : duration;
  }
}
