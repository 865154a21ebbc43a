package io.opendms.spi.change;

import io.opendms.spi.target.TargetConnector;
import java.time.Duration;

/**
 * A target that can take changes but not store the applied position with them (see {@link
 * ChangeDelivery}). The engine checks for it with {@code instanceof}, after {@link
 * ChangeTargetConnector}, and keeps the position in the task's data directory.
 */
public interface DeliveryTargetConnector extends TargetConnector {

  /**
   * Opens a delivery on a connection of its own, used by one apply thread. May be called several
   * times for one task when {@link #deliversInParallel()}; each delivery is then used by a thread
   * of its own.
   */
  ChangeDelivery openDelivery(ApplyRequest request);

  /**
   * The shortest time the engine should hold changes before a {@link ChangeDelivery#flush()}
   * unless a source transaction is larger (S3: {@code CdcMaxBatchInterval}, so that a file holds
   * many transactions); zero to follow the task's commit settings.
   */
  default Duration minimumFlushInterval() {
    return Duration.ZERO;
  }

  /**
   * Whether the task's changes may be spread over several deliveries running at once (DMS {@code
   * ParallelApplyThreads}), each opened by {@link #openDelivery} and driven by its own thread.
   * The engine then gives every change of one key (target table and primary key values) to the
   * same delivery in source order, but changes of different keys may reach the target in another
   * order than the source's; truncations and DDL run while no other delivery holds an unflushed
   * change, an update of a key only once the old key's delivery flushed. False (the default) for a target whose output keeps the order of
   * changes across keys (S3 files).
   */
  default boolean deliversInParallel() {
    return false;
  }
}
