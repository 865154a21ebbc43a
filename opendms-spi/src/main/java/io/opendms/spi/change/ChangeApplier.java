package io.opendms.spi.change;

import io.opendms.spi.position.SourcePosition;
import java.time.Instant;
import java.util.Optional;

/**
 * Applies changes to a target in transactions that also store the applied position. Confined to
 * one thread (the engine's apply thread). Every method blocks on the target and throws {@link
 * io.opendms.spi.error.OpenDmsException} naming the table on failure; after a failure the open
 * target transaction is rolled back and the applier is unusable.
 *
 * <p>Refused changes. The applier does not choose what happens to a change the target refuses;
 * the engine's {@link ApplyRequest#conflicts()} does (DMS's ErrorBehavior). An applier must:
 *
 * <ol>
 *   <li>detect an UPDATE or DELETE that affected no row and report it as {@link
 *       ApplyConflict.Kind#ROW_NOT_FOUND} (never ignore it on its own);
 *   <li>classify a statement the target rejects because of the data: a duplicate key on INSERT
 *       as {@code DUPLICATE_KEY}, a value too long as {@code TRUNCATION}, other constraint and
 *       value errors as {@code DATA_ERROR}; anything else (lost connection, permissions) is not a
 *       conflict and fails the call as before;
 *   <li>undo only the refused statement and keep the rest of the target transaction (a
 *       savepoint per statement, or roll back and replay the held changes one by one with
 *       savepoints once a batch failed), ask the handler once per change and reuse the answer
 *       on a replay;
 *   <li>carry out the {@link ApplyResolution}: write {@code LOG} and {@code SUSPEND_TABLE} changes
 *       to {@code <controlSchema>.awsdms_apply_exceptions} (task_name, table_owner, table_name,
 *       error_time, statement, error) in the same transaction as the changes, skip later changes
 *       of a suspended table, throw on {@code STOP}.
 * </ol>
 *
 * Database targets get points 3 and 4 from {@link CarefulApply} and supply only its {@link
 * CarefulApply.Target}.
 */
public interface ChangeApplier extends DdlApplier, AutoCloseable {

  /**
   * The position stored by the last {@link #commit} of this task on this target, in any earlier
   * run; empty when none was stored. Reads the target; call before the first {@link #apply}.
   */
  Optional<StoredPosition> storedPosition();

  /**
   * Starts a source transaction whose changes follow. Database appliers ignore it (the default);
   * the applier a {@link DeliveryTargetConnector}'s delivery runs under passes it on.
   */
  default void begin(Begin begin) {}

  /**
   * Adds one row change or truncation, naming a target table of the {@link ApplyRequest}, to the
   * open target transaction (opening one when needed); a {@link SchemaChange} goes to {@link
   * #applyDdl} instead. Changes must come in source order; in batch mode they may be held in
   * memory and written at {@link #commit}. Nothing is visible before {@link #commit}.
   */
  void apply(DataChange change);

  /**
   * Writes what is held, stores {@code through} (a {@link Commit#position()} whose transaction
   * was applied in full) and {@code commitTime} as this task's position, and commits it all in one
   * target transaction. Only after this returns may the engine acknowledge {@code through} to the
   * source. Returns the number of row changes written.
   */
  long commit(SourcePosition through, Instant commitTime);

  /**
   * {@link #commit(SourcePosition, Instant)}, also telling the target what DMS's status and history
   * tables say beyond its own commit: {@code bytes}, the payload of the changes committed, and the
   * task's {@code progress}. Database targets writing those tables override it; the default drops
   * both.
   */
  default long commit(SourcePosition through, Instant commitTime, long bytes, TaskProgress progress) {
    return commit(through, commitTime);
  }

  /**
   * Records the progress of the full load that runs before changes are applied in DMS's status
   * and history tables, when the request enables them: {@code rows} of {@code bytes} loaded since
   * the previous call, in a target transaction of its own that takes no lock a load needs. Only
   * on an applier that holds no change (one opened for this, before the first {@link #apply}).
   * The default writes through {@link #controlTableCommits()}.
   *
   * @param restart where a restart would resume the task, the capture's start, and when it was
   *     taken
   */
  default void recordFullLoad(long rows, long bytes, StoredPosition restart, TaskProgress progress) {
    controlTableCommits().ifPresent(commits -> commits.fullLoad(rows, bytes, restart, progress));
  }

  /**
   * Records that the task stopped as asked, in DMS's status table when the request enables it
   * ({@code NOT RUNNING}), in a target transaction of its own: only after the last {@link
   * #commit}. The default writes through {@link #controlTableCommits()}.
   */
  default void recordStopped() {
    controlTableCommits().ifPresent(ControlTableCommits::stopped);
  }

  /**
   * Records that change processing runs, with nothing to commit since the last {@link #commit}:
   * in DMS's status table when the request enables it ({@code CHANGE PROCESSING (CDC)}, the
   * time, backlog and memory of {@code progress}; the positions stay), in a target transaction
   * of its own. Called between commits only, with no change applied since the last one. The
   * default writes through {@link #controlTableCommits()}.
   */
  default void recordRunning(TaskProgress progress) {
    controlTableCommits().ifPresent(commits -> commits.running(progress));
  }

  /**
   * The DMS control tables this applier writes outside its batches, over its own connection;
   * empty (the default) for a target that keeps none.
   */
  default Optional<ControlTableCommits> controlTableCommits() {
    return Optional.empty();
  }

  /** Rolls back an open transaction and disconnects. Idempotent; never throws. */
  @Override
  void close();
}
