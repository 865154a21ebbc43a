package io.opendms.engine.cdc;

import io.opendms.spi.change.ChangeEvent;
import io.opendms.spi.position.BinlogPosition;
import io.opendms.spi.position.PgLsn;
import io.opendms.spi.position.SourcePosition;
import io.opendms.spi.table.TableId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The changes of some target tables, set aside by the {@link ApplyLoop} while those tables are
 * reloaded from a snapshot. The reloading thread asks for the hold, waits for {@link
 * #awaitHolding}, takes a snapshot whose point lies after every change applied so far, loads,
 * then calls {@link #loaded} with that point: the apply loop then applies the held changes of
 * transactions committed after the point (those before it are in the snapshot) and stops holding.
 * {@link #abandon} leaves the tables suspended: their changes are dropped until the task restarts,
 * which reloads them again. A table loaded in part from an earlier snapshot (a full load resumed
 * range by range) is <em>reconciled</em> instead: its held changes before the point are applied
 * too, in idempotent form, so that the partitions of the earlier snapshot catch up with the point.
 *
 * <p>Exactness rests on order: the loop starts holding between two source transactions, after
 * committing what it applied, and everything it applied was committed on the source before the
 * snapshot was taken, so it is in the snapshot.
 */
public final class TableHold implements AutoCloseable {

  /** Where a hold stands; moved by the reloading thread, read by the apply thread. */
  enum Phase {
    REQUESTED,
    HOLDING,
    LOADED,
    ABANDONED,
    RELEASED
  }

  private final Set<TableId> targets;
  private final ChangeBuffer changes;
  private final CountDownLatch holding = new CountDownLatch(1);
  private volatile Phase phase = Phase.REQUESTED;
  private volatile SourcePosition point;
  private volatile Set<TableId> reconciled = Set.of();
  private boolean heldInTransaction;

  /**
   * @param targets the target tables to hold
   * @param memoryLimitBytes held changes kept in memory; more go to spill files
   * @param spillDirectory this hold's own spill directory
   */
  public TableHold(Set<TableId> targets, long memoryLimitBytes, Path spillDirectory) {
    this.targets = Set.copyOf(targets);
    this.changes = new ChangeBuffer(memoryLimitBytes, spillDirectory);
  }

  public Set<TableId> targets() {
    return targets;
  }

  /**
   * Waits until the apply loop holds the tables' changes.
   *
   * @return false when {@code timeout} passed first (the loop is stuck in a long transaction)
   */
  public boolean awaitHolding(Duration timeout) throws InterruptedException {
    return holding.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * The reload is committed on the target with the snapshot taken at {@code snapshotPoint}: the
   * held changes after it may be applied.
   */
  public void loaded(SourcePosition snapshotPoint) {
    loaded(snapshotPoint, Set.of());
  }

  /**
   * As {@link #loaded(SourcePosition)}, where the target tables {@code reconcile} hold rows of an
   * earlier snapshot too (the point the change stream started from): their held changes before
   * the point are applied idempotently rather than dropped.
   */
  public void loaded(SourcePosition snapshotPoint, Set<TableId> reconcile) {
    point = snapshotPoint;
    reconciled = Set.copyOf(reconcile);
    phase = Phase.LOADED;
  }

  /** Apply thread: whether changes are held that were not replayed yet. */
  boolean hasHeld() {
    return !changes.isEmpty();
  }

  /** Whether the held changes of {@code target} before the point are applied, idempotently. */
  boolean reconciles(TableId target) {
    return reconciled.contains(target);
  }

  /** The reload failed or was stopped: the tables stay suspended. */
  public void abandon() {
    phase = Phase.ABANDONED;
    holding.countDown();
  }

  Phase phase() {
    return phase;
  }

  SourcePosition point() {
    return point;
  }

  /** Apply thread: from now on the tables' changes come here. */
  void startHolding() {
    phase = Phase.HOLDING;
    holding.countDown();
  }

  /** Apply thread: whether a change of {@code target} is set aside (or, abandoned, dropped). */
  boolean covers(TableId target) {
    Phase now = phase;
    return targets.contains(target) && now != Phase.REQUESTED && now != Phase.RELEASED;
  }

  /** Apply thread: sets a change of a covered table aside, in its transaction's order. */
  void hold(ChangeEvent change) {
    if (phase == Phase.ABANDONED) {
      return;
    }
    changes.put(change);
    heldInTransaction = true;
  }

  /** Apply thread: the end of a source transaction; marks the held changes of it with the commit. */
  void transactionEnded(ChangeEvent commit) {
    if (heldInTransaction) {
      changes.put(commit);
      heldInTransaction = false;
    }
  }

  /** Apply thread: the next held event, or null when none is left. */
  ChangeEvent nextHeld() throws InterruptedException {
    return changes.isEmpty() ? null : changes.poll(Duration.ZERO);
  }

  /** Apply thread: the held changes were applied; the tables flow normally again. */
  void markReleased() {
    phase = Phase.RELEASED;
  }

  /** Whether the loop applied the held changes and committed them. */
  public boolean isReleased() {
    return phase == Phase.RELEASED;
  }

  /** Whether {@code position} comes after the snapshot's point, that is, outside the snapshot. */
  boolean afterPoint(SourcePosition position) {
    if (position instanceof PgLsn lsn) {
      return lsn.compareTo((PgLsn) point) > 0;
    }
    return ((BinlogPosition) position).compareTo((BinlogPosition) point) > 0;
  }

  @Override
  public void close() {
    changes.close();
  }
}
