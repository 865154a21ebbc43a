package io.opendms.spi.change;

import io.opendms.spi.target.TargetConnector;

/** A target that can also apply changes. The engine checks for it with {@code instanceof}. */
public interface ChangeTargetConnector extends TargetConnector {

  /**
   * Creates the control table when missing and opens an applier on a connection of its own.
   * Called on the engine's coordinating thread; the applier is then used by one apply thread.
   */
  ChangeApplier openApplier(ApplyRequest request);
}
