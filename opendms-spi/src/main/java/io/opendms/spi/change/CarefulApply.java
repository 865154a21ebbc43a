package io.opendms.spi.change;

import io.opendms.spi.table.TableId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The error-policy half of a database {@link ChangeApplier}, shared by every such target: holds the
 * changes of the open target transaction so that a refused fast path (JDBC batches, net changes)
 * can be replayed, replays them one change at a time through the target's {@link Target}, and
 * carries out the {@link ApplyResolution} the engine's {@link ApplyConflictHandler} gives for each
 * refused change, as {@link ChangeApplier}'s contract asks. The target supplies only what is its
 * own: applying one change alone behind a savepoint, its upsert, and its control-table rows.
 *
 * <p>Answers are remembered per change (by identity) until {@link #committed()}, so a second replay
 * of the same transaction asks the handler nothing twice. Confined to the apply thread.
 *
 * @param <E> the target's checked failure (for JDBC targets {@code SQLException})
 */
public final class CarefulApply<E extends Exception> {

  /** A target's side of the careful path; every method works inside the open target transaction. */
  public interface Target<E extends Exception> {

    /**
     * Applies the change alone. When the target refuses it because of its data, or an UPDATE or
     * DELETE matches no row, undoes this change only (savepoint) and returns what went wrong.
     *
     * @return null when applied
     * @throws E a failure that is not about the data: the caller fails the transaction
     */
    ApplyConflict applyAlone(RowChange change) throws E;

    /**
     * Writes the change's after image whether or not its key exists, undoing it when refused. Only
     * called for changes with an after image carrying every value.
     *
     * @return null when written, else why not (the target's message, or that the table has no key)
     */
    ApplyConflict upsertAlone(RowChange change) throws E;

    /** Writes one row to {@code awsdms_apply_exceptions}. */
    void recordException(ApplyConflict conflict) throws E;

    /** The table is suspended from now on: {@code awsdms_suspended_tables} when enabled. */
    void recordSuspended(TableId table, String reason) throws E;
  }

  private final Target<E> target;
  private final ApplyConflictHandler handler;
  private final Function<ApplyConflict, RuntimeException> stop;
  private final Map<RowChange, ApplyResolution> answered = new IdentityHashMap<>();
  private final Set<TableId> suspended = new HashSet<>();
  private final List<DataChange> held = new ArrayList<>();
  private boolean replaying;

  /**
   * @param stop rolls the target transaction back and returns the failure to throw for a STOP
   *     answer
   */
  public CarefulApply(Target<E> target, ApplyConflictHandler handler,
      Function<ApplyConflict, RuntimeException> stop) {
    this.target = Objects.requireNonNull(target, "target");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.stop = Objects.requireNonNull(stop, "stop");
  }

  /** Remembers a change of the open target transaction, for a replay. */
  public void hold(DataChange change) {
    held.add(change);
  }

  /** Whether the open target transaction goes one change at a time (something in it was refused). */
  public boolean replaying() {
    return replaying;
  }

  /**
   * The fast path of the open transaction was refused and the caller rolled it back: from now on
   * until {@link #committed()} changes go one at a time. Returns the held changes to replay, in
   * order.
   */
  public List<DataChange> startReplay() {
    replaying = true;
    return List.copyOf(held);
  }

  /** Whether changes of the table are no longer applied (a SUSPEND_TABLE answer). */
  public boolean isSuspended(TableId table) {
    return suspended.contains(table);
  }

  /** Applies one row change alone and carries out the policy's answer when it is refused. */
  public void apply(RowChange change) throws E {
    if (suspended.contains(change.table())) {
      return;
    }
    ApplyConflict conflict = target.applyAlone(change);
    if (conflict != null) {
      resolve(conflict);
    }
  }

  /** The target committed: forget held changes and answers; the next transaction goes fast. */
  public void committed() {
    held.clear();
    answered.clear();
    replaying = false;
  }

  private void resolve(ApplyConflict conflict) throws E {
    ApplyResolution resolution = answered.computeIfAbsent(conflict.change(), c -> handler.resolve(conflict));
    switch (resolution) {
      case SKIP -> { }
      case LOG -> target.recordException(conflict);
      case SUSPEND_TABLE -> {
        target.recordException(conflict);
        if (suspended.add(conflict.change().table())) {
          target.recordSuspended(conflict.change().table(), conflict.kind() + ": " + conflict.error());
        }
      }
      case UPSERT -> upsert(conflict);
      case STOP -> throw stop.apply(conflict);
    }
  }

  private void upsert(ApplyConflict conflict) throws E {
    RowChange change = conflict.change();
    if (change.after() == null || !change.unchanged().isEmpty()) {
      target.recordException(new ApplyConflict(change, conflict.kind(), conflict.statement(),
          conflict.error() + "; not upserted: the change lacks the values of unchanged columns",
          conflict.column()));
      return;
    }
    ApplyConflict failed = target.upsertAlone(change);
    if (failed != null) {
      target.recordException(failed);
    }
  }
}
