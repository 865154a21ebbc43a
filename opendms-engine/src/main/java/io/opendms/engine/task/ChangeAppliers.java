package io.opendms.engine.task;

import io.opendms.spi.change.ApplyRequest;
import io.opendms.spi.change.ChangeApplier;
import io.opendms.spi.change.ChangeTargetConnector;
import io.opendms.spi.change.DeliveryTargetConnector;
import io.opendms.spi.target.TargetConnector;
import java.time.Duration;
import java.util.Optional;

/**
 * Opens the change applier of a task's target: the target's own (a database stores the position
 * in its apply transaction) or, for a broker or object store, a {@link DeliveredApplier} that keeps
 * the position in the task's directory.
 */
final class ChangeAppliers {
  private final ChangeTargetConnector database;
  private final DeliveryTargetConnector delivery;
  private final TaskStateStore store;

  private ChangeAppliers(ChangeTargetConnector database, DeliveryTargetConnector delivery,
      TaskStateStore store) {
    this.database = database;
    this.delivery = delivery;
    this.store = store;
  }

  /** Empty when the target can take no changes. */
  static Optional<ChangeAppliers> of(TargetConnector target, TaskStateStore store) {
    if (target instanceof ChangeTargetConnector database) {
      return Optional.of(new ChangeAppliers(database, null, store));
    }
    if (target instanceof DeliveryTargetConnector delivery) {
      return Optional.of(new ChangeAppliers(null, delivery, store));
    }
    return Optional.empty();
  }

  ChangeApplier open(ApplyRequest request) {
    return database != null ? database.openApplier(request)
        : new DeliveredApplier(delivery.openDelivery(request), store);
  }

  /**
   * An applier that writes only the control tables of {@code request}, for the full load's
   * progress; empty for a target that has none (a broker or object store).
   */
  Optional<ChangeApplier> openForControlTables(ApplyRequest request) {
    return database == null ? Optional.empty() : Optional.of(database.openApplier(request));
  }

  /** How long changes are held at least before a commit; zero: as the task settings say. */
  Duration minimumFlushInterval() {
    return delivery == null ? Duration.ZERO : delivery.minimumFlushInterval();
  }
}
