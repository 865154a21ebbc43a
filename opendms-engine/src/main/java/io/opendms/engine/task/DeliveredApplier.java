package io.opendms.engine.task;

import io.opendms.spi.change.Begin;
import io.opendms.spi.change.ChangeApplier;
import io.opendms.spi.change.ChangeDelivery;
import io.opendms.spi.change.DataChange;
import io.opendms.spi.change.SchemaChange;
import io.opendms.spi.change.StoredPosition;
import io.opendms.spi.position.SourcePosition;
import java.time.Instant;
import java.util.Optional;

/**
 * The applier of a target that cannot store the position with its data: {@link #commit} waits for
 * the target to acknowledge every change ({@link ChangeDelivery#flush()}) and only then stores the
 * position in the task's directory, so the apply loop acknowledges to the source no change the
 * target might not hold. At least once: see {@link ChangeDelivery}.
 */
final class DeliveredApplier implements ChangeApplier {
  private final ChangeDelivery delivery;
  private final TaskStateStore store;

  DeliveredApplier(ChangeDelivery delivery, TaskStateStore store) {
    this.delivery = delivery;
    this.store = store;
  }

  @Override
  public Optional<StoredPosition> storedPosition() {
    return store.loadDeliveredPosition();
  }

  @Override
  public void begin(Begin begin) {
    delivery.begin(begin);
  }

  @Override
  public void apply(DataChange change) {
    delivery.deliver(change);
  }

  @Override
  public void applyDdl(SchemaChange change) {
    delivery.applyDdl(change);
  }

  @Override
  public long commit(SourcePosition through, Instant commitTime) {
    long rows = delivery.flush();
    store.saveDeliveredPosition(new StoredPosition(through.format(), commitTime));
    return rows;
  }

  @Override
  public void close() {
    delivery.close();
  }
}
