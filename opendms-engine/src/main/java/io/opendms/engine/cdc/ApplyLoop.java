package io.opendms.engine.cdc;

import io.opendms.spi.change.Begin;
import io.opendms.spi.change.ChangeApplier;
import io.opendms.spi.change.ChangeCapture;
import io.opendms.spi.change.ChangeEvent;
import io.opendms.spi.change.Commit;
import io.opendms.spi.change.ControlTableWrites;
import io.opendms.spi.change.DataChange;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.change.SchemaChange;
import io.opendms.engine.throughput.PayloadSize;
import io.opendms.spi.change.Truncate;
import io.opendms.spi.position.SourcePosition;
import io.opendms.spi.table.TableId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
  /** How long no change may come before the changes cached during a full load count as applied. */
  static final Duration CACHE_DRAINED_AFTER = Duration.ofSeconds(2);

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
  private Commit lastCommitted;
  /** The commit of the last source transaction read, held or not. */
  private SourcePosition lastRead;
  private final Queue<TableHold> requestedHolds = new ConcurrentLinkedQueue<>();
  private final List<TableHold> holds = new ArrayList<>();
  private long heldChanges;
  /** {@link ChangeBuffer#estimate} of the changes applied since the last commit. */
  private long heldMemory;
  private long heldBytes;
  private long firstHeldNanos;
  private final Map<TableId, TableChanges> heldByTable = new HashMap<>();
  private Consumer<DataChange> onApplied = change -> {};
  private Instant cachedUntil;
  private long lastEventNanos = System.nanoTime();
  /** When the target last recorded this task's status: at a commit or an idle refresh. */
  private Instant lastStatusWrite = Instant.MIN;

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

  /**
   * Also hands each source change to {@code applied} when it is applied to the target (or set
   * aside for a reloading table), before its target commit, on this thread. Call before {@link
   * #run}.
   */
  public ApplyLoop observingApplied(Consumer<DataChange> applied) {
    this.onApplied = applied;
    return this;
  }

  /**
   * Makes the loop stop once the changes committed on the source up to {@code fullLoadEnd} are
   * applied (DMS's {@code StopTaskCachedChangesApplied}): before the first transaction committed
   * later, or when no change has come for {@link #CACHE_DRAINED_AFTER} after that time. Call
   * before {@link #run}.
   */
  public ApplyLoop stoppingAfterChangesCommittedBy(Instant fullLoadEnd) {
    this.cachedUntil = fullLoadEnd;
    return this;
  }

  /**
   * Asks the loop to set the changes of the hold's tables aside from its next boundary between
   * source transactions, after committing what it applied; any thread.
   */
  public void hold(TableHold hold) {
    requestedHolds.add(hold);
  }

  /** Applies until stopped or a stop position is reached; rethrows capture and apply failures. */
  public CdcStop run() throws InterruptedException {
    while (true) {
      if (!inTransaction) {
        serviceHolds();
        CdcStop stop = stopping ? CdcStop.STOPPED : pastServerTime() ? CdcStop.STOPPED_AT_SERVER_TIME
            : cacheDrained() ? CdcStop.STOPPED_AFTER_CACHED_EVENTS : null;
        if (stop != null) {
          commitHeld();
          return stop;
        }
      }
      ChangeEvent event = buffer.poll(POLL);
      if (event != null && cachedUntil != null) {
        lastEventNanos = System.nanoTime(); // only the StopTaskCachedChangesApplied check reads it
      }
      if (event == null) {
        if (!inTransaction && elapsed().compareTo(options.idleWait()) >= 0) {
          commitHeld();
        }
        refreshIdleStatus();
      } else if (event instanceof Begin begin) {
        if (options.stopAtCommitTime() != null && begin.commitTime().isAfter(options.stopAtCommitTime())) {
          commitHeld();
          return CdcStop.STOPPED_AT_COMMIT_TIME;
        }
        if (cachedUntil != null && begin.commitTime().isAfter(cachedUntil)) {
          commitHeld();
          return CdcStop.STOPPED_AFTER_CACHED_EVENTS;
        }
        inTransaction = true;
        transaction = begin;
        applier.begin(begin);
        counters.applying(begin.commitTime());
      } else if (event instanceof Commit commit) {
        inTransaction = false;
        lastCommit = commit;
        lastRead = commit.position();
        holds.forEach(h -> h.transactionEnded(commit));
        if (heldChanges >= options.maxChanges() || heldMemory >= options.maxHeldBytes()
            || elapsed().compareTo(options.maxWait()) >= 0
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
    if (mapped != null) {
      onApplied.accept(change);
    }
    if (mapped != null && !holds.isEmpty()) {
      mapped = setAsideHeld(mapped);
    }
    if (mapped != null) {
      applyToTarget(mapped);
    }
  }

  /** Hands the part of a change that touches held tables to their hold; returns the rest. */
  private DataChange setAsideHeld(DataChange mapped) {
    if (mapped instanceof RowChange || mapped instanceof SchemaChange) {
      TableId table = mapped instanceof RowChange row ? row.table() : ((SchemaChange) mapped).table();
      for (TableHold hold : holds) {
        if (hold.covers(table)) {
          hold.hold(mapped);
          return null;
        }
      }
      return mapped;
    }
    Truncate truncate = (Truncate) mapped;
    List<TableId> rest = new ArrayList<>();
    for (TableId table : truncate.tables()) {
      TableHold covering = holds.stream().filter(h -> h.covers(table)).findFirst().orElse(null);
      if (covering == null) {
        rest.add(table);
      } else {
        covering.hold(new Truncate(List.of(table), truncate.restartIdentity()));
      }
    }
    return rest.isEmpty() ? null : new Truncate(rest, truncate.restartIdentity());
  }

  /** Between source transactions: starts requested holds, applies those whose reload is done. */
  private void serviceHolds() throws InterruptedException {
    TableHold requested;
    while ((requested = requestedHolds.poll()) != null) {
      // what was applied before must be on the target before the reload empties the table
      commitHeld();
      requested.startHolding();
      holds.add(requested);
    }
    for (Iterator<TableHold> it = holds.iterator(); it.hasNext(); ) {
      TableHold hold = it.next();
      if (hold.phase() == TableHold.Phase.LOADED && (hold.hasHeld() || passed(hold))) {
        replay(hold);
        if (hold.isReleased()) {
          it.remove();
        }
      }
    }
  }

  /**
   * Whether the stream has passed the hold's point. Every hold waits for it: the stream may lag
   * behind the reload's snapshot (far behind for a resumed full load, which streams from where
   * the first load started), and a change of a reloaded table committed before the point is in
   * the snapshot already, so it must still be told apart (dropped, or for a table the hold
   * reconciles applied idempotently) rather than applied on top. Until then held changes are
   * replayed as they come; on an idle source the hold simply stays.
   */
  private boolean passed(TableHold hold) {
    return lastRead != null && hold.afterPoint(lastRead);
  }

  /**
   * Applies a reloaded table's held changes of the transactions committed after its snapshot's
   * point, in their order, and commits them at the position already applied. Those before the
   * point are in the snapshot, except for the tables the hold reconciles: theirs are applied
   * too, idempotently, and the hold stays, replayed again as changes come, until the stream has
   * passed the point.
   */
  private void replay(TableHold hold) throws InterruptedException {
    commitHeld();
    List<DataChange> heldTransaction = new ArrayList<>();
    ChangeEvent event;
    while ((event = hold.nextHeld()) != null) {
      if (event instanceof Commit commit) {
        if (hold.afterPoint(commit.position())) {
          heldTransaction.forEach(this::applyToTarget);
        } else {
          heldTransaction.stream().filter(c -> reconciled(hold, c))
              .flatMap(c -> IdempotentChanges.of(c).stream()).forEach(this::applyToTarget);
        }
        heldTransaction.clear();
      } else {
        heldTransaction.add((DataChange) event);
      }
    }
    lastCommit = lastCommitted != null ? lastCommitted
        : new Commit(0, capture.startPosition(), clock.instant());
    commitHeld();
    if (passed(hold)) {
      hold.markReleased();
    }
  }

  private static boolean reconciled(TableHold hold, DataChange change) {
    return change instanceof RowChange row ? hold.reconciles(row.table())
        : ((Truncate) change).tables().stream().allMatch(hold::reconciles);
  }

  private void applyToTarget(DataChange mapped) {
    if (heldChanges == 0) {
      firstHeldNanos = System.nanoTime();
    }
    if (mapped instanceof SchemaChange ddl) {
      applier.applyDdl(ddl);
    } else {
      applier.apply(mapped);
    }
    heldChanges++;
    heldMemory += ChangeBuffer.estimate(mapped);
    if (mapped instanceof SchemaChange ddl) {
      heldByTable.merge(ddl.table(), new TableChanges(0, 0, 0, 1), TableChanges::plus);
    } else if (mapped instanceof RowChange row) {
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
    long rows = applier.commit(commit.position(), commit.commitTime(), heldBytes, counters.progress(buffer));
    capture.acknowledge(commit.position());
    counters.applied(rows, heldBytes, commit.position().format(), heldByTable);
    heldByTable.clear();
    heldBytes = 0;
    counters.applying(null);
    onCommitted.accept(commit);
    lastCommitted = commit;
    lastStatusWrite = clock.instant();
    lastCommit = null;
    heldChanges = 0;
    heldMemory = 0;
  }

  /**
   * With nothing applied or committed since the last commit, has the target record every {@link
   * ControlTableWrites#STATUS_INTERVAL} that the task runs: a quiet source commits nothing, and a
   * status time that stands still looks like a task that died. The first refresh comes at once:
   * a resumed task shows that it runs before its first change.
   */
  private void refreshIdleStatus() {
    Instant now = clock.instant();
    if (inTransaction || heldChanges > 0 || lastCommit != null
        || now.isBefore(lastStatusWrite.plus(ControlTableWrites.STATUS_INTERVAL))) {
      return;
    }
    applier.recordRunning(counters.progress(buffer));
    lastStatusWrite = now;
  }

  private Duration elapsed() {
    return heldChanges == 0 && lastCommit == null ? Duration.ZERO
        : heldChanges == 0 ? Duration.ofDays(1) : Duration.ofNanos(System.nanoTime() - firstHeldNanos);
  }

  private boolean cacheDrained() {
    return cachedUntil != null && buffer.isEmpty() && clock.instant().isAfter(cachedUntil)
        && System.nanoTime() - lastEventNanos >= CACHE_DRAINED_AFTER.toNanos();
  }

  private boolean pastServerTime() {
    return options.stopAtServerTime() != null && !clock.instant().isBefore(options.stopAtServerTime());
  }
}
