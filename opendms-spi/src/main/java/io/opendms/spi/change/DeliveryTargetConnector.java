package io.opendms.spi.change;

import io.opendms.spi.target.TargetConnector;
import java.time.Duration;

/**
 * A target that can take changes but not store the applied position with them (see {@link
 * ChangeDelivery}). The engine checks for it with {@code instanceof}, after {@link
 * ChangeTargetConnector}, and keeps the position in the task's data directory.
 */
public interface DeliveryTargetConnector extends TargetConnector {

  /** Opens a delivery on a connection of its own, used by one apply thread. */
  ChangeDelivery openDelivery(ApplyRequest request);

  /**
   * The shortest time the engine should hold changes before a {@link ChangeDelivery#flush()}
   * unless a source transaction is larger (S3: {@code CdcMaxBatchInterval}, so that a file holds
   * many transactions); zero to follow the task's commit settings.
   */
  default Duration minimumFlushInterval() {
    return Duration.ZERO;
  }
}
