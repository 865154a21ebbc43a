package io.opendms.spi.change;

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
}
