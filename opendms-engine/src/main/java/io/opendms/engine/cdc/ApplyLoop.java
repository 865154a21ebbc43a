package io.opendms.engine.cdc;

import io.opendms.spi.change.Begin;
import io.opendms.spi.change.ChangeApplier;
import io.opendms.spi.change.ChangeCapture;
import io.opendms.spi.change.ChangeEvent;
import io.opendms.spi.change.Commit;
import io.opendms.spi.change.DataChange;
import io.opendms.spi.change.RowChange;
import io.opendms.engine.throughput.PayloadSize;
import io.opendms.spi.change.Truncate;
import io.opendms.spi.table.TableId;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Takes events from the {@link ChangeBuffer} and applies them on the calling thread: changes of
 * source tables renamed to their target tables, several source transactions grouped into one
 * target commit (never splitting one), the position acknowledged to the source only after that
 * commit returned. {@link #stop()} may be called from any thread; the loop then finishes the
 * transaction in hand, commits and returns.
 */
public final class ApplyLoop {
  private static final Duration POLL = Duration.ofMillis(100);

  private final ChangeBuffer buffer;
  private final ChangeApplier applier;
  private final ChangeCapture capture;
  private final CdcCounters counters;
  private final CdcOptions options;
  private final ChangeRouting routing;
  private final Consumer<Commit> onCommitted;
  private final Clock clock;
  private volatile boolean stopping;
  private boolean inTransaction;
  private Commit lastCommit;
  private Begin transaction;
  private long heldChanges;
  private long heldBytes;
  private long firstHeldNanos;
  private final Map<TableId, TableChanges> heldByTable = new HashMap<>();

  /**
   * @param targets the target table of each captured source table; changes of other tables are
   *     dropped
   * @param onCommitted called after each target commit, on this thread (durable task state)
   */
  public ApplyLoop(ChangeBuffer buffer, ChangeApplier applier, ChangeCapture capture,
      CdcCounters counters, CdcOptions options, Map<TableId, TableId> targets,
      Consumer<Commit> onCommitted, Clock clock) {
    this(buffer, applier, capture, counters, options, ChangeRouting.renaming(targets), onCommitted,
        clock);
  }

  /**
   * @param routing turns each captured change into the target's change, or drops it
   * @param onCommitted called after each target commit, on this thread (durable task state)
   */
  public ApplyLoop(ChangeBuffer buffer, ChangeApplier applier, ChangeCapture capture,
      CdcCounters counters, CdcOptions options, ChangeRouting routing,
      Consumer<Commit> onCommitted, Clock clock) {
    this.buffer = buffer;
    this.applier = applier;
    this.capture = capture;
    this.counters = counters;
    this.options = options;
    this.routing = routing;
    this.onCommitted = onCommitted;
    this.clock = clock;
  }

  public void stop() {
    stopping = true;
  }

  /** Applies until stopped or a stop position is reached; rethrows capture and apply failures. */
  public CdcStop run() throws InterruptedException {
    while (true) {
      if (!inTransaction) {
        CdcStop stop = stopping ? CdcStop.STOPPED : pastServerTime() ? CdcStop.STOPPED_AT_SERVER_TIME : null;
        if (stop != null) {
          commitHeld();
          return stop;
        }
      }
      ChangeEvent event = buffer.poll(POLL);
      if (event == null) {
        if (!inTransaction && elapsed().compareTo(options.idleWait()) >= 0) {
          commitHeld();
        }
      } else if (event instanceof Begin begin) {
        if (options.stopAtCommitTime() != null && begin.commitTime().isAfter(options.stopAtCommitTime())) {
          commitHeld();
          return CdcStop.STOPPED_AT_COMMIT_TIME;
        }
        inTransaction = true;
        transaction = begin;
        applier.begin(begin);
        counters.applying(begin.commitTime());
      } else if (event instanceof Commit commit) {
        inTransaction = false;
        lastCommit = commit;
        if (heldChanges >= options.maxChanges() || elapsed().compareTo(options.maxWait()) >= 0
            || (buffer.isEmpty() && elapsed().compareTo(options.idleWait()) >= 0)) {
          commitHeld();
        }
      } else {
        apply((DataChange) event);
      }
    }
  }

  private void apply(DataChange change) {
    DataChange mapped = routing.route(change, transaction);
    if (mapped == null) {
      return;
    }
    if (heldChanges == 0) {
      firstHeldNanos = System.nanoTime();
    }
    applier.apply(mapped);
    heldChanges++;
    if (mapped instanceof RowChange row) {
      heldBytes += PayloadSize.ofImages(row.before(), row.after());
      TableChanges one = switch (row.operation()) {
        case INSERT -> new TableChanges(1, 0, 0, 0);
        case UPDATE -> new TableChanges(0, 1, 0, 0);
        case DELETE -> new TableChanges(0, 0, 1, 0);
      };
      heldByTable.merge(row.table(), one, TableChanges::plus);
    } else {
      ((Truncate) mapped).tables().forEach(
          t -> heldByTable.merge(t, new TableChanges(0, 0, 0, 1), TableChanges::plus));
    }
  }

  private void commitHeld() {
    if (lastCommit == null) {
      counters.applying(null);
      return;
    }
    Commit commit = lastCommit;
    long rows = applier.commit(commit.position(), commit.commitTime());
    capture.acknowledge(commit.position());
    counters.applied(rows, heldBytes, commit.position().format(), heldByTable);
    heldByTable.clear();
    heldBytes = 0;
    counters.applying(null);
    onCommitted.accept(commit);
    lastCommit = null;
    heldChanges = 0;
  }

  private Duration elapsed() {
    return heldChanges == 0 && lastCommit == null ? Duration.ZERO
        : heldChanges == 0 ? Duration.ofDays(1) : Duration.ofNanos(System.nanoTime() - firstHeldNanos);
  }

  private boolean pastServerTime() {
    return options.stopAtServerTime() != null && !clock.instant().isBefore(options.stopAtServerTime());
  }
}
