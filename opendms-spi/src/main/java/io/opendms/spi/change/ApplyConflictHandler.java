package io.opendms.spi.change;

import io.opendms.spi.table.TableId;

/**
 * The engine's error policy, asked by a {@link ChangeApplier} about each change the target
 * refused or could not match. Called on the apply thread, at most once per change and target
 * transaction attempt (an applier that replays a transaction reuses its earlier answer).
 */
@FunctionalInterface
public interface ApplyConflictHandler {

  /** Fails on every conflict: what an applier does when nobody set a policy. */
  ApplyConflictHandler STOP_ON_ANY = conflict -> ApplyResolution.STOP;

  ApplyResolution resolve(ApplyConflict conflict);

  /**
   * Whether a DELETE of the table that matches no row is expected now and would be skipped
   * without a word ({@link #resolve} answering {@link ApplyResolution#SKIP}, counting nothing): a
   * replay over rows that may already hold its changes. An applier may then leave such a DELETE
   * be rather than take its careful path. Apply thread.
   */
  default boolean expectsMissingDeletes(TableId table) {
    return false;
  }
}
