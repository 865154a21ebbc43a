package io.opendms.engine.task;

import io.opendms.engine.delivery.ParallelApply;
import io.opendms.engine.delivery.ParallelDelivery;
import io.opendms.spi.change.ApplyRequest;
import io.opendms.spi.change.ChangeDelivery;
import io.opendms.spi.change.ChangeApplier;
import io.opendms.spi.change.ChangeTargetConnector;
import io.opendms.spi.change.DeliveryTargetConnector;
import io.opendms.spi.target.TargetConnector;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the change applier of a task's target: the target's own (a database stores the position
 * in its apply transaction) or, for a broker or object store, a {@link DeliveredApplier} that keeps
 * the position in the task's directory; with {@code ParallelApplyThreads} on a target that {@link
 * DeliveryTargetConnector#deliversInParallel() delivers in parallel}, over a {@link
 * ParallelDelivery}.
 */
final class ChangeAppliers {
  private static final Logger log = LoggerFactory.getLogger(ChangeAppliers.class);

  private final ChangeTargetConnector database;
  private final DeliveryTargetConnector delivery;
  private final TaskStateStore store;
  private final ParallelApply parallel;

  private ChangeAppliers(ChangeTargetConnector database, DeliveryTargetConnector delivery,
      TaskStateStore store, ParallelApply parallel) {
    this.database = database;
    this.delivery = delivery;
    this.store = store;
    this.parallel = parallel;
  }

  /**
   * Empty when the target can take no changes. {@code parallel} is ignored, with a log line, by
   * targets that apply in their own transactions or keep the order of all changes.
   */
  static Optional<ChangeAppliers> of(TargetConnector target, TaskStateStore store,
      ParallelApply parallel) {
    if (target instanceof ChangeTargetConnector database) {
      ignored(parallel, "it applies changes in its own transactions, in source order");
      return Optional.of(new ChangeAppliers(database, null, store, ParallelApply.NONE));
    }
    if (target instanceof DeliveryTargetConnector delivery) {
      if (!delivery.deliversInParallel()) {
        ignored(parallel, "it keeps the source order of all changes");
        parallel = ParallelApply.NONE;
      }
      return Optional.of(new ChangeAppliers(null, delivery, store, parallel));
    }
    return Optional.empty();
  }

  private static void ignored(ParallelApply parallel, String why) {
    if (parallel.enabled()) {
      log.info("ParallelApplyThreads {} has no effect on this target: {}", parallel.threads(), why);
    }
  }

  ChangeApplier open(ApplyRequest request) {
    if (database != null) {
      return database.openApplier(request);
    }
    ChangeDelivery changes = parallel.enabled()
        ? ParallelDelivery.open(request, parallel, () -> delivery.openDelivery(request))
        : delivery.openDelivery(request);
    return new DeliveredApplier(changes, store);
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
